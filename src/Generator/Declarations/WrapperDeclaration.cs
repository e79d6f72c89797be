using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Declarations;

/// <summary>
/// A <c>[TaggedPointer]</c> declaration read from symbols: what the generator builds from and what the analyzers check.
/// Roslyn-facing (it holds symbols); the generator turns it into a symbol-free model before anything is cached.
/// </summary>
internal sealed class WrapperDeclaration
{
    /// <summary>A declaration.</summary>
    public WrapperDeclaration(
        INamedTypeSymbol type,
        AttributeData attribute,
        bool isGenericForm,
        ITypeSymbol? pointee,
        int equality,
        IReadOnlyList<DeclaredField> fields,
        LayoutRequest request,
        IReadOnlyList<DeclarationProblem> problems)
    {
        Type = type;
        Attribute = attribute;
        IsGenericForm = isGenericForm;
        Pointee = pointee;
        Equality = equality;
        Fields = fields;
        Request = request;
        Problems = problems;
    }

    /// <summary>The attributed type.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[TaggedPointer]</c> attribute.</summary>
    public AttributeData Attribute { get; }

    /// <summary>True for <c>[TaggedPointer&lt;T&gt;]</c>.</summary>
    public bool IsGenericForm { get; }

    /// <summary>The pointee, or null when the attribute does not name one.</summary>
    public ITypeSymbol? Pointee { get; }

    /// <summary>The <c>Equality</c> argument (a <c>TagEquality</c> value).</summary>
    public int Equality { get; }

    /// <summary>The fields that could be read, in declaration order; parallel to <see cref="LayoutRequest.Fields"/>.</summary>
    public IReadOnlyList<DeclaredField> Fields { get; }

    /// <summary>The input of <see cref="LayoutCalculator.Calculate"/>, built even when there are problems.</summary>
    public LayoutRequest Request { get; }

    /// <summary>Problems outside the bit layout; the declaration is generated only when this and the layout's are empty.</summary>
    public IReadOnlyList<DeclarationProblem> Problems { get; }
}
