namespace TaggedPtr.Generator.Layout;

/// <summary>Which bits of the pointer a field lives in.</summary>
internal enum FieldRegion
{
    /// <summary>The scheme's high tag bits (<c>[TagField]</c>); offsets count from the scheme's lowest tag bit.</summary>
    High = 0,

    /// <summary>The pointee's alignment bits (<c>[LowTagField]</c>); offsets count from bit 0.</summary>
    Low = 1,
}
