using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Symbols;

/// <summary>
/// Compares symbols by object identity, for caches of answers that depend only on the symbol itself. Two objects for
/// the same symbol (a constructed type built twice, another nullability annotation) merely get two cache entries with
/// the same answer; in exchange a lookup hashes a pointer instead of walking the symbol, and never compares structure.
/// </summary>
internal sealed class SymbolIdentityComparer : IEqualityComparer<ISymbol>
{
    public static readonly SymbolIdentityComparer Instance = new();

    private SymbolIdentityComparer()
    {
    }

    public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

    public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
}
