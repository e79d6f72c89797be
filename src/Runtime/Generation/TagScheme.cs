namespace TaggedPtr;

/// <summary>Where a generated wrapper keeps its high tag fields.</summary>
public enum TagScheme
{
    /// <summary>LAM_U57: bits 62:57, 6 bits. The only mode Linux enables; the default.</summary>
    LamU57 = 0,

    /// <summary>LAM_U48: bits 62:48, 15 bits. Hardware only: mainline Linux does not enable it.</summary>
    LamU48 = 1,

    /// <summary>arm64 Top Byte Ignore: bits 63:56, 8 bits.</summary>
    ArmTbi = 2,

    /// <summary>No high tag bits: only <see cref="LowTagFieldAttribute"/> fields, which need no hardware support.</summary>
    None = 3,
}
