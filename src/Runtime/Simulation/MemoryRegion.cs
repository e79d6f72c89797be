using System.Globalization;

namespace TaggedPtr.Simulation;

/// <summary>One mapping (VMA) of an address space, as <c>/proc/&lt;pid&gt;/maps</c> would list it.</summary>
/// <param name="Start">First byte.</param>
/// <param name="End">One past the last byte.</param>
/// <param name="Protection">What the CPU and bound devices may do with it.</param>
/// <param name="Shared">True for a <c>MAP_SHARED</c> mapping.</param>
/// <param name="Name">A label (<c>[heap]</c> for the brk area), or empty.</param>
public sealed record MemoryRegion(ulong Start, ulong End, Protection Protection, bool Shared, string Name)
{
    /// <summary>Length in bytes.</summary>
    public ulong Length => End - Start;

    /// <summary>True when <paramref name="address"/> lies inside.</summary>
    public bool Contains(ulong address) => address >= Start && address < End;

    /// <summary>A <c>/proc/&lt;pid&gt;/maps</c> line, for example <c>7f0000000000-7f0000004000 rw-p 00000000 00:00 0</c>.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:x}-{1:x} {2}{3}{4}{5} 00000000 00:00 0 {6}",
        Start,
        End,
        (Protection & Protection.Read) != 0 ? 'r' : '-',
        (Protection & Protection.Write) != 0 ? 'w' : '-',
        (Protection & Protection.Execute) != 0 ? 'x' : '-',
        Shared ? 's' : 'p',
        Name).TrimEnd();
}
