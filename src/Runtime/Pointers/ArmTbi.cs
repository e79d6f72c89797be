namespace TaggedPtr;

/// <summary>
/// arm64 Top Byte Ignore: an 8-bit tag in bits 63:56 of a user pointer. Provided for portable code and for
/// comparison; the simulated address space models x86-64, where such a pointer is non-canonical.
/// </summary>
/// <remarks>
/// <code>
///  63         56 55 54                                             0
/// ┌────────────┬──┬─────────────────────────────────────────────────┐
/// │ tag (8)    │0 │ address (55 bits; user addresses have bit 55 = 0)│
/// └────────────┴──┴─────────────────────────────────────────────────┘
/// </code>
/// </remarks>
public readonly struct ArmTbi : ITagScheme
{
    /// <inheritdoc/>
    public static int TagShift => 56;

    /// <inheritdoc/>
    public static int TagBits => 8;

    /// <inheritdoc/>
    public static ulong TagMask => 0xFF00_0000_0000_0000UL;

    /// <inheritdoc/>
    public static ulong UntagMask => 0x00FF_FFFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static ulong AddressMask => 0x007F_FFFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static string Name => "TBI";
}
