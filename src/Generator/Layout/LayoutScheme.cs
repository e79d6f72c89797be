namespace TaggedPtr.Generator.Layout;

/// <summary>
/// Where a wrapper keeps its high tag fields. The values equal <c>TaggedPtr.TagScheme</c>'s, so a scheme read from an
/// attribute argument converts with a plain cast.
/// </summary>
internal enum LayoutScheme
{
    /// <summary>LAM_U57: bits 62:57, 6 bits.</summary>
    LamU57 = 0,

    /// <summary>LAM_U48: bits 62:48, 15 bits.</summary>
    LamU48 = 1,

    /// <summary>arm64 Top Byte Ignore: bits 63:56, 8 bits.</summary>
    ArmTbi = 2,

    /// <summary>No high tag bits: only low (alignment) fields.</summary>
    None = 3,
}
