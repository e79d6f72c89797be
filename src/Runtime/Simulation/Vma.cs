namespace TaggedPtr.Simulation;

/// <summary>
/// A virtual memory area: a page-aligned range with one protection, backed by part of a <see cref="Backing"/>.
/// Mutated only under the address space's mmap write lock.
/// </summary>
internal sealed unsafe class Vma
{
    public Vma(ulong start, ulong end, Protection protection, bool shared, string name, Backing backing, ulong offset)
    {
        Start = start;
        End = end;
        Protection = protection;
        Shared = shared;
        Name = name;
        Backing = backing;
        Offset = offset;
    }

    public ulong Start { get; set; }

    public ulong End { get; set; }

    public Protection Protection { get; set; }

    public bool Shared { get; }

    public string Name { get; }

    public Backing Backing { get; }

    /// <summary>Byte offset of <see cref="Start"/> inside <see cref="Backing"/>.</summary>
    public ulong Offset { get; set; }

    public long PageCount => (long)((End - Start) >> Page.Shift);

    public bool Contains(ulong address) => address >= Start && address < End;

    public byte* HostAddress(ulong address) => Backing.Base + Offset + (address - Start);

    public long BackingPage(ulong address) => (long)((Offset + (address - Start)) >> Page.Shift);

    /// <summary>
    /// x86 page tables cannot express write-only, so a writable page is readable; an execute-only mapping is not
    /// (LAM-era CPUs enforce it with an execute-only protection key).
    /// </summary>
    public bool Permits(AccessKind access) => access switch
    {
        AccessKind.Read => (Protection & Protection.ReadWrite) != 0,
        AccessKind.Write => (Protection & Protection.Write) != 0,
        _ => (Protection & Protection.Execute) != 0,
    };

    public MemoryRegion ToRegion() => new(Start, End, Protection, Shared, Name);
}
