using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using TaggedPtr.Generator.Helpers;

namespace TaggedPtr.Generator;

/// <summary>
/// The hint names that more than one wrapper maps to. Roslyn rejects a second file whose hint name equals another's
/// ignoring case (an exception that drops the whole generator, CS8785), and two legal wrappers such as <c>NodePtr</c>
/// and <c>nodePtr</c> do map to one name.
/// </summary>
internal static class HintNameClashes
{
    /// <summary>Every name that occurs twice or more in <paramref name="first"/> and <paramref name="second"/>, ignoring case, sorted.</summary>
    public static EquatableArray<string> Find(ImmutableArray<string> first, ImmutableArray<string> second)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clashing = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ImmutableArray<string> names in new[] { first, second })
        {
            foreach (string name in names)
            {
                if (!seen.Add(name))
                {
                    clashing.Add(name);
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
