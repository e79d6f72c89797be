namespace TaggedPtr.Generator.Layout;

/// <summary>Where one field lives: the result of <see cref="LayoutCalculator"/> for that field.</summary>
internal sealed class FieldLayout
{
    /// <summary>A placed field.</summary>
    public FieldLayout(
        string name,
        FieldRegion region,
        FieldKind kind,
        string typeName,
        int storageBits,
        int shift,
        int bits,
        int declarationIndex,
        bool isImplicit)
    {
        Name = name;
        Region = region;
        Kind = kind;
        TypeName = typeName;
        StorageBits = storageBits;
        Shift = shift;
        Bits = bits;
        DeclarationIndex = declarationIndex;
        IsImplicit = isImplicit;
        MaxValue = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        Mask = MaxValue << shift;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>High or low bits.</summary>
    public FieldRegion Region { get; }

    /// <summary>The kind of the field's type.</summary>
    public FieldKind Kind { get; }

    /// <summary>The type's display name; for an unsigned field declared without a type, the keyword chosen (<c>byte</c>).</summary>
    public string TypeName { get; }

    /// <summary>For <see cref="FieldKind.Unsigned"/>: width of the property type (8, 16, 32 or 64); otherwise 0.</summary>
    public int StorageBits { get; }

    /// <summary>The field's lowest bit in the 64-bit value.</summary>
    public int Shift { get; }

    /// <summary>Width in bits.</summary>
    public int Bits { get; }

    /// <summary>The largest value the field holds (<c>2^Bits - 1</c>).</summary>
    public ulong MaxValue { get; }

    /// <summary>The field's bits in place.</summary>
    public ulong Mask { get; }

    /// <summary>The highest bit of the field.</summary>
    public int HighestBit => Shift + Bits - 1;

    /// <summary>Index of the declaration in <see cref="LayoutRequest.Fields"/>, or -1 for the implicit <c>Tag</c>.</summary>
    public int DeclarationIndex { get; }

    /// <summary>True for the unnamed <c>Tag</c> a wrapper gets when it declares no field.</summary>
    public bool IsImplicit { get; }
}
