using System;
using System.Collections;
using System.Threading;

namespace TaggedPtr.Devices;

/// <summary>
/// The global PASID space of one machine (the kernel's <c>iommu_global_pasid_ida</c>): 20-bit process address space
/// IDs shared by every IOMMU. PASID 0 is reserved (it tags requests without a PASID), and
/// <see cref="Invalid"/> (<c>IOMMU_PASID_INVALID</c>) means "none".
/// </summary>
/// <remarks>
/// A PASID is assigned to an address space by its first device bind and is freed only when that address space is torn
/// down (exit, or the old address space of an exec): "lazy free". Unbinding never frees it, which is why enabling LAM
/// keeps failing with <c>-EINVAL</c> after a device was closed unless <c>ARCH_FORCE_TAGGED_SVA</c> was set.
/// </remarks>
public sealed class PasidAllocator
{
    /// <summary><c>IOMMU_PASID_INVALID</c>.</summary>
    public const uint Invalid = 0xFFFF_FFFF;

    /// <summary>The lowest PASID handed out (<c>IOMMU_FIRST_GLOBAL_PASID</c>); 0 is reserved.</summary>
    public const uint First = 1;

    private readonly BitArray _used;
    private readonly object _gate = new();
    private int _inUse;
    private uint _lowestFree = First;

    /// <summary>Creates a PASID space of <paramref name="size"/> values (2^20 on real hardware).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 2 or above 2^20.</exception>
    public PasidAllocator(uint size)
    {
        if (size < 2 || size > (1u << 20))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A PASID space holds 2 to 2^20 values (PASIDs are 20 bits, and 0 is reserved).");
        }

        Size = size;
        _used = new BitArray((int)size);
    }

    /// <summary>Number of PASID values, including the reserved 0.</summary>
    public uint Size { get; }

    /// <summary>PASIDs currently assigned to address spaces.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>
    /// <c>ida_alloc_range(First, maxPasids - 1)</c>: the lowest free PASID below the device's limit, or
    /// <see cref="Invalid"/> when none is free (the bind then fails with <c>-ENOSPC</c>).
    /// </summary>
    /// <param name="deviceMaxPasids">The binding device's <c>max_pasids</c>.</param>
    public uint Allocate(uint deviceMaxPasids)
    {
        uint end = Math.Min(Size, deviceMaxPasids);
        lock (_gate)
        {
            for (uint candidate = _lowestFree; candidate < end; candidate++)
            {
                if (!_used[(int)candidate])
                {
                    _used[(int)candidate] = true;
                    _lowestFree = candidate + 1;
                    _inUse++;
                    return candidate;
                }
            }

            return Invalid;
        }
    }

    /// <summary>True when <paramref name="pasid"/> is assigned.</summary>
    public bool IsAllocated(uint pasid)
    {
        lock (_gate)
        {
            return pasid < Size && _used[(int)pasid];
        }
    }

    /// <summary>Returns a PASID to the space (<c>mm_pasid_drop()</c>).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="pasid"/> is not allocated.</exception>
    internal void Free(uint pasid)
    {
        lock (_gate)
        {
            if (pasid >= Size || !_used[(int)pasid])
            {
                throw new InvalidOperationException($"PASID {pasid} is not allocated.");
            }

            _used[(int)pasid] = false;
            _inUse--;
            if (pasid < _lowestFree)
            {
                _lowestFree = pasid;
            }
        }
    }
}
