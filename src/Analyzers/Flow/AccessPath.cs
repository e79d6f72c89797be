using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// A storage location the taint analysis tracks inside one method: a local, a parameter, a flow capture, <c>this</c> or
/// a static field, followed by field, property or element selections (<c>desc.Pair.A</c>, <c>array[*]</c>).
/// </summary>
/// <remarks>Equality ignores <see cref="Type"/>, which only supplies the default taint of an untracked location.</remarks>
internal sealed class AccessPath : IEquatable<AccessPath>
{
    /// <summary>Longest selection chain tracked; deeper locations share the taint of their prefix.</summary>
    public const int MaxDepth = 4;

    /// <summary>The root used for <c>this</c>.</summary>
    public static readonly object ThisRoot = new();

    /// <summary>The selection used for any array element.</summary>
    public static readonly object ElementSelection = new();

    private readonly int _hash;

    public AccessPath(object root, ImmutableArray<object> selections, ITypeSymbol? type)
    {
        Root = root;
        Selections = selections;
        Type = type;
        int hash = RootHash(root);
        foreach (object selection in selections)
        {
            hash = unchecked((hash * 31) + RootHash(selection));
        }

        _hash = hash;
    }

    /// <summary>An <see cref="ISymbol"/>, a boxed <c>CaptureId</c>, or <see cref="ThisRoot"/>.</summary>
    public object Root { get; }

    /// <summary>Field or property symbols, or <see cref="ElementSelection"/>.</summary>
    public ImmutableArray<object> Selections { get; }

    /// <summary>The type of the location.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>The same location with one more selection.</summary>
    public AccessPath Select(object selection, ITypeSymbol? type) => new(Root, Selections.Add(selection), type);

    /// <summary>This path re-rooted under another one: <c>src.A.B</c> moved from <c>src</c> to <c>dst</c> is <c>dst.A.B</c>.</summary>
    public AccessPath Rebase(AccessPath from, AccessPath to)
    {
        var selections = to.Selections.AddRange(Selections.RemoveRange(0, from.Selections.Length));
        return new AccessPath(to.Root, selections, Type);
    }

    /// <summary>True when this path is <paramref name="prefix"/> or lies under it.</summary>
    public bool StartsWith(AccessPath prefix)
    {
        if (Selections.Length < prefix.Selections.Length || !Same(Root, prefix.Root))
        {
            return false;
        }

        for (int i = 0; i < prefix.Selections.Length; i++)
        {
            if (!Same(Selections[i], prefix.Selections[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Equals(AccessPath? other) =>
        other is not null && other._hash == _hash && other.Selections.Length == Selections.Length && StartsWith(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AccessPath);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    private static bool Same(object left, object right) =>
        left is ISymbol leftSymbol && right is ISymbol rightSymbol
            ? SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol)
            : left.Equals(right);

    private static int RootHash(object value) =>
        value is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : value.GetHashCode();
}
