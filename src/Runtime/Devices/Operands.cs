using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>The one or two operands of a device chunk, and their host addresses once translated.</summary>
internal unsafe struct Operands
{
    public Operands(ulong first, AccessKind firstAccess)
    {
        First = first;
        FirstAccess = firstAccess;
        Count = 1;
    }

    public Operands(ulong first, AccessKind firstAccess, ulong second, AccessKind secondAccess)
    {
        First = first;
        FirstAccess = firstAccess;
        Second = second;
        SecondAccess = secondAccess;
        Count = 2;
    }

    public ulong First { get; }

    public AccessKind FirstAccess { get; }

    public ulong Second { get; }

    public AccessKind SecondAccess { get; }

    public int Count { get; }

    public byte* FirstHost;

    public byte* SecondHost;

    /// <summary>True when the mmap read lock is held (slow path) rather than the IOTLB's Active flag.</summary>
    public bool Locked;
}
