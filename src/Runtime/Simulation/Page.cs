namespace TaggedPtr.Simulation;

/// <summary>Page geometry of the simulated machine (4 KiB pages).</summary>
public static class Page
{
    /// <summary>Page size in bytes.</summary>
    public const ulong Size = 4096;

    /// <summary>log2 of <see cref="Size"/>.</summary>
    public const int Shift = 12;

    /// <summary>Offset-in-page mask.</summary>
    public const ulong OffsetMask = Size - 1;

    /// <summary>Rounds down to a page boundary.</summary>
    public static ulong AlignDown(ulong address) => address & ~OffsetMask;

    /// <summary>Rounds up to a page boundary (wraps to 0 on overflow, as the kernel's <c>PAGE_ALIGN</c> does).</summary>
    public static ulong AlignUp(ulong address) => (address + OffsetMask) & ~OffsetMask;

    /// <summary>True when <paramref name="address"/> is page aligned.</summary>
    public static bool IsAligned(ulong address) => (address & OffsetMask) == 0;
}
