namespace TaggedPtr.Generator.Layout;

/// <summary>The type of a tag field, as far as the layout cares.</summary>
internal enum FieldKind
{
    /// <summary><c>byte</c>, <c>ushort</c>, <c>uint</c>, <c>ulong</c>, or no type (the smallest that fits).</summary>
    Unsigned = 0,

    /// <summary><c>bool</c>: exactly one bit.</summary>
    Bool = 1,

    /// <summary>An enum: every member must fit.</summary>
    Enum = 2,

    /// <summary>Any other type: the declaration is rejected.</summary>
    Unsupported = 3,
}
