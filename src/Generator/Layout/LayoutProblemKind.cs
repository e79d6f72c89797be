namespace TaggedPtr.Generator.Layout;

/// <summary>Why a declaration has no layout. The analyzers map each kind to a rule.</summary>
internal enum LayoutProblemKind
{
    /// <summary>The scheme value is not a <see cref="LayoutScheme"/>.</summary>
    UnknownScheme = 0,

    /// <summary><c>Alignment</c> is negative or not a power of two.</summary>
    InvalidAlignment = 1,

    /// <summary>No field is declared and the scheme has no high bits for the implicit <c>Tag</c>.</summary>
    NothingToTag = 2,

    /// <summary>A field name is not a C# identifier.</summary>
    InvalidName = 3,

    /// <summary>Two fields have the same name.</summary>
    DuplicateName = 4,

    /// <summary>A field's property or one of its methods has the name of another member.</summary>
    NameCollision = 5,

    /// <summary>The field type is not <c>bool</c>, an enum, or an unsigned integer type.</summary>
    UnsupportedFieldType = 6,

    /// <summary>An unsigned field without <c>Bits</c>.</summary>
    MissingBits = 7,

    /// <summary><c>Bits</c> is negative.</summary>
    BitsNotPositive = 8,

    /// <summary>A <c>bool</c> field with <c>Bits</c> other than 1.</summary>
    BoolBitsNotOne = 9,

    /// <summary>The field's type cannot hold <c>Bits</c> bits.</summary>
    TypeTooNarrow = 10,

    /// <summary>An enum member is negative or larger than the field holds.</summary>
    EnumMemberDoesNotFit = 11,

    /// <summary><c>Offset</c> is below -1.</summary>
    InvalidOffset = 12,

    /// <summary>The high fields need more bits than the scheme has.</summary>
    HighBitsExceeded = 13,

    /// <summary>The low fields need more bits than the pointee's alignment frees.</summary>
    LowBitsExceeded = 14,

    /// <summary>A field's offset puts part of it past the end of its region.</summary>
    FieldOutsideRegion = 15,

    /// <summary>Two fields share a bit.</summary>
    Overlap = 16,
}
