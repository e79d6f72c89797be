using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using TaggedPtr.Generator.Helpers;

namespace TaggedPtr.Generator;

/// <summary>
/// The hint names that more than one wrapper maps to. Roslyn rejects a second file whose hint name equals another's
/// ignoring case (an exception that drops the whole generator, CS8785), and two legal wrappers such as <c>NodePtr</c>
/// and <c>nodePtr</c> do map to one name; those get their distinct names. A distinct name itself can repeat only when
/// two declarations have one full name, which the compiler rejects: those wrappers get no file.
/// </summary>
internal static class HintNameClashes
{
    /// <summary>
    /// Every hint name and every distinct hint name that occurs twice or more in <paramref name="first"/> and
    /// <paramref name="second"/>, ignoring case, sorted. (The two kinds cannot be confused: only a distinct name holds
    /// a <c>-</c>.)
    /// </summary>
    public static EquatableArray<string> Find(
        ImmutableArray<(string HintName, string DistinctHintName)> first, ImmutableArray<(string HintName, string DistinctHintName)> second)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clashing = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ImmutableArray<(string HintName, string DistinctHintName)> names in new[] { first, second })
        {
            foreach ((string hintName, string distinctHintName) in names)
            {
                if (!seen.Add(hintName))
                {
                    clashing.Add(hintName);
                }

                if (!seen.Add(distinctHintName))
                {
                    clashing.Add(distinctHintName);
                }
            }
        }

        return new EquatableArray<string>(clashing.ToImmutableArray());
    }

    /// <summary>Whether <paramref name="name"/> is one of <paramref name="clashing"/>, ignoring case as Roslyn does.</summary>
    public static bool Contains(EquatableArray<string> clashing, string name)
    {
        foreach (string candidate in clashing)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
