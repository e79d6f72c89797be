namespace TaggedPtr.Simulation;

/// <summary>
/// One cached translation: the linear page once per access kind it allows, and the host address of the page. 32 bytes,
/// so the slot of an address is one shift and one mask of the address.
/// </summary>
/// <remarks>
/// A tag per access kind makes the permission test part of the page compare: an access compares the tag of its kind
/// and nothing else. A kind the page does not allow (and every kind in an empty entry) holds <see cref="NoAccess"/>.
/// </remarks>
internal struct TlbEntry
{
    /// <summary>
    /// A tag no access matches: bit 63 is in every fault mask, so no address that reaches the compare has it, and it
    /// is in every compare mask.
    /// </summary>
    public const ulong NoAccess = 1UL << 63;

    /// <summary>An entry that matches nothing.</summary>
    public static readonly TlbEntry Empty = new() { ReadTag = NoAccess, WriteTag = NoAccess };

    /// <summary>The linear page when it may be read (a writable page may be read too, as on x86), else <see cref="NoAccess"/>.</summary>
    public ulong ReadTag;

    /// <summary>The linear page when it may be written, else <see cref="NoAccess"/>.</summary>
    public ulong WriteTag;

    /// <summary>The host address of the page (an integer, so that it can be addressed by <c>Unsafe.AddByteOffset</c>).</summary>
    public nuint Host;

    private readonly ulong _padding;
}
