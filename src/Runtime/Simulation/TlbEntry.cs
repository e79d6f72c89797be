namespace TaggedPtr.Simulation;

/// <summary>
/// One cached translation: the linear page with its permission bits in the low bits (<c>R=1, W=2, X=4</c>), and the
/// host address of the page. An empty entry has no permission bits and never matches.
/// </summary>
internal unsafe struct TlbEntry
{
    public ulong Tag;
    public byte* Host;
}
