using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Symbols;

/// <summary>One <c>[TagField]</c> or <c>[LowTagField]</c> as written on a wrapper, before layout.</summary>
internal sealed class TagFieldDeclaration
{
    public TagFieldDeclaration(string? name, bool isLow, ITypeSymbol? type, int? bits, int offset, AttributeData attribute, int order)
    {
        Name = name;
        IsLow = isLow;
        Type = type;
        ExplicitBits = bits;
        Offset = offset;
        Attribute = attribute;
        Order = order;
    }

    /// <summary>The property name (null when the attribute argument is not a constant string).</summary>
    public string? Name { get; }

    /// <summary>True for a low (alignment) field.</summary>
    public bool IsLow { get; }

    /// <summary>The declared field type, or null for "smallest unsigned type".</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>The <c>Bits</c> named argument, or null when absent.</summary>
    public int? ExplicitBits { get; }

    /// <summary>The <c>Offset</c> named argument; -1 (the default) means "after the previous field".</summary>
    public int Offset { get; }

    /// <summary>The attribute, for locations.</summary>
    public AttributeData Attribute { get; }

    /// <summary>Position among the fields of the same kind, in declaration order.</summary>
    public int Order { get; }

    /// <summary>True for <c>bool</c>.</summary>
    public bool IsBool => Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>True for an enum type.</summary>
    public bool IsEnum => Type?.TypeKind == TypeKind.Enum;

    /// <summary>Where to report something about this field.</summary>
    public Location? Location => Attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();
}
