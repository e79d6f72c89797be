using System;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>Per-input seeds derived from one master seed, so any input can be rebuilt from its own seed alone.</summary>
internal static class Seeds
{
    /// <summary>The seed of input <paramref name="index"/> under <paramref name="master"/> (SplitMix64).</summary>
    public static ulong ForInput(ulong master, int index)
    {
        ulong z = unchecked(master + (0x9E37_79B9_7F4A_7C15UL * (ulong)(index + 1)));
        z = unchecked((z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A <see cref="Random"/> for <paramref name="seed"/>; <paramref name="stream"/> separates independent uses.</summary>
    public static Random Random(ulong seed, int stream) => new(unchecked((int)(ForInput(seed, stream) >> 33)));
}
