using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// Host memory behind one <c>mmap</c> call: a page-aligned, zero-filled block of real unmanaged memory, the simulated
/// equivalent of the anonymous pages of a VMA. VMAs split from the same mapping share it at different offsets.
/// </summary>
/// <remarks>
/// The block is reference-counted by mapped pages and by pins (the simulated <c>get_user_pages</c>), and returned to the
/// host when the count reaches zero, which happens only after every cached translation to it has been shot down. It also
/// records which pages are present, because a device (unlike the CPU) sees a not-present page as a page fault.
/// </remarks>
internal sealed unsafe class Backing
{
    private readonly Kernel _kernel;
    private readonly byte[] _present;
    private void* _allocation;
    private long _references;

    private Backing(Kernel kernel, void* allocation, byte* @base, ulong length)
    {
        _kernel = kernel;
        _allocation = allocation;
        Base = @base;
        Length = length;
        _present = new byte[length >> Page.Shift];
    }

    /// <summary>First byte, page aligned.</summary>
    public byte* Base { get; }

    /// <summary>Size in bytes (a multiple of the page size).</summary>
    public ulong Length { get; }

    /// <summary>Pages in the block.</summary>
    public long PageCount => (long)(Length >> Page.Shift);

    /// <summary>Allocates <paramref name="length"/> zeroed bytes, or returns null when the kernel's host memory budget is spent.</summary>
    public static Backing? TryAllocate(Kernel kernel, ulong length)
    {
        if (!kernel.TryChargeHostMemory(length))
        {
            return null;
        }

        void* allocation;
        try
        {
            // calloc: large blocks come straight from the host kernel, zeroed and committed lazily.
            allocation = NativeMemory.AllocZeroed((nuint)(length + Page.Size));
        }
        catch (OutOfMemoryException)
        {
            kernel.UnchargeHostMemory(length);
            return null;
        }

        byte* aligned = (byte*)(((ulong)allocation + Page.OffsetMask) & ~Page.OffsetMask);
        return new Backing(kernel, allocation, aligned, length);
    }

    /// <summary>Takes <paramref name="count"/> references (mapped pages or a pin).</summary>
    public void AddReferences(long count) => Interlocked.Add(ref _references, count);

    /// <summary>Drops references; frees the host memory when none are left (the count reaches zero exactly once).</summary>
    public void Release(long count)
    {
        if (Interlocked.Add(ref _references, -count) == 0)
        {
            NativeMemory.Free(_allocation);
            _allocation = null;
            _kernel.UnchargeHostMemory(Length);
        }
    }

    /// <summary>True when the page at <paramref name="pageIndex"/> has been touched (or populated).</summary>
    public bool IsPresent(long pageIndex) => Volatile.Read(ref _present[pageIndex]) != 0;

    /// <summary>Marks a page present, as the kernel does when it resolves a fault.</summary>
    public void MarkPresent(long pageIndex) => Volatile.Write(ref _present[pageIndex], 1);

    /// <summary>Drops a page (<c>MADV_DONTNEED</c>): zero it and mark it not present.</summary>
    public void Discard(long pageIndex)
    {
        new Span<byte>(Base + (pageIndex << Page.Shift), (int)Page.Size).Clear();
        Volatile.Write(ref _present[pageIndex], 0);
    }
}
