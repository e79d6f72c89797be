using System;
using System.Globalization;

namespace TaggedPtr.Fuzz.Tests;

/// <summary>
/// How much to fuzz. CI runs the defaults; a long run outside CI sets <c>TAGGEDPTR_FUZZ_INPUTS</c> (for example
/// 200000) and optionally <c>TAGGEDPTR_FUZZ_SEED</c> (decimal or 0x-hexadecimal) for another stream of inputs.
/// </summary>
/// <param name="Inputs">How many inputs.</param>
/// <param name="MasterSeed">The seed every input's seed derives from.</param>
internal sealed record FuzzSettings(int Inputs, ulong MasterSeed)
{
    /// <summary>The number of inputs in CI (issue 7 asks for at least 2,000).</summary>
    public const int DefaultInputs = 2000;

    /// <summary>The fixed master seed of CI runs.</summary>
    public const ulong DefaultMasterSeed = 0x7A66_0007_F022_2025UL;

    /// <summary>Environment variable: number of inputs.</summary>
    public const string InputsVariable = "TAGGEDPTR_FUZZ_INPUTS";

    /// <summary>Environment variable: master seed.</summary>
    public const string SeedVariable = "TAGGEDPTR_FUZZ_SEED";

    /// <summary>Every Nth input also runs Fix All for each fix it was offered.</summary>
    public const int FixAllEvery = 8;

    /// <summary>The settings of this run.</summary>
    public static FuzzSettings FromEnvironment() =>
        new(
            Environment.GetEnvironmentVariable(InputsVariable) is { Length: > 0 } inputs
                ? int.Parse(inputs, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : DefaultInputs,
            Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? ParseSeed(seed) : DefaultMasterSeed);

    private static ulong ParseSeed(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
