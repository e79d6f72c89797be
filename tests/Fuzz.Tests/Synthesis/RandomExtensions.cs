using System;
using System.Collections.Generic;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>Choices made from a seeded <see cref="Random"/> (the same seed always makes the same choices).</summary>
internal static class RandomExtensions
{
    /// <summary>One element of <paramref name="items"/>.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;
}
