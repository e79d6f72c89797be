using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// What the taint analysis knows at one program point: for each tracked location, the bits that may hold a tag
/// (0 = provably untagged). A location without an entry takes the entry of its nearest tracked prefix (a whole struct
/// copied from a tagged value), else the default of its type (tagged-pointer types are tagged, everything else is not).
/// </summary>
/// <remarks>
/// A state handed to the dataflow driver is never mutated again; <see cref="Clone"/> gives the mutable copy a block
/// transfer works on.
/// </remarks>
internal sealed class TaintState
{
    private readonly Dictionary<AccessPath, ulong> _entries;

    private TaintState(Dictionary<AccessPath, ulong> entries) => _entries = entries;

    /// <summary>Nothing tracked yet.</summary>
    public static TaintState Empty() => new(new Dictionary<AccessPath, ulong>());

    /// <summary>A mutable copy.</summary>
    public TaintState Clone() => new(new Dictionary<AccessPath, ulong>(_entries));

    /// <summary>The may-tag bits of a location.</summary>
    public ulong Lookup(AccessPath path, Func<ITypeSymbol?, ulong> defaultOf)
    {
        if (_entries.TryGetValue(path, out ulong mask))
        {
            return mask;
        }

        for (int length = path.Selections.Length - 1; length >= 0 && _entries.Count > 0; length--)
        {
            var prefix = new AccessPath(path.Root, path.Selections.RemoveRange(length, path.Selections.Length - length), null);
            if (_entries.TryGetValue(prefix, out ulong prefixMask))
            {
                return prefixMask;
            }
        }

        return defaultOf(path.Type);
    }

    /// <summary>Assigns a location: everything tracked under it is forgotten, the location itself gets the mask.</summary>
    public void Set(AccessPath path, ulong mask)
    {
        Kill(path);
        _entries[path] = mask;
    }

    /// <summary>Copies what is tracked strictly under <paramref name="from"/> to the same selections under <paramref name="to"/>.</summary>
    public void CopySubtree(AccessPath from, AccessPath to)
    {
        List<KeyValuePair<AccessPath, ulong>>? copies = null;
        foreach (KeyValuePair<AccessPath, ulong> entry in _entries)
        {
            if (entry.Key.Selections.Length > from.Selections.Length && entry.Key.StartsWith(from))
            {
                AccessPath rebased = entry.Key.Rebase(from, to);
                if (rebased.Selections.Length <= AccessPath.MaxDepth)
                {
                    (copies ??= new List<KeyValuePair<AccessPath, ulong>>()).Add(new KeyValuePair<AccessPath, ulong>(rebased, entry.Value));
                }
            }
        }

        if (copies is not null)
        {
            foreach (KeyValuePair<AccessPath, ulong> copy in copies)
            {
                _entries[copy.Key] = copy.Value;
            }
        }
    }

    /// <summary>Forgets a location and everything under it (it returns to its default).</summary>
    public void Kill(AccessPath path)
    {
        List<AccessPath>? doomed = null;
        foreach (AccessPath key in _entries.Keys)
        {
            if (key.StartsWith(path))
            {
                (doomed ??= new List<AccessPath>()).Add(key);
            }
        }

        if (doomed is not null)
        {
            foreach (AccessPath key in doomed)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>The state at a merge point: a location may be tagged if it may be on either path.</summary>
    public static TaintState Join(TaintState left, TaintState right, Func<ITypeSymbol?, ulong> defaultOf)
    {
        var merged = new Dictionary<AccessPath, ulong>(left._entries.Count + right._entries.Count);
        foreach (KeyValuePair<AccessPath, ulong> entry in left._entries)
        {
            merged[entry.Key] = entry.Value | right.Lookup(entry.Key, defaultOf);
        }

        foreach (KeyValuePair<AccessPath, ulong> entry in right._entries)
        {
            if (!merged.ContainsKey(entry.Key))
            {
                merged[entry.Key] = entry.Value | left.Lookup(entry.Key, defaultOf);
            }
        }

        return new TaintState(merged);
    }

    /// <summary>Entry-by-entry equality, for the fixed point.</summary>
    public bool SameAs(TaintState other)
    {
        if (other._entries.Count != _entries.Count)
        {
            return false;
        }

        foreach (KeyValuePair<AccessPath, ulong> entry in _entries)
        {
            if (!other._entries.TryGetValue(entry.Key, out ulong mask) || mask != entry.Value)
            {
                return false;
            }
        }

        return true;
    }
}
