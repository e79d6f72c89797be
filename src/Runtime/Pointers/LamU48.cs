namespace TaggedPtr;

/// <summary>
/// Intel LAM_U48: a 15-bit tag in bits 62:48. The hardware supports it, mainline Linux does not enable it (the
/// LAM_U48 patch was dropped at v6 of the series because it steals the 5-level paging address bits), so it is
/// available in the simulator only with <see cref="Simulation.LamPolicy.U48Patch"/>.
/// </summary>
/// <remarks>
/// <code>
///  63 62                    48 47 46                               0
/// ┌──┬────────────────────────┬──┬──────────────────────────────────┐
/// │0 │ tag (15)               │0 │ address (47 bits)                │
/// └──┴────────────────────────┴──┴──────────────────────────────────┘
/// </code>
/// </remarks>
public readonly struct LamU48 : ITagScheme
{
    /// <inheritdoc/>
    public static int TagShift => 48;

    /// <inheritdoc/>
    public static int TagBits => 15;

    /// <inheritdoc/>
    public static ulong TagMask => 0x7FFF_0000_0000_0000UL;

    /// <inheritdoc/>
    public static ulong UntagMask => 0x8000_FFFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static ulong AddressMask => 0x0000_7FFF_FFFF_FFFFUL;

    /// <inheritdoc/>
    public static string Name => "LAM_U48";
}
