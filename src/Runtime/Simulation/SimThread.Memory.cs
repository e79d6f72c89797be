using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TaggedPtr.Simulation;

// CPU accesses: the hardware model of kernel-lam.md §2.3 on every load and store.
public sealed partial class SimThread
{
    [ThreadStatic]
    private static List<HostPiece>? t_pieces;

    /// <summary>
    /// Loads a <typeparamref name="T"/> from the simulated address, tag included: with LAM off a tag is non-canonical
    /// (#GP); under LAM_U57 bits 62:57 are ignored. A miss in the CPU's TLB takes the fault path.
    /// </summary>
    /// <exception cref="GeneralProtectionFaultException">The address is non-canonical for the current LAM mode.</exception>
    /// <exception cref="PageFaultException">Nothing is mapped there, or the mapping is not readable.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe T Load<T>(ulong address)
        where T : unmanaged
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        TranslationCache cache = CpuContext.For(space);
        Volatile.Write(ref cache.Active, 1);
        if (cache.TryTranslate(address, (uint)sizeof(T), write: false, out byte* host))
        {
            T value = Unsafe.ReadUnaligned<T>(host);
            Volatile.Write(ref cache.Active, 0);
            return value;
        }

        Volatile.Write(ref cache.Active, 0);
        return LoadSlow<T>(space, cache, address);
    }

    /// <summary>Stores a <typeparamref name="T"/> at the simulated address (same hardware model as <see cref="Load{T}(ulong)"/>).</summary>
    /// <exception cref="GeneralProtectionFaultException">The address is non-canonical for the current LAM mode.</exception>
    /// <exception cref="PageFaultException">Nothing is mapped there, or the mapping is not writable.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store<T>(ulong address, T value)
        where T : unmanaged
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        TranslationCache cache = CpuContext.For(space);
        Volatile.Write(ref cache.Active, 1);
        if (cache.TryTranslate(address, (uint)sizeof(T), write: true, out byte* host))
        {
            Unsafe.WriteUnaligned(host, value);
            Volatile.Write(ref cache.Active, 0);
            return;
        }

        Volatile.Write(ref cache.Active, 0);
        StoreSlow(space, cache, address, value);
    }

    /// <summary>
    /// This thread on the current host thread's CPU, for hot loops: a <see cref="SimCpu"/> skips the per-access CPU
    /// lookup. It stays valid across exec (it falls back to the slow path), but not across host threads.
    /// </summary>
    public SimCpu OnThisCpu()
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        return new SimCpu(this, CpuContext.For(space));
    }

    /// <summary>Loads the pointee of a tagged pointer; the tag goes to the simulated hardware as it is.</summary>
    public T Load<T>(TaggedPtr<T> pointer)
        where T : unmanaged => Load<T>(pointer.RawValue);

    /// <summary>Stores through a tagged pointer; the tag goes to the simulated hardware as it is.</summary>
    public void Store<T>(TaggedPtr<T> pointer, T value)
        where T : unmanaged => Store(pointer.RawValue, value);

    /// <summary>Loads the pointee of a tagged pointer of any scheme; the tag goes to the simulated hardware as it is.</summary>
    public T Load<T, TScheme>(TaggedPtr<T, TScheme> pointer)
        where T : unmanaged
        where TScheme : struct, ITagScheme => Load<T>(pointer.RawValue);

    /// <summary>Stores through a tagged pointer of any scheme.</summary>
    public void Store<T, TScheme>(TaggedPtr<T, TScheme> pointer, T value)
        where T : unmanaged
        where TScheme : struct, ITagScheme => Store(pointer.RawValue, value);

    /// <summary>Copies simulated memory at <paramref name="address"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="MemoryFaultException">Some byte of the range faults; nothing is guaranteed about the others.</exception>
    public unsafe void LoadBytes(ulong address, Span<byte> destination)
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        fixed (byte* target = destination)
        {
            CopyPages(space, address, target, (ulong)destination.Length, AccessKind.Read);
        }
    }

    /// <summary>Copies <paramref name="source"/> into simulated memory at <paramref name="address"/>.</summary>
    /// <exception cref="MemoryFaultException">Some byte of the range faults.</exception>
    public unsafe void StoreBytes(ulong address, ReadOnlySpan<byte> source)
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        fixed (byte* from = source)
        {
            CopyPages(space, address, from, (ulong)source.Length, AccessKind.Write);
        }
    }

    /// <summary>
    /// An instruction fetch of one byte. Fetches are never LAM-masked, so a tagged address is a #GP even with LAM on.
    /// </summary>
    /// <exception cref="MemoryFaultException">Non-canonical, unmapped, or not executable.</exception>
    public unsafe byte FetchInstruction(ulong address)
    {
        AddressSpace space = _addressSpace ?? throw Exited();
        byte value = 0;
        SlowAccess(space, CpuContext.For(space), address, &value, 1, AccessKind.Execute);
        return value;
    }

    /// <summary>
    /// <c>lock cmpxchg</c> on 8 aligned bytes of simulated memory: stores <paramref name="value"/> when the location holds
    /// <paramref name="comparand"/>, and returns what it held.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> (untagged) is not 8-byte aligned.</exception>
    /// <exception cref="MemoryFaultException">The location faults for a write.</exception>
    public unsafe ulong CompareExchange(ulong address, ulong value, ulong comparand)
    {
        if ((address & 7) != 0)
        {
            throw new ArgumentException("The simulator only performs atomic operations on 8-byte aligned locations.", nameof(address));
        }

        AddressSpace space = _addressSpace ?? throw Exited();
        TranslationCache cache = CpuContext.For(space);
        Volatile.Write(ref cache.Active, 1);
        if (cache.TryTranslate(address, 8, write: true, out byte* host))
        {
            ulong original = Interlocked.CompareExchange(ref *(ulong*)host, value, comparand);
            Volatile.Write(ref cache.Active, 0);
            return original;
        }

        Volatile.Write(ref cache.Active, 0);
        space.EnterRead();
        try
        {
            space.RevalidateLocked(cache);
            List<HostPiece> pieces = Pieces();
            space.TranslateCpuLocked(address, 8, AccessKind.Write, pieces, cache);
            return Interlocked.CompareExchange(ref *(ulong*)pieces[0].Host, value, comparand);
        }
        finally
        {
            space.ExitRead();
        }
    }

    /// <summary>
    /// Pins <paramref name="length"/> bytes at <paramref name="address"/> (the simulated <c>get_user_pages</c>): the hardware
    /// model decides whether the address is valid, and the host memory stays valid until the pin is disposed, even if
    /// the range is unmapped meanwhile. Use it for <c>Span</c> and <c>ref</c> access.
    /// </summary>
    /// <exception cref="MemoryFaultException">Some byte of the range faults for <paramref name="access"/>.</exception>
    /// <exception cref="ArgumentException">The range spans more than one mapping, or <paramref name="length"/> is not positive.</exception>
    public unsafe PinnedMemory Pin(ulong address, int length, AccessKind access = AccessKind.Write)
    {
        if (length <= 0)
        {
            throw new ArgumentException("A pin covers at least one byte.", nameof(length));
        }

        AddressSpace space = _addressSpace ?? throw Exited();
        space.EnterRead();
        try
        {
            List<HostPiece> pieces = Pieces();
            space.TranslateCpuLocked(address, (ulong)length, access, pieces, cache: null);
            for (int i = 1; i < pieces.Count; i++)
            {
                if (pieces[i].Host != pieces[i - 1].Host + pieces[i - 1].Length)
                {
                    throw new ArgumentException("A pin must lie inside one mapping so that its host memory is contiguous.", nameof(length));
                }
            }

            Vma vma = space.FindVmaLocked(address & space.UntagMask)!;
            return new PinnedMemory(vma.Backing, pieces[0].Host, length, address);
        }
        finally
        {
            space.ExitRead();
        }
    }

    private unsafe T LoadSlow<T>(AddressSpace space, TranslationCache cache, ulong address)
        where T : unmanaged
    {
        T value = default;
        SlowAccess(space, cache, address, (byte*)&value, (ulong)sizeof(T), AccessKind.Read);
        return value;
    }

    private unsafe void StoreSlow<T>(AddressSpace space, TranslationCache cache, ulong address, T value)
        where T : unmanaged =>
        SlowAccess(space, cache, address, (byte*)&value, (ulong)sizeof(T), AccessKind.Write);

    /// <summary>Copies page by page, each page through the TLB when it hits.</summary>
    private unsafe void CopyPages(AddressSpace space, ulong address, byte* buffer, ulong length, AccessKind access)
    {
        TranslationCache cache = CpuContext.For(space);
        bool write = access == AccessKind.Write;
        ulong done = 0;
        while (done < length)
        {
            ulong at = address + done;
            // Tags live in high bits, so the offset in the page is the same before and after masking.
            ulong chunk = Math.Min(length - done, Page.Size - (at & Page.OffsetMask));
            Volatile.Write(ref cache.Active, 1);
            if (cache.TryTranslate(at, (uint)chunk, write, out byte* host))
            {
                if (write)
                {
                    Buffer.MemoryCopy(buffer + done, host, chunk, chunk);
                }
                else
                {
                    Buffer.MemoryCopy(host, buffer + done, chunk, chunk);
                }

                Volatile.Write(ref cache.Active, 0);
            }
            else
            {
                Volatile.Write(ref cache.Active, 0);
                SlowAccess(space, cache, at, buffer + done, chunk, access);
            }

            done += chunk;
        }
    }

    /// <summary>
    /// The fault path: under the mmap read lock, translate with the full hardware model, fault if the kernel would
    /// signal, make the pages present, refill the TLB, and do the access while unmap is held off.
    /// </summary>
    private unsafe void SlowAccess(AddressSpace space, TranslationCache cache, ulong address, byte* buffer, ulong length, AccessKind access)
    {
        space.EnterRead();
        try
        {
            space.RevalidateLocked(cache);
            List<HostPiece> pieces = Pieces();
            space.TranslateCpuLocked(address, length, access, pieces, cache);
            ulong offset = 0;
            foreach (HostPiece piece in pieces)
            {
                if (access == AccessKind.Write)
                {
                    Buffer.MemoryCopy(buffer + offset, piece.Host, piece.Length, piece.Length);
                }
                else
                {
                    Buffer.MemoryCopy(piece.Host, buffer + offset, piece.Length, piece.Length);
                }

                offset += piece.Length;
            }
        }
        finally
        {
            space.ExitRead();
        }
    }

    private static List<HostPiece> Pieces()
    {
        List<HostPiece> pieces = t_pieces ??= new List<HostPiece>(4);
        pieces.Clear();
        return pieces;
    }
}
