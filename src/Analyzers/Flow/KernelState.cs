using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// The kernel-order analysis state: for each address space (named by its root symbol), the facts that hold. Bound,
/// Enabled and Threaded are must-facts (intersected at merges) and Forced is a may-fact (united), so a warning needs
/// the mistake on every path and no force on any path: the rule never guesses.
/// </summary>
internal sealed class KernelState
{
    private const KernelFacts MayFacts = KernelFacts.Forced;

    private readonly Dictionary<ISymbol, KernelFacts> _facts;

    private KernelState(Dictionary<ISymbol, KernelFacts> facts) => _facts = facts;

    /// <summary>Nothing known.</summary>
    public static KernelState Empty() => new(new Dictionary<ISymbol, KernelFacts>(SymbolEqualityComparer.Default));

    /// <summary>A mutable copy.</summary>
    public KernelState Clone() => new(new Dictionary<ISymbol, KernelFacts>(_facts, SymbolEqualityComparer.Default));

    /// <summary>The facts about one address space.</summary>
    public KernelFacts Get(ISymbol root) => _facts.TryGetValue(root, out KernelFacts facts) ? facts : KernelFacts.None;

    /// <summary>Adds facts.</summary>
    public void Add(ISymbol root, KernelFacts facts) => _facts[root] = Get(root) | facts;

    /// <summary>Forgets an address space (exec, or the variable now names another one).</summary>
    public void Reset(ISymbol root) => _facts.Remove(root);

    /// <summary>The state at a merge point.</summary>
    public static KernelState Join(KernelState left, KernelState right)
    {
        var merged = new Dictionary<ISymbol, KernelFacts>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<ISymbol, KernelFacts> entry in left._facts)
        {
            KernelFacts other = right.Get(entry.Key);
            KernelFacts facts = (entry.Value & other & ~MayFacts) | ((entry.Value | other) & MayFacts);
            if (facts != KernelFacts.None)
            {
                merged[entry.Key] = facts;
            }
        }

        foreach (KeyValuePair<ISymbol, KernelFacts> entry in right._facts)
        {
            if (!left._facts.ContainsKey(entry.Key) && (entry.Value & MayFacts) != KernelFacts.None)
            {
                merged[entry.Key] = entry.Value & MayFacts;
            }
        }

        return new KernelState(merged);
    }

    /// <summary>Entry-by-entry equality.</summary>
    public bool SameAs(KernelState other)
    {
        if (other._facts.Count != _facts.Count)
        {
            return false;
        }

        foreach (KeyValuePair<ISymbol, KernelFacts> entry in _facts)
        {
            if (other.Get(entry.Key) != entry.Value)
            {
                return false;
            }
        }

        return true;
    }
}
