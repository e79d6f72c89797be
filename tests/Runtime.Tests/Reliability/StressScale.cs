using System;
using System.Globalization;

namespace TaggedPtr.Runtime.Tests.Reliability;

/// <summary>
/// How much longer the stress and model-based tests run than in CI: <c>TAGGEDPTR_STRESS_SCALE=100</c> runs a hundred
/// times the rounds, operations and programs (minutes instead of seconds), with the same fixed seeds.
/// </summary>
internal static class StressScale
{
    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("TAGGEDPTR_STRESS_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int factor) && factor > 1
            ? factor
            : 1;

    public static int Scale(int count) => checked(count * Factor);
}
