using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Symbols;

/// <summary>
/// A type marked <c>[TaggedPointer]</c> as its attributes declare it: pointee, scheme, alignment and fields. The
/// analyzers use it to know which bits of a wrapper may hold tags, how wide each <c>WithX</c> argument is, and to check
/// the declaration.
/// </summary>
internal sealed class WrapperDeclaration
{
    private WrapperDeclaration(
        INamedTypeSymbol type,
        AttributeData attribute,
        bool isGenericAttribute,
        ITypeSymbol? pointee,
        int scheme,
        int alignment,
        ImmutableArray<TagFieldDeclaration> fields)
    {
        Type = type;
        Attribute = attribute;
        IsGenericAttribute = isGenericAttribute;
        Pointee = pointee;
        Scheme = scheme;
        Alignment = alignment;
        Fields = fields;
        TagMask = ComputeTagMask();
    }

    /// <summary>The wrapper type.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[TaggedPointer]</c> attribute.</summary>
    public AttributeData Attribute { get; }

    /// <summary>True for <c>[TaggedPointer&lt;T&gt;]</c>.</summary>
    public bool IsGenericAttribute { get; }

    /// <summary>The pointee, or null when the argument is missing or not a type.</summary>
    public ITypeSymbol? Pointee { get; }

    /// <summary>The <c>TagScheme</c> value: 0 LamU57, 1 LamU48, 2 ArmTbi, 3 None; anything else is invalid.</summary>
    public int Scheme { get; }

    /// <summary>The <c>Alignment</c> named argument (0 = natural).</summary>
    public int Alignment { get; }

    /// <summary>Every field in declaration order.</summary>
    public ImmutableArray<TagFieldDeclaration> Fields { get; }

    /// <summary>The bits of the wrapper's raw value that may hold tags (high scheme bits and low field bits).</summary>
    public ulong TagMask { get; }

    /// <summary>The scheme's display name.</summary>
    public string SchemeName => Scheme switch
    {
        0 => "LAM_U57",
        1 => "LAM_U48",
        2 => "TBI",
        3 => "TagScheme.None",
        _ => "TagScheme " + Scheme,
    };

    /// <summary>The tag bits of the scheme: 6, 15, 8 or 0 (-1 for an undefined value).</summary>
    public int SchemeBits => Scheme switch
    {
        0 => 6,
        1 => 15,
        2 => 8,
        3 => 0,
        _ => -1,
    };

    /// <summary>Where to report something about the whole declaration.</summary>
    public Location? Location => Attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>Reads the attributes, or returns null when the type is not a wrapper.</summary>
    public static WrapperDeclaration? TryParse(INamedTypeSymbol type, KnownSymbols symbols)
    {
        AttributeData? wrapperAttribute = null;
        bool generic = false;
        ITypeSymbol? pointee = null;
        var fields = ImmutableArray.CreateBuilder<TagFieldDeclaration>();
        int highOrder = 0;
        int lowOrder = 0;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            INamedTypeSymbol? attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            if (wrapperAttribute is null && SymbolEqualityComparer.Default.Equals(attributeClass, symbols.TaggedPointerAttribute))
            {
                wrapperAttribute = attribute;
                pointee = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Type
                    ? attribute.ConstructorArguments[0].Value as ITypeSymbol
                    : null;
            }
            else if (wrapperAttribute is null && symbols.TaggedPointerAttributeGeneric is not null &&
                     SymbolEqualityComparer.Default.Equals(attributeClass.OriginalDefinition, symbols.TaggedPointerAttributeGeneric))
            {
                wrapperAttribute = attribute;
                generic = true;
                pointee = attributeClass.TypeArguments.Length == 1 ? attributeClass.TypeArguments[0] : null;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.TagFieldAttribute))
            {
                fields.Add(ParseField(attribute, isLow: false, highOrder++));
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.LowTagFieldAttribute))
            {
                fields.Add(ParseField(attribute, isLow: true, lowOrder++));
            }
        }

        if (wrapperAttribute is null)
        {
            return null;
        }

        int scheme = NamedInt(wrapperAttribute, "Scheme") ?? 0;
        int alignment = NamedInt(wrapperAttribute, "Alignment") ?? 0;
        return new WrapperDeclaration(type, wrapperAttribute, generic, pointee, scheme, alignment, fields.ToImmutable());
    }

    /// <summary>The field of this name, or null.</summary>
    public TagFieldDeclaration? FindField(string name)
    {
        foreach (TagFieldDeclaration field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>
    /// The width of a field: the explicit <c>Bits</c>, 1 for <c>bool</c>, the bits of the largest member of an enum;
    /// null when it cannot be known (missing, or an enum with a negative member).
    /// </summary>
    public static int? WidthOf(TagFieldDeclaration field)
    {
        if (field.ExplicitBits is { } bits && bits > 0)
        {
            return bits;
        }

        if (field.IsBool)
        {
            return 1;
        }

        if (field.IsEnum && field.Type is INamedTypeSymbol enumType)
        {
            ulong largest = 0;
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } constant)
                {
                    if (!TryGetUnsigned(constant.ConstantValue, out ulong value))
                    {
                        return null;
                    }

                    largest = value > largest ? value : largest;
                }
            }

            return largest == 0 ? 1 : 64 - LeadingZeros(largest);
        }

        return null;
    }

    /// <summary>Reads a constant as a non-negative integer; false for negative values and non-integers.</summary>
    public static bool TryGetUnsigned(object? value, out ulong result)
    {
        switch (value)
        {
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul: result = ul; return true;
            case char c: result = c; return true;
            case sbyte sb when sb >= 0: result = (ulong)sb; return true;
            case short s when s >= 0: result = (ulong)s; return true;
            case int i when i >= 0: result = (ulong)i; return true;
            case long l when l >= 0: result = (ulong)l; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Leading zero bits of a 64-bit value.</summary>
    public static int LeadingZeros(ulong value)
    {
        int count = 0;
        for (ulong bit = 1UL << 63; bit != 0 && (value & bit) == 0; bit >>= 1)
        {
            count++;
        }

        return count;
    }

    private static TagFieldDeclaration ParseField(AttributeData attribute, bool isLow, int order)
    {
        ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
        string? name = arguments.Length >= 1 ? arguments[0].Value as string : null;
        ITypeSymbol? type = arguments.Length >= 2 && arguments[1].Kind == TypedConstantKind.Type ? arguments[1].Value as ITypeSymbol : null;
        return new TagFieldDeclaration(name, isLow, type, NamedInt(attribute, "Bits"), NamedInt(attribute, "Offset") ?? -1, attribute, order);
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value)
            {
                return value;
            }
        }

        return null;
    }

    private ulong ComputeTagMask()
    {
        ulong high = Scheme switch
        {
            0 => KnownSymbols.LamU57TagMask,
            1 => KnownSymbols.LamU48TagMask,
            2 => KnownSymbols.ArmTbiTagMask,
            3 => 0UL,
            _ => KnownSymbols.UnknownSchemeTagMask,
        };
        bool anyHigh = false;
        int lowEnd = 0;
        int lowCursor = 0;
        foreach (TagFieldDeclaration field in Fields)
        {
            if (!field.IsLow)
            {
                anyHigh = true;
                continue;
            }

            // An unknowable width still marks the field's bits as tagged: the low nibble covers every natural
            // alignment up to 16 bytes.
            int width = WidthOf(field) ?? 4;
            int start = field.Offset >= 0 ? field.Offset : lowCursor;
            lowCursor = start + width;
            lowEnd = lowCursor > lowEnd ? lowCursor : lowEnd;
        }

        bool anyLow = lowEnd > 0;
        ulong low = lowEnd >= 64 ? ulong.MaxValue : (1UL << lowEnd) - 1;

        // Without any field the wrapper has one unnamed tag spanning the scheme.
        ulong mask = anyHigh || !anyLow ? high : 0;
        return mask | low;
    }
}
