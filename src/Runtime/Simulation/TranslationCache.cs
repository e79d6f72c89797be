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
/// <see cref="Active"/> (a plain store), checks that <see cref="Generation"/> still matches the address space, uses the
/// entry, and clears <see cref="Active"/>. A writer changes the page tables under the mmap write lock, bumps the address
/// space's generation, calls <see cref="Interlocked.MemoryBarrierProcessWide"/> (the IPI: it drains every CPU's store
/// buffer) and then waits until no cache with live entries is <see cref="Active"/>. Only then is host memory freed.
/// Readers therefore never take a lock or an atomic on a hit.</para>
/// <para>Entries are filled only on the slow path, under the mmap read lock, so fills never race with a writer.</para>
/// </remarks>
internal sealed unsafe class TranslationCache
{
    public const int EntryCount = 64;

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

    /// <summary>Bits that must be clear for the fast path (see <see cref="LamHardware.UserFaultMask"/>).</summary>
    public ulong FaultMask;

    /// <summary>The untag mask the hardware applies (all ones for a device).</summary>
    public ulong UntagMask = ulong.MaxValue;

    /// <summary>The address space the entries belong to.</summary>
    public AddressSpace Space { get; set; }

    /// <summary>True for a CPU (LAM masking applies); false for a device, which translates raw values.</summary>
    public bool AppliesLam { get; }

    /// <summary>
    /// Returns the host address for <paramref name="size"/> bytes at <paramref name="address"/> when a cached entry
    /// covers them with <paramref name="permission"/>, else null (take the slow path). Caller has set <see cref="Active"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* TryTranslate(ulong address, uint size, int permission)
    {
        if (Generation != Volatile.Read(ref Space.GenerationCell) || (address & FaultMask) != 0)
        {
            return null;
        }

        ulong linear = address & UntagMask;
        ulong offset = linear & Page.OffsetMask;
        ref TlbEntry entry = ref Unsafe.Add(ref _entries[0], (nint)((linear >> Page.Shift) & (EntryCount - 1)));
        if (offset + size > Page.Size || ((entry.Tag ^ linear) & PageMask) != 0 || (entry.Tag & (ulong)permission) == 0)
        {
            return null;
        }

        return entry.Host + offset;
    }

    /// <summary>Empties the cache when the address space moved on, and reloads the masks. Slow path, under the mmap read lock.</summary>
    public void Revalidate(long generation, ulong faultMask, ulong untagMask)
    {
        if (Generation == generation)
        {
            return;
        }

        ((Span<TlbEntry>)_entries).Clear();
        FaultMask = faultMask;
        UntagMask = untagMask;
        Generation = generation;
    }

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
        ((Span<TlbEntry>)_entries).Clear();
        Generation = -1;
        Space = space;
    }
}
