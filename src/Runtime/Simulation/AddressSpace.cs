using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using TaggedPtr.Devices;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated x86-64 process address space: the kernel's <c>mm_struct</c>. It owns the mappings (backed by real host
/// memory), the LAM state (<c>lam_cr3_mask</c>, <c>untag_mask</c>, the <c>LOCK_LAM</c> and <c>FORCE_TAGGED_SVA</c> flags)
/// and the PASID devices use to share it. Threads (<see cref="SimThread"/>) run in it; system calls are made through them.
/// </summary>
/// <remarks>
/// <para><b>Locking model.</b> As in the kernel, one <i>mmap lock</i> (a reader/writer lock) serialises every change to
/// the mappings and to the LAM mode: mmap, munmap, mprotect, mremap, brk, MADV_DONTNEED, LAM enabling, and the
/// assignment of a PASID by a device bind (the serialisation the seed patch asked for, so that "LAM and a PASID imply
/// FORCE" holds even between racing threads). Slow-path CPU accesses, device accesses and pins take it for reading.
/// The two context flags are atomic bit operations outside the lock, exactly like <c>set_bit()</c> in the kernel.</para>
/// <para>Accesses that hit a cached translation take no lock at all: see <see cref="TranslationCache"/> for the
/// shootdown protocol that keeps them from touching memory after it was unmapped.</para>
/// </remarks>
public sealed unsafe class AddressSpace
{
    /// <summary>The kernel's <c>MM_CONTEXT_LOCK_LAM</c> bit number.</summary>
    public const int LockLamBit = 2;

    /// <summary>The kernel's <c>MM_CONTEXT_FORCE_TAGGED_SVA</c> bit number.</summary>
    public const int ForceTaggedSvaBit = 3;

    /// <summary>Where top-down mmap starts (the simulated <c>mmap_base</c>).</summary>
    public const ulong MmapBase = 0x0000_7F00_0000_0000UL;

    /// <summary>Where the heap (<c>brk</c>) starts.</summary>
    public const ulong StartBrk = 0x0000_5555_5555_0000UL;

    private static int s_nextId;

    private readonly ReaderWriterLockSlim _mmapLock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<Vma> _vmas = new();
    private readonly object _cachesGate = new();
    private TranslationCache[] _caches = Array.Empty<TranslationCache>();

    // mm->context.
    private volatile LamMode _lamMode;
    private ulong _untagMask = ulong.MaxValue;
    private int _contextFlags;

    // mm->iommu_mm: the PASID, kept until the address space is torn down (lazy free).
    private uint _pasid = PasidAllocator.Invalid;

    private int _users;
    private int _grabs;
    private bool _exited;
    private ulong _brk = StartBrk;

    /// <summary>Bumped whenever a cached translation or mask may have become stale. Read by every cached access.</summary>
    internal long GenerationCell;

    internal AddressSpace(Kernel kernel)
    {
        Kernel = kernel;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>The kernel this address space belongs to.</summary>
    public Kernel Kernel { get; }

    /// <summary>A number that identifies this address space in reports.</summary>
    public int Id { get; }

    /// <summary>The LAM mode (<c>lam_cr3_mask</c>).</summary>
    public LamMode LamMode => _lamMode;

    /// <summary>The untag mask (<c>mm->context.untag_mask</c>): all ones until LAM is enabled.</summary>
    public ulong UntagMask => Volatile.Read(ref _untagMask);

    /// <summary><c>MM_CONTEXT_LOCK_LAM</c>: LAM was enabled, or a thread was cloned; enabling again returns <c>-EBUSY</c>.</summary>
    public bool LamLocked => (Volatile.Read(ref _contextFlags) & (1 << LockLamBit)) != 0;

    /// <summary><c>MM_CONTEXT_FORCE_TAGGED_SVA</c>: the process asked for LAM and SVA to coexist.</summary>
    public bool ForceTaggedSva => (Volatile.Read(ref _contextFlags) & (1 << ForceTaggedSvaBit)) != 0;

    /// <summary>True once a device bind gave this address space a PASID (<c>mm_valid_pasid()</c>). Never cleared.</summary>
    public bool HasPasid => Volatile.Read(ref _pasid) != PasidAllocator.Invalid;

    /// <summary>The PASID, or null when none was ever assigned.</summary>
    public uint? Pasid => HasPasid ? Volatile.Read(ref _pasid) : null;

    /// <summary>Tasks using this address space (<c>mm_users</c>).</summary>
    public int Users => Volatile.Read(ref _users);

    /// <summary>True once the last user left and the mappings were torn down.</summary>
    public bool HasExited => Volatile.Read(ref _exited);

    /// <summary><c>TASK_SIZE</c> for 64-bit tasks.</summary>
    public ulong TaskSize => Kernel.Config.TaskSizeMax;

    /// <summary>The current program break.</summary>
    public ulong Brk
    {
        get
        {
            _mmapLock.EnterReadLock();
            try
            {
                return _brk;
            }
            finally
            {
                _mmapLock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Every mapping, lowest first. With SVA a bound device shares the whole address space, so this is also the list of
    /// regions a device bound to this address space may touch (see <c>SvaBinding.VisibleRegions</c>).
    /// </summary>
    public IReadOnlyList<MemoryRegion> Regions
    {
        get
        {
            _mmapLock.EnterReadLock();
            try
            {
                var regions = new MemoryRegion[_vmas.Count];
                for (int i = 0; i < regions.Length; i++)
                {
                    regions[i] = _vmas[i].ToRegion();
                }

                return regions;
            }
            finally
            {
                _mmapLock.ExitReadLock();
            }
        }
    }

    /// <summary>The mappings as <c>/proc/&lt;pid&gt;/maps</c> prints them.</summary>
    public string FormatMaps()
    {
        var lines = new System.Text.StringBuilder();
        foreach (MemoryRegion region in Regions)
        {
            lines.Append(region.ToString()).Append('\n');
        }

        return lines.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture, "mm#{0} (LAM {1}, untag_mask 0x{2:x}, PASID {3})", Id, LamMode, UntagMask, Pasid?.ToString(CultureInfo.InvariantCulture) ?? "none");

    // ------------------------------------------------------------------ context flags and LAM

    internal void SetContextFlag(int bit) => Interlocked.Or(ref _contextFlags, 1 << bit);

    /// <summary>
    /// <c>prctl_enable_tagged_addr()</c> steps 4–7 (kernel-lam.md §1.4). Steps 1–3 run in
    /// <see cref="ArchPrctlHandler"/> before this, without the lock, as in the kernel.
    /// </summary>
    internal Errno EnableLam(ulong nrBits, out string reason)
    {
        _mmapLock.EnterWriteLock();
        try
        {
            // The kernel checks the PASID before taking the lock; a bind could slip in between. Checking again under
            // the lock that binds also take keeps LAM ∧ PASID ⇒ FORCE, and the result is that of the serial order
            // "bind, then enable", which the kernel would have answered with the same EINVAL.
            if (HasPasid && !ForceTaggedSva)
            {
                reason = PasidWithoutForceReason;
                return Errno.EINVAL;
            }

            if (LamLocked)
            {
                reason = "MM_CONTEXT_LOCK_LAM is set: LAM was already enabled, or a thread was cloned (LAM can only be enabled while single-threaded)";
                return Errno.EBUSY;
            }

            LamMode mode;
            if (nrBits == 0)
            {
                reason = "nr_bits is 0";
                return Errno.EINVAL;
            }

            if (nrBits <= ArchPrctlOption.LamU57Bits)
            {
                mode = LamMode.U57;
            }
            else if (Kernel.Config.LamPolicy == LamPolicy.U48Patch && nrBits <= ArchPrctlOption.LamU48Bits)
            {
                if (!LamU48AllowedLocked())
                {
                    reason = "LAM_U48 would steal address bits 56:48 that a mapping above 47 bits already uses";
                    return Errno.EBUSY;
                }

                mode = LamMode.U48;
            }
            else
            {
                reason = Kernel.Config.LamPolicy == LamPolicy.U48Patch
                    ? string.Format(CultureInfo.InvariantCulture, "nr_bits {0} is above LAM_U48_BITS (15)", nrBits)
                    : string.Format(CultureInfo.InvariantCulture, "nr_bits {0} is above LAM_U57_BITS (6); mainline has no LAM_U48", nrBits);
                return Errno.EINVAL;
            }

            // mm_enable_lam(): new mode and mask, then the IPI to every CPU running this mm.
            _lamMode = mode;
            Volatile.Write(ref _untagMask, LamHardware.UntagMask(mode));
            ShootdownLocked();
            SetContextFlag(LockLamBit);
            reason = string.Empty;
            return Errno.None;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
        }
    }

    internal const string PasidWithoutForceReason =
        "the address space has a PASID (a device was bound to it; the PASID stays until exit or exec) and ARCH_FORCE_TAGGED_SVA " +
        "was not set. Declaring [LamSvaCoexistence] does not change the kernel: call ForceTaggedSva() first";

    internal bool LamU48Allowed()
    {
        _mmapLock.EnterReadLock();
        try
        {
            return LamU48AllowedLocked();
        }
        finally
        {
            _mmapLock.ExitReadLock();
        }
    }

    // lam_u48_allowed(): no VMA at or above DEFAULT_MAP_WINDOW when 5-level paging is possible.
    private bool LamU48AllowedLocked()
    {
        if (Kernel.Config.Paging != PagingMode.FiveLevel)
        {
            return true;
        }

        return _vmas.Count == 0 || _vmas[_vmas.Count - 1].End <= Kernel.Config.DefaultMapWindow;
    }

    /// <summary>Copies LAM mode, mask and flags to a forked child (<c>dup_lam()</c> and the memcpy of <c>mm->context</c>).</summary>
    private void InheritContext(AddressSpace parent)
    {
        _lamMode = parent._lamMode;
        _untagMask = parent._untagMask;
        _contextFlags = Volatile.Read(ref parent._contextFlags);
    }

    // ------------------------------------------------------------------ PASID (driven by the device model)

    /// <summary>
    /// <c>iommu_alloc_mm_data()</c> under the mmap write lock: the LAM compatibility check, then reuse or allocation of
    /// the PASID. Returns <see cref="Errno.None"/> and the PASID, or the errno of the first failing check.
    /// </summary>
    internal Errno AttachPasid(uint deviceMaxPasids, Func<uint, uint> allocate, out uint pasid, out string reason)
    {
        _mmapLock.EnterWriteLock();
        try
        {
            pasid = PasidAllocator.Invalid;
            if (HasExited)
            {
                reason = "the address space has exited";
                return Errno.EINVAL;
            }

            // arch_pgtable_dma_compat(): LAM off, or FORCE set.
            if (_lamMode != LamMode.Off && !ForceTaggedSva)
            {
                reason = "LAM is enabled and ARCH_FORCE_TAGGED_SVA was not set (arch_pgtable_dma_compat() is false): devices do not strip tags. " +
                         "Declaring [LamSvaCoexistence] does not change the kernel: call ForceTaggedSva() first";
                return Errno.EBUSY;
            }

            if (HasPasid)
            {
                if (_pasid >= deviceMaxPasids)
                {
                    reason = string.Format(CultureInfo.InvariantCulture, "the address space's PASID {0} is beyond the device's max_pasids {1}", _pasid, deviceMaxPasids);
                    return Errno.EOVERFLOW;
                }

                pasid = _pasid;
                reason = string.Empty;
                return Errno.None;
            }

            uint fresh = allocate(deviceMaxPasids);
            if (fresh == PasidAllocator.Invalid)
            {
                reason = "the global PASID space is exhausted";
                return Errno.ENOSPC;
            }

            Volatile.Write(ref _pasid, fresh);
            pasid = fresh;
            reason = string.Empty;
            return Errno.None;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
        }
    }

    /// <summary><c>mmgrab()</c>: a device binding keeps the mm (and so its PASID) alive.</summary>
    internal void Grab() => Interlocked.Increment(ref _grabs);

    /// <summary><c>mmdrop()</c>: the PASID is freed once no task and no binding holds the mm.</summary>
    internal void Drop()
    {
        if (Interlocked.Decrement(ref _grabs) == 0 && Volatile.Read(ref _users) == 0)
        {
            DropPasid();
        }
    }

    private void DropPasid()
    {
        uint pasid = Interlocked.Exchange(ref _pasid, PasidAllocator.Invalid);
        if (pasid != PasidAllocator.Invalid)
        {
            Kernel.Pasids.Free(pasid);
        }
    }

    // ------------------------------------------------------------------ users and teardown

    internal void AddUser() => Interlocked.Increment(ref _users);

    /// <summary><c>mmput()</c>: the last user tears the mappings down (<c>exit_mmap</c>).</summary>
    internal void RemoveUser()
    {
        if (Interlocked.Decrement(ref _users) != 0)
        {
            return;
        }

        _mmapLock.EnterWriteLock();
        List<(Backing Backing, long Pages)> released;
        try
        {
            released = new List<(Backing, long)>(_vmas.Count);
            foreach (Vma vma in _vmas)
            {
                released.Add((vma.Backing, vma.PageCount));
            }

            _vmas.Clear();
            Volatile.Write(ref _exited, true);
            ShootdownLocked();
        }
        finally
        {
            _mmapLock.ExitWriteLock();
        }

        foreach ((Backing backing, long pages) in released)
        {
            backing.Release(pages);
        }

        if (Volatile.Read(ref _grabs) == 0)
        {
            DropPasid();
        }
    }

    /// <summary><c>dup_mm()</c> for fork: copies every mapping (shared ones are shared), LAM mode and flags; not the PASID.</summary>
    internal AddressSpace Fork()
    {
        var child = new AddressSpace(Kernel);
        _mmapLock.EnterReadLock();
        try
        {
            child.InheritContext(this);
            child._brk = _brk;
            foreach (Vma vma in _vmas)
            {
                Vma copy;
                if (vma.Shared)
                {
                    vma.Backing.AddReferences(vma.PageCount);
                    copy = new Vma(vma.Start, vma.End, vma.Protection, shared: true, vma.Name, vma.Backing, vma.Offset);
                }
                else
                {
                    Backing backing = Backing.TryAllocate(Kernel, vma.End - vma.Start)
                        ?? throw new SyscallException("fork", Errno.ENOMEM, "the simulated host memory budget is spent");
                    backing.AddReferences(vma.PageCount);
                    CopyPagesLocked(vma, vma.Start, vma.End, backing, 0);

                    copy = new Vma(vma.Start, vma.End, vma.Protection, shared: false, vma.Name, backing, 0);
                }

                child._vmas.Add(copy);
            }
        }
        finally
        {
            _mmapLock.ExitReadLock();
        }

        return child;
    }

    // ------------------------------------------------------------------ TLB shootdown

    internal void Register(TranslationCache cache)
    {
        lock (_cachesGate)
        {
            var caches = new List<TranslationCache>(_caches.Length + 1);
            foreach (TranslationCache existing in _caches)
            {
                caches.Add(existing);
            }

            caches.Add(cache);
            Volatile.Write(ref _caches, caches.ToArray());
        }
    }

    internal void Unregister(TranslationCache cache)
    {
        lock (_cachesGate)
        {
            Volatile.Write(ref _caches, Array.FindAll(_caches, c => !ReferenceEquals(c, cache)));
        }
    }

    /// <summary>
    /// Invalidates every cached translation and mask, and waits until no access that could still use one is in flight.
    /// Caller holds the mmap write lock. See <see cref="TranslationCache"/>.
    /// </summary>
    private void ShootdownLocked()
    {
        long generation = GenerationCell;
        TranslationCache[] caches = Volatile.Read(ref _caches);
        bool anyLive = false;
        Volatile.Write(ref GenerationCell, generation + 1);
        foreach (TranslationCache cache in caches)
        {
            anyLive |= Volatile.Read(ref cache.Generation) == generation;
            cache.Invalidate();
        }

        if (!anyLive)
        {
            return;
        }

        // The IPI: every CPU's store buffer is drained, so a racing access either published Active = 1 before this
        // point (and is waited for below) or reads the invalid fault mask after it (and misses).
        Interlocked.MemoryBarrierProcessWide();
        foreach (TranslationCache cache in caches)
        {
            if (Volatile.Read(ref cache.Generation) != generation)
            {
                continue;
            }

            var spin = default(SpinWait);
            while (Volatile.Read(ref cache.Active) != 0)
            {
                spin.SpinOnce();
            }
        }
    }

    // ------------------------------------------------------------------ slow-path translation

    /// <summary>Enters the mmap lock for reading (slow-path accesses, device accesses, pins).</summary>
    internal void EnterRead() => _mmapLock.EnterReadLock();

    /// <summary>Leaves the mmap read lock.</summary>
    internal void ExitRead() => _mmapLock.ExitReadLock();

    /// <summary>The VMA containing <paramref name="address"/>, or null. Caller holds the mmap lock.</summary>
    internal Vma? FindVmaLocked(ulong address)
    {
        int lo = 0, hi = _vmas.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            Vma vma = _vmas[mid];
            if (address < vma.Start)
            {
                hi = mid - 1;
            }
            else if (address >= vma.End)
            {
                lo = mid + 1;
            }
            else
            {
                return vma;
            }
        }

        return null;
    }

    /// <summary>Refreshes <paramref name="cache"/> for the current generation and LAM state. Caller holds the read lock.</summary>
    internal void RevalidateLocked(TranslationCache cache)
    {
        LamMode mode = cache.AppliesLam ? _lamMode : LamMode.Off;
        cache.Revalidate(GenerationCell, LamHardware.UserFaultMask(mode, Kernel.Config.Paging), LamHardware.UntagMask(mode));
    }

    /// <summary>
    /// Translates one CPU access of <paramref name="length"/> bytes exactly as the hardware and the fault handler would,
    /// and returns the host address of each page piece in <paramref name="pieces"/>. Throws the fault a process would
    /// take. Caller holds the read lock; on return every page touched is present.
    /// </summary>
    internal void TranslateCpuLocked(ulong address, ulong length, AccessKind access, List<HostPiece> pieces, TranslationCache? cache)
    {
        ulong linear;
        bool canonical;
        if (access == AccessKind.Execute)
        {
            // Instruction fetches are never LAM-masked.
            linear = address;
            canonical = LamHardware.IsCanonical(address, Kernel.Config.Paging);
        }
        else
        {
            canonical = LamHardware.TryMask(address, _lamMode, Kernel.Config.Paging, out linear);
        }

        ulong last = linear + (length == 0 ? 0 : length - 1);
        if (!canonical || (length > 1 && !LamHardware.IsCanonical(last, Kernel.Config.Paging)) || last < linear)
        {
            throw new GeneralProtectionFaultException(address, linear, access, NonCanonicalReason(address));
        }

        if (linear >= Kernel.Config.TaskSizeMax || last >= Kernel.Config.TaskSizeMax)
        {
            throw new PageFaultException(address, linear, access, FaultClass.NotMapped, "the address is in the kernel half or above TASK_SIZE");
        }

        ulong cursor = linear;
        ulong remaining = length;
        do
        {
            Vma? vma = FindVmaLocked(cursor)
                ?? throw new PageFaultException(address, cursor, access, FaultClass.NotMapped, "no mapping at this address");
            if (!vma.Permits(access))
            {
                throw new PageFaultException(address, cursor, access, FaultClass.AccessDenied, "the mapping is " + ProtectionText(vma.Protection));
            }

            ulong pageEnd = Page.AlignDown(cursor) + Page.Size;
            ulong chunk = Math.Min(remaining, pageEnd - cursor);
            vma.Backing.MarkPresent(vma.BackingPage(cursor));
            pieces.Add(new HostPiece(vma.HostAddress(cursor), chunk));
            if (cache is not null)
            {
                cache.Fill(Page.AlignDown(cursor), vma.HostAddress(Page.AlignDown(cursor)), vma.Protection);
            }

            cursor += chunk;
            remaining -= chunk;
        }
        while (remaining > 0);
    }

    private string NonCanonicalReason(ulong address)
    {
        if ((address >> 63) != 0)
        {
            return "bit 63 is set and the address is not canonical";
        }

        return _lamMode switch
        {
            LamMode.Off when (address & 0x7E00_0000_0000_0000UL) != 0 =>
                "the pointer carries a tag in bits 62:57 and LAM is off, so it is not canonical",
            LamMode.Off => "bits above the paging mode's address width are set",
            LamMode.U57 => Kernel.Config.Paging == PagingMode.FourLevel
                ? "under LAM_U57 on 4-level paging bits 56:47 must be 0"
                : "under LAM_U57 bit 56 must be 0",
            _ => "under LAM_U48 bit 47 must be 0",
        };
    }

    internal static string ProtectionText(Protection protection) => protection == Protection.None
        ? "PROT_NONE"
        : string.Concat(
            (protection & Protection.Read) != 0 ? "r" : "-",
            (protection & Protection.Write) != 0 ? "w" : "-",
            (protection & Protection.Execute) != 0 ? "x" : "-");

    // ------------------------------------------------------------------ device (IOMMU) translation

    /// <summary>
    /// How the IOMMU resolves one device access at a raw address: canonical check without any untagging, VMA lookup,
    /// permission check, and whether the page is present. Caller holds the read lock.
    /// </summary>
    internal DeviceWalk WalkForDeviceLocked(ulong address, AccessKind access, out Vma? vma)
    {
        vma = null;
        if (HasExited)
        {
            return DeviceWalk.NoAddressSpace;
        }

        if (!LamHardware.IsCanonical(address, Kernel.Config.Paging))
        {
            return DeviceWalk.NonCanonical;
        }

        if (address >= Kernel.Config.TaskSizeMax)
        {
            return DeviceWalk.NotMapped;
        }

        vma = FindVmaLocked(address);
        if (vma is null)
        {
            return DeviceWalk.NotMapped;
        }

        if (!vma.Permits(access))
        {
            return DeviceWalk.AccessDenied;
        }

        return vma.Backing.IsPresent(vma.BackingPage(address)) ? DeviceWalk.Present : DeviceWalk.NotPresent;
    }

    // ------------------------------------------------------------------ mmap and friends (raw, -errno)

    internal long Mmap(ulong address, ulong length, Protection protection, MapFlags flags)
    {
        KernelConfig config = Kernel.Config;
        if ((protection & ~(Protection.Read | Protection.Write | Protection.Execute)) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        if ((flags & (MapFlags.Shared | MapFlags.Private)) == 0)
        {
            return -(long)Errno.EINVAL;
        }

        if (length == 0)
        {
            return -(long)Errno.EINVAL;
        }

        length = Page.AlignUp(length);
        if (length == 0 || length > config.TaskSizeMax)
        {
            return -(long)Errno.ENOMEM;
        }

        bool fixedAddress = (flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0;
        _mmapLock.EnterWriteLock();
        List<(Backing, long)>? released = null;
        try
        {
            if (HasExited)
            {
                return -(long)Errno.EINVAL;
            }

            ulong start;
            if (fixedAddress)
            {
                // The address is used verbatim: mmap() never untags (kernel-lam.md §3.4).
                if (!Page.IsAligned(address))
                {
                    return -(long)Errno.EINVAL;
                }

                if (length > MmapLimitLocked() || address > MmapLimitLocked() - length)
                {
                    return -(long)Errno.ENOMEM;
                }

                if (address < config.MmapMinAddress)
                {
                    return -(long)Errno.EPERM;
                }

                if ((flags & MapFlags.FixedNoReplace) != 0 && OverlapsLocked(address, address + length))
                {
                    return -(long)Errno.EEXIST;
                }

                start = address;
            }
            else
            {
                start = FindUnmappedAreaLocked(address, length);
                if (start == 0)
                {
                    return -(long)Errno.ENOMEM;
                }
            }

            Backing? backing = Backing.TryAllocate(Kernel, length);
            if (backing is null)
            {
                return -(long)Errno.ENOMEM;
            }

            released = RemoveRangeLocked(start, start + length);
            var vma = new Vma(start, start + length, protection, (flags & MapFlags.Shared) != 0, string.Empty, backing, 0);
            backing.AddReferences(vma.PageCount);
            if ((flags & MapFlags.Populate) != 0)
            {
                for (long page = 0; page < vma.PageCount; page++)
                {
                    backing.MarkPresent(page);
                }
            }

            InsertLocked(vma);
            if (released.Count > 0)
            {
                ShootdownLocked();
            }

            return (long)start;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
            ReleaseAll(released);
        }
    }

    private ulong FindUnmappedAreaLocked(ulong hint, ulong length)
    {
        KernelConfig config = Kernel.Config;
        ulong limit = MmapLimitLocked();
        ulong low = Math.Max(Page.Size, config.MmapMinAddress);
        if (hint != 0)
        {
            // A tagged hint fails this range check and is ignored: mmap() does not untag it.
            ulong candidate = Page.AlignUp(hint);
            if (candidate >= low && length <= limit && candidate <= limit - length && !OverlapsLocked(candidate, candidate + length))
            {
                return candidate;
            }
        }

        ulong top = MmapBase;

        // x86 compares the raw hint with DEFAULT_MAP_WINDOW: on 5-level paging any hint above it (a tagged one
        // included) widens the search to the full 56-bit space. LAM_U48 forbids mappings above 47 bits.
        if (config.Paging == PagingMode.FiveLevel && hint > config.DefaultMapWindow && _lamMode != LamMode.U48)
        {
            top += config.TaskSizeMax - config.DefaultMapWindow;
        }

        for (int i = _vmas.Count - 1; i >= 0; i--)
        {
            Vma vma = _vmas[i];
            if (vma.Start >= top)
            {
                continue;
            }

            if (vma.End < top && top - vma.End >= length)
            {
                return top - length;
            }

            top = vma.Start;
        }

        return top > low && top - low >= length ? top - length : 0;
    }

    // TASK_SIZE as mmap sees it: LAM_U48 caps user space at 47 bits (full_va_allowed() is false).
    private ulong MmapLimitLocked() =>
        _lamMode == LamMode.U48 ? Kernel.Config.DefaultMapWindow : Kernel.Config.TaskSizeMax;

    private bool OverlapsLocked(ulong start, ulong end)
    {
        foreach (Vma vma in _vmas)
        {
            if (vma.Start < end && start < vma.End)
            {
                return true;
            }
        }

        return false;
    }

    private void InsertLocked(Vma vma)
    {
        int index = 0;
        while (index < _vmas.Count && _vmas[index].Start < vma.Start)
        {
            index++;
        }

        _vmas.Insert(index, vma);
    }

    /// <summary>
    /// Unmaps [start, end), splitting partly covered VMAs. Returns the page references to release once the caller has
    /// shot down the TLBs.
    /// </summary>
    private List<(Backing, long)> RemoveRangeLocked(ulong start, ulong end)
    {
        var released = new List<(Backing, long)>();
        for (int i = 0; i < _vmas.Count; i++)
        {
            Vma vma = _vmas[i];
            if (vma.End <= start || vma.Start >= end)
            {
                continue;
            }

            ulong cutStart = Math.Max(vma.Start, start);
            ulong cutEnd = Math.Min(vma.End, end);
            released.Add((vma.Backing, (long)((cutEnd - cutStart) >> Page.Shift)));
            if (cutStart > vma.Start && cutEnd < vma.End)
            {
                // A hole in the middle: keep the head here, and add the tail as a new VMA over the same backing.
                var tail = new Vma(cutEnd, vma.End, vma.Protection, vma.Shared, vma.Name, vma.Backing, vma.Offset + (cutEnd - vma.Start));
                vma.End = cutStart;
                _vmas.Insert(i + 1, tail);
                i++;
            }
            else if (cutStart > vma.Start)
            {
                vma.End = cutStart;
            }
            else if (cutEnd < vma.End)
            {
                vma.Offset += cutEnd - vma.Start;
                vma.Start = cutEnd;
            }
            else
            {
                _vmas.RemoveAt(i);
                i--;
            }
        }

        return released;
    }

    private static void ReleaseAll(List<(Backing Backing, long Pages)>? released)
    {
        if (released is null)
        {
            return;
        }

        foreach ((Backing backing, long pages) in released)
        {
            backing.Release(pages);
        }
    }

    /// <summary><c>munmap()</c>: the address is untagged first (<c>untagged_addr()</c>).</summary>
    internal long Munmap(ulong address, ulong length)
    {
        ulong start = address & UntagMask;
        if (!Page.IsAligned(start))
        {
            return -(long)Errno.EINVAL;
        }

        length = Page.AlignUp(length);
        if (length == 0 || start > TaskSize || length > TaskSize - start)
        {
            return -(long)Errno.EINVAL;
        }

        List<(Backing, long)>? released = null;
        _mmapLock.EnterWriteLock();
        try
        {
            released = RemoveRangeLocked(start, start + length);
            if (released.Count > 0)
            {
                ShootdownLocked();
            }

            return 0;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
            ReleaseAll(released);
        }
    }

    /// <summary><c>mprotect()</c>: the address is untagged first.</summary>
    internal long Mprotect(ulong address, ulong length, Protection protection)
    {
        ulong start = address & UntagMask;
        if (!Page.IsAligned(start))
        {
            return -(long)Errno.EINVAL;
        }

        if ((protection & ~(Protection.Read | Protection.Write | Protection.Execute)) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        if (length == 0)
        {
            return 0;
        }

        ulong end = start + Page.AlignUp(length);
        if (end <= start)
        {
            return -(long)Errno.ENOMEM;
        }

        _mmapLock.EnterWriteLock();
        try
        {
            // As do_mprotect_pkey(): nothing changes when the start is unmapped; otherwise the mapped run from the
            // start is changed up to the first hole, and the hole makes the call fail with ENOMEM.
            Vma? first = FindVmaLocked(start);
            if (first is null)
            {
                return -(long)Errno.ENOMEM;
            }

            ulong covered = start;
            while (covered < end && FindVmaLocked(covered) is Vma vma)
            {
                covered = vma.End;
            }

            ulong changeEnd = Math.Min(covered, end);
            SplitAtLocked(start);
            SplitAtLocked(changeEnd);
            foreach (Vma vma in _vmas)
            {
                if (vma.Start >= start && vma.End <= changeEnd)
                {
                    vma.Protection = protection;
                }
            }

            ShootdownLocked();
            return covered >= end ? 0 : -(long)Errno.ENOMEM;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
        }
    }

    /// <summary><c>madvise()</c>: the address is untagged first.</summary>
    internal long Madvise(ulong address, ulong length, MadviseAdvice advice)
    {
        ulong start = address & UntagMask;
        if (!Page.IsAligned(start))
        {
            return -(long)Errno.EINVAL;
        }

        if (advice is not (MadviseAdvice.Normal or MadviseAdvice.WillNeed or MadviseAdvice.DontNeed))
        {
            return -(long)Errno.EINVAL;
        }

        ulong end = start + Page.AlignUp(length);
        if (end < start)
        {
            return -(long)Errno.EINVAL;
        }

        if (end == start)
        {
            return 0;
        }

        _mmapLock.EnterWriteLock();
        try
        {
            bool covered = CoveredLocked(start, end);
            if (advice == MadviseAdvice.Normal)
            {
                return covered ? 0 : -(long)Errno.ENOMEM;
            }

            if (advice == MadviseAdvice.DontNeed)
            {
                // Shoot down first: no CPU may keep writing to a page that is about to read as zero.
                ShootdownLocked();
            }

            foreach (Vma vma in _vmas)
            {
                ulong from = Math.Max(vma.Start, start);
                ulong to = Math.Min(vma.End, end);
                for (ulong page = from; page < to; page += Page.Size)
                {
                    if (advice == MadviseAdvice.DontNeed)
                    {
                        vma.Backing.Discard(vma.BackingPage(page));
                    }
                    else
                    {
                        vma.Backing.MarkPresent(vma.BackingPage(page));
                    }
                }
            }

            return covered ? 0 : -(long)Errno.ENOMEM;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
        }
    }

    /// <summary>
    /// <c>mremap()</c>: the old address is untagged, the new one (with <see cref="MremapFlags.Fixed"/>) is used verbatim.
    /// </summary>
    internal long Mremap(ulong oldAddress, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddress)
    {
        ulong start = oldAddress & UntagMask;
        if ((flags & ~(MremapFlags.MayMove | MremapFlags.Fixed)) != 0 || !Page.IsAligned(start))
        {
            return -(long)Errno.EINVAL;
        }

        if ((flags & MremapFlags.Fixed) != 0 && (flags & MremapFlags.MayMove) == 0)
        {
            return -(long)Errno.EINVAL;
        }

        oldLength = Page.AlignUp(oldLength);
        newLength = Page.AlignUp(newLength);
        if (newLength == 0 || oldLength == 0)
        {
            return -(long)Errno.EINVAL;
        }

        if ((flags & MremapFlags.Fixed) != 0)
        {
            if (!Page.IsAligned(newAddress) || newLength > TaskSize || newAddress > TaskSize - newLength)
            {
                return -(long)Errno.EINVAL;
            }

            if (newAddress < start + oldLength && start < newAddress + newLength)
            {
                return -(long)Errno.EINVAL;
            }
        }

        List<(Backing, long)>? released = null;
        _mmapLock.EnterWriteLock();
        try
        {
            Vma? vma = FindVmaLocked(start);
            if (vma is null || start + oldLength > vma.End || start + oldLength < start)
            {
                return -(long)Errno.EFAULT;
            }

            if ((flags & MremapFlags.Fixed) == 0)
            {
                if (newLength <= oldLength)
                {
                    released = RemoveRangeLocked(start + newLength, start + oldLength);
                    if (released.Count > 0)
                    {
                        ShootdownLocked();
                    }

                    return (long)start;
                }

                // Grow in place when the VMA ends exactly there and the range after it is free. The VMA stays one VMA
                // (a later mremap of the whole range must find it in one piece), so it moves to a larger backing.
                if (vma.End == start + oldLength && start + newLength <= TaskSize && !OverlapsLocked(start + oldLength, start + newLength))
                {
                    Backing? larger = Backing.TryAllocate(Kernel, start + newLength - vma.Start);
                    if (larger is null)
                    {
                        return -(long)Errno.ENOMEM;
                    }

                    CopyPagesLocked(vma, vma.Start, vma.End, larger, 0);
                    var grown = new Vma(vma.Start, start + newLength, vma.Protection, vma.Shared, vma.Name, larger, 0);
                    larger.AddReferences(grown.PageCount);
                    released = RemoveRangeLocked(vma.Start, vma.End);
                    InsertLocked(grown);
                    ShootdownLocked();
                    return (long)start;
                }

                if ((flags & MremapFlags.MayMove) == 0)
                {
                    return -(long)Errno.ENOMEM;
                }
            }

            ulong target = (flags & MremapFlags.Fixed) != 0 ? newAddress : FindUnmappedAreaLocked(0, newLength);
            if (target == 0)
            {
                return -(long)Errno.ENOMEM;
            }

            Backing? moved = Backing.TryAllocate(Kernel, newLength);
            if (moved is null)
            {
                return -(long)Errno.ENOMEM;
            }

            CopyPagesLocked(vma, start, start + Math.Min(oldLength, newLength), moved, 0);

            var movedVma = new Vma(target, target + newLength, vma.Protection, vma.Shared, vma.Name, moved, 0);
            moved.AddReferences(movedVma.PageCount);
            released = RemoveRangeLocked(start, start + oldLength);
            released.AddRange(RemoveRangeLocked(target, target + newLength));
            InsertLocked(movedVma);
            ShootdownLocked();
            return (long)target;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
            ReleaseAll(released);
        }
    }

    /// <summary><c>brk()</c>: the address is used verbatim; failure returns the unchanged break.</summary>
    internal ulong SetBrk(ulong address)
    {
        List<(Backing, long)>? released = null;
        _mmapLock.EnterWriteLock();
        try
        {
            if (address < StartBrk || address > TaskSize)
            {
                return _brk;
            }

            ulong newEnd = Page.AlignUp(address);
            ulong oldEnd = Page.AlignUp(_brk);
            if (newEnd < oldEnd)
            {
                released = RemoveRangeLocked(newEnd, oldEnd);
                ShootdownLocked();
            }
            else if (newEnd > oldEnd)
            {
                if (OverlapsLocked(oldEnd, newEnd))
                {
                    return _brk;
                }

                Backing? backing = Backing.TryAllocate(Kernel, newEnd - oldEnd);
                if (backing is null)
                {
                    return _brk;
                }

                var heap = new Vma(oldEnd, newEnd, Protection.ReadWrite, shared: false, "[heap]", backing, 0);
                backing.AddReferences(heap.PageCount);
                InsertLocked(heap);
            }

            _brk = address;
            return _brk;
        }
        finally
        {
            _mmapLock.ExitWriteLock();
            ReleaseAll(released);
        }
    }

    /// <summary>Copies [from, to) of <paramref name="vma"/> into <paramref name="target"/> at <paramref name="targetOffset"/>, presence included.</summary>
    private static void CopyPagesLocked(Vma vma, ulong from, ulong to, Backing target, ulong targetOffset)
    {
        Buffer.MemoryCopy(vma.HostAddress(from), target.Base + targetOffset, target.Length - targetOffset, to - from);
        for (ulong page = from; page < to; page += Page.Size)
        {
            if (vma.Backing.IsPresent(vma.BackingPage(page)))
            {
                target.MarkPresent((long)((targetOffset + page - from) >> Page.Shift));
            }
        }
    }

    private bool CoveredLocked(ulong start, ulong end)
    {
        ulong cursor = start;
        foreach (Vma vma in _vmas)
        {
            if (vma.End <= cursor)
            {
                continue;
            }

            if (vma.Start > cursor)
            {
                return false;
            }

            cursor = vma.End;
            if (cursor >= end)
            {
                return true;
            }
        }

        return cursor >= end;
    }

    private void SplitAtLocked(ulong address)
    {
        Vma? vma = FindVmaLocked(address);
        if (vma is null || vma.Start == address)
        {
            return;
        }

        var tail = new Vma(address, vma.End, vma.Protection, vma.Shared, vma.Name, vma.Backing, vma.Offset + (address - vma.Start));
        vma.End = address;
        InsertLocked(tail);
    }
}
