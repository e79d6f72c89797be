namespace TaggedPtr;

/// <summary>
/// Intel LAM_U57: a 6-bit tag in bits 62:57 of a user pointer. The only mode mainline Linux enables
/// (<c>arch_prctl(ARCH_ENABLE_TAGGED_ADDR, 1..6)</c>); the default scheme of <see cref="TaggedPtr{T}"/>.
/// </summary>
/// <remarks>
/// <code>
///  63 62        57 56                                              0
/// ┌──┬────────────┬─────────────────────────────────────────────────┐
/// │0 │ tag (6)    │ address (bit 56 must be 0; bits 56:47 on 4-level)│
/// └──┴────────────┴─────────────────────────────────────────────────┘
/// </code>
/// </remarks>
public readonly struct LamU57 : ITagScheme
{
    /// <inheritdoc/>
    public static int TagShift => 57;

    /// <inheritdoc/>
    public static int TagBits => 6;

    /// <inheritdoc/>
    public static ulong TagMask => 0x7E00_0000_0000_0000UL;

    /// <inheritdoc/>
    public static ulong UntagMask => 0x81FF_FFFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static ulong AddressMask => 0x00FF_FFFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static string Name => "LAM_U57";
}
