using System;
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
    /// The <see cref="FaultMask"/> of an invalidated cache. Bit 0 is an address bit in every paging mode, so no real
    /// fault mask has it; the fast test ORs it into the address, which then fails against this mask even for address 0.
    /// </summary>
    public const ulong Invalid = ulong.MaxValue;

    private const ulong PageMask = ~Page.OffsetMask;

    // Inline in the object: one fewer dependent load than an array on every hit.
    private TlbEntries _entries;

    public TranslationCache(AddressSpace space, bool appliesLam)
    {
        Space = space;
        AppliesLam = appliesLam;
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

    /// <summary>The untag mask the hardware applies (all ones for a device).</summary>
    public ulong UntagMask = ulong.MaxValue;

    /// <summary>The address space the entries belong to.</summary>
    public AddressSpace Space { get; set; }

    /// <summary>True for a CPU (LAM masking applies); false for a device, which translates raw values.</summary>
    public bool AppliesLam { get; }

    /// <summary>
    /// Gives the host address for <paramref name="size"/> bytes at <paramref name="address"/> when a cached entry covers
    /// them with <paramref name="permission"/>; false means take the slow path. Caller has set <see cref="Active"/>.
    /// </summary>
    /// <remarks>A bool and an out value rather than a nullable pointer: inlined, each early return becomes a branch
    /// straight to the caller's slow path, where a null result needed one more test on every hit.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTranslate(ulong address, uint size, int permission, out byte* host)
    {
        // Volatile: the test must be made after Active was raised, and never hoisted out of the caller's loop.
        if (((address | 1) & Volatile.Read(ref FaultMask)) != 0)
        {
            host = null;
            return false;
        }

        ulong linear = address & UntagMask;
        ulong offset = linear & Page.OffsetMask;
        ref TlbEntry entry = ref Unsafe.Add(ref _entries[0], (nint)((linear >> Page.Shift) & (EntryCount - 1)));

        // One test for "same page and has the permission": the permission bit is forced on in the probe, so XOR leaves
        // it set exactly when the entry lacks it; the offset bits below it are masked away.
        ulong check = PageMask | (uint)permission;
        if (offset + size > Page.Size || ((entry.Tag ^ (linear | (uint)permission)) & check) != 0)
        {
            host = null;
            return false;
        }

        host = entry.Host + offset;
        return true;
    }

    /// <summary>Empties the cache when the address space moved on, and reloads the masks. Slow path, under the mmap read lock.</summary>
    public void Revalidate(long generation, ulong faultMask, ulong untagMask)
    {
        // A writer of another address space may have invalidated this cache after it moved here (it holds an old list
        // of caches): that costs a refill, never a stale hit.
        if (Generation == generation && FaultMask != Invalid)
        {
            return;
        }

        ((Span<TlbEntry>)_entries).Clear();
        UntagMask = untagMask;
        Generation = generation;
        Volatile.Write(ref FaultMask, faultMask);
    }

    /// <summary>Makes every access miss until the next <see cref="Revalidate"/>. A writer's half of the shootdown.</summary>
    public void Invalidate() => Volatile.Write(ref FaultMask, Invalid);

    /// <summary>Caches the translation of one page. Slow path, under the mmap read lock, after <see cref="Revalidate"/>.</summary>
    public void Fill(ulong linearPage, byte* host, Protection protection)
    {
        int permission = (int)protection & 7;
        if ((permission & (int)Protection.Write) != 0)
        {
            permission |= (int)Protection.Read;
        }

        ref TlbEntry entry = ref _entries[(int)((linearPage >> Page.Shift) & (EntryCount - 1))];
        entry.Tag = (linearPage & PageMask) | (uint)permission;
        entry.Host = host;
    }

    /// <summary>Forgets everything (a context switch to another address space).</summary>
    public void Reset(AddressSpace space)
    {
        Volatile.Write(ref FaultMask, Invalid);
        ((Span<TlbEntry>)_entries).Clear();
        Generation = -1;
        Space = space;
    }
}
