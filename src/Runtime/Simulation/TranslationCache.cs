using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// A TLB: the last translations one CPU (a host thread) or one device engine used in one address space, so that a
/// simulated access that hits costs a few instructions instead of a VMA lookup.
/// </summary>
/// <remarks>
/// <para><b>Shootdown protocol.</b> The kernel invalidates remote TLBs with an IPI and waits for every CPU to
/// acknowledge before it frees a page. The simulator does the same with an asymmetric barrier: an access sets
/// <see cref="Active"/> (a plain store), tests the address against <see cref="FaultMask"/>, uses the entry, and clears
/// <see cref="Active"/>. A writer changes the page tables under the mmap write lock, bumps the address space's
/// generation, sets every registered cache's <see cref="FaultMask"/> to all ones (so the fast test fails for every
/// address), calls <see cref="Interlocked.MemoryBarrierProcessWide"/> (the IPI: it drains every CPU's store buffer) and
/// then waits until no cache with live entries is <see cref="Active"/>. Only then is host memory freed. Readers
/// therefore never take a lock or an atomic on a hit, and the validity test is the canonicality test they make anyway:
/// no load of the address space's generation on the hot path.</para>
/// <para>Entries are filled only on the slow path, under the mmap read lock, so fills never race with a writer.</para>
/// </remarks>
internal sealed unsafe class TranslationCache
{
    public const int EntryCount = 64;

    /// <summary>
    /// The <see cref="FaultMask"/> of an invalidated cache: every address but 0 fails the fast test. Address 0 passes it
    /// and then misses, because page 0 is never cached (see <see cref="Fill"/>).
    /// </summary>
    public const ulong Invalid = ulong.MaxValue;

    private const ulong PageMask = ~Page.OffsetMask;

    // The byte offset of an address's entry: page-number bits 17:12 times sizeof(TlbEntry) (32), in one shift and mask.
    private const int SlotShift = Page.Shift - 5;
    private const ulong SlotMask = (EntryCount - 1) << 5;

    // Inline in the object: one fewer dependent load than an array on every hit.
    private TlbEntries _entries;

    public TranslationCache(AddressSpace space, bool appliesLam)
    {
        Debug.Assert(Unsafe.SizeOf<TlbEntry>() == 1 << 5, "SlotShift and SlotMask assume 32-byte entries.");
        Space = space;
        AppliesLam = appliesLam;
        ((Span<TlbEntry>)_entries).Fill(TlbEntry.Empty);
    }

    /// <summary>1 while an access that may use a cached entry is in flight.</summary>
    public int Active;

    /// <summary>The address-space generation the entries and masks are valid for; -1 when empty.</summary>
    public long Generation = -1;

    /// <summary>
    /// Bits that must be clear for the fast path (see <see cref="LamHardware.UserFaultMask"/>), or
    /// <see cref="Invalid"/> while the cache holds nothing usable.
    /// </summary>
    public ulong FaultMask = Invalid;

    /// <summary>
    /// The address bits an entry's tag is compared on: the page number without the bits the hardware untags (all of
    /// it for a device). The address is never untagged on a hit; the ignored bits are simply not compared.
    /// </summary>
    public ulong CompareMask = PageMask;

    /// <summary>
    /// The address space the entries belong to, for the cache's whole life: a CPU that runs another address space
    /// gets another cache (see <see cref="CpuContext"/>), so a holder of this one never needs to check.
    /// </summary>
    public AddressSpace Space { get; }

    /// <summary>True for a CPU (LAM masking applies); false for a device, which translates raw values.</summary>
    public bool AppliesLam { get; }

    /// <summary>
    /// Gives the host address for <paramref name="size"/> bytes (1 to <see cref="Page.Size"/>) at
    /// <paramref name="address"/> when a cached entry covers all of them for the access; false means take the slow
    /// path. Caller has set <see cref="Active"/>.
    /// </summary>
    /// <remarks>
    /// <para>A bool and an out value rather than a nullable pointer: inlined, each early return becomes a branch
    /// straight to the caller's slow path, where a null result needed one more test on every hit.</para>
    /// <para>One compare checks page, permission and page crossing: the slot comes from the first byte's page and the
    /// tag is compared with the last byte's. An entry only lives in its own page's slot, and with at most a page of
    /// bytes the last byte is on the first byte's page or the next one, whose slot differs; so a match means both bytes
    /// are on the entry's page. A larger access could end <see cref="EntryCount"/> pages on, in the same slot, and
    /// match the wrong page, so it takes the slow path, which goes page by page; for the typed accessors the size is
    /// <c>sizeof(T)</c>, a constant, and that test folds away.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTranslate(ulong address, uint size, bool write, out byte* host)
    {
        Debug.Assert(size > 0, "An access has at least one byte.");
        if (size > Page.Size)
        {
            host = null;
            return false;
        }

        // Volatile: the test must be made after Active was raised, and never hoisted out of the caller's loop.
        if ((address & Volatile.Read(ref FaultMask)) != 0)
        {
            host = null;
            return false;
        }

        // Tags live above bit 47, so the slot bits need no untagging. Each field is addressed from the start of the
        // array (rather than through one ref to the entry) so that both loads use the slot in their addressing mode.
        nint slot = (nint)((address >> SlotShift) & SlotMask);
        ulong tag = write
            ? Unsafe.AddByteOffset(ref _entries[0].WriteTag, slot)
            : Unsafe.AddByteOffset(ref _entries[0].ReadTag, slot);
        if (((tag ^ (address + (size - 1))) & CompareMask) != 0)
        {
            host = null;
            return false;
        }

        host = (byte*)(Unsafe.AddByteOffset(ref _entries[0].Host, slot) + (nuint)(address & Page.OffsetMask));
        return true;
    }

    /// <summary>Empties the cache when the address space moved on, and reloads the masks. Slow path, under the mmap read lock.</summary>
    public void Revalidate(long generation, ulong faultMask, ulong untagMask)
    {
        // A writer may have invalidated this cache while its generation was current (the shootdown invalidates every
        // registered cache): that costs a refill, never a stale hit.
        if (Generation == generation && FaultMask != Invalid)
        {
            return;
        }

        ((Span<TlbEntry>)_entries).Fill(TlbEntry.Empty);
        CompareMask = PageMask & untagMask;
        Generation = generation;
        Volatile.Write(ref FaultMask, faultMask);
    }

    /// <summary>Makes every access miss until the next <see cref="Revalidate"/>. A writer's half of the shootdown.</summary>
    public void Invalidate() => Volatile.Write(ref FaultMask, Invalid);

    /// <summary>Caches the translation of one page. Slow path, under the mmap read lock, after <see cref="Revalidate"/>.</summary>
    /// <remarks>
    /// Page 0 is never cached, so an invalidated cache (whose fault mask lets only address 0 through) cannot hit; page 0
    /// is only mappable with <c>vm.mmap_min_addr</c> set to 0, and its accesses take the slow path.
    /// </remarks>
    public void Fill(ulong linearPage, byte* host, Protection protection)
    {
        ulong page = linearPage & PageMask;
        if (page == 0)
        {
            return;
        }

        bool writable = (protection & Protection.Write) != 0;
        ref TlbEntry entry = ref _entries[(int)((linearPage >> Page.Shift) & (EntryCount - 1))];
        entry.ReadTag = writable || (protection & Protection.Read) != 0 ? page : TlbEntry.NoAccess;
        entry.WriteTag = writable ? page : TlbEntry.NoAccess;
        entry.Host = (nuint)host;
    }
}
