using System;
using System.Text;

namespace TaggedPtr.Simulation;

// Memory-management system calls and the kernel's own accesses to user memory (uaccess).
public sealed partial class SimThread
{
    private const int UtsFieldLength = 65;

    /// <summary>
    /// Raw <c>mmap(addr, length, prot, flags)</c> of anonymous memory. Returns the address or <c>-errno</c>. The address is
    /// used verbatim, never untagged: a tagged hint is ignored, a tagged <c>MAP_FIXED</c> address fails with <c>-ENOMEM</c>.
    /// </summary>
    public long Mmap(ulong address, ulong length, Protection protection, MapFlags flags) =>
        AddressSpace.Mmap(address, length, protection, flags);

    /// <summary>Raw <c>munmap(addr, length)</c>; the address is untagged first. Returns 0 or <c>-errno</c>.</summary>
    public long Munmap(ulong address, ulong length) => AddressSpace.Munmap(address, length);

    /// <summary>Raw <c>mprotect(addr, length, prot)</c>; the address is untagged first. Returns 0 or <c>-errno</c>.</summary>
    public long Mprotect(ulong address, ulong length, Protection protection) => AddressSpace.Mprotect(address, length, protection);

    /// <summary>Raw <c>madvise(addr, length, advice)</c>; the address is untagged first. Returns 0 or <c>-errno</c>.</summary>
    public long Madvise(ulong address, ulong length, MadviseAdvice advice) => AddressSpace.Madvise(address, length, advice);

    /// <summary>
    /// Raw <c>mremap(old, old_size, new_size, flags, new)</c>: the old address is untagged, the new one is used verbatim.
    /// Returns the address or <c>-errno</c>.
    /// </summary>
    public long Mremap(ulong oldAddress, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddress = 0) =>
        AddressSpace.Mremap(oldAddress, oldLength, newLength, flags, newAddress);

    /// <summary>Raw <c>brk(addr)</c>: the address is used verbatim; returns the new break, or the old one on failure.</summary>
    public ulong Brk(ulong address) => AddressSpace.SetBrk(address);

    /// <summary>Maps anonymous memory and returns its address.</summary>
    /// <param name="length">Bytes (rounded up to pages).</param>
    /// <param name="protection">Protection; read-write by default.</param>
    /// <param name="flags">Extra flags (<see cref="MapFlags.Populate"/>, <see cref="MapFlags.Shared"/>, <see cref="MapFlags.Fixed"/>…).</param>
    /// <param name="address">A hint, or the address for <see cref="MapFlags.Fixed"/>.</param>
    /// <exception cref="SyscallException">The kernel refused (<c>ENOMEM</c>, <c>EINVAL</c>, <c>EEXIST</c>, <c>EPERM</c>).</exception>
    public ulong Map(ulong length, Protection protection = Protection.ReadWrite, MapFlags flags = MapFlags.None, ulong address = 0)
    {
        if ((flags & MapFlags.Shared) == 0)
        {
            flags |= MapFlags.Private;
        }

        long result = Mmap(address, length, protection, flags | MapFlags.Anonymous);
        return result >= 0 ? (ulong)result : throw new SyscallException("mmap", (Errno)(-result), MmapReason((Errno)(-result)));
    }

    /// <summary>Unmaps a range (the address may be tagged when LAM is on: munmap untags it).</summary>
    /// <exception cref="SyscallException"><c>EINVAL</c>: misaligned, empty, or beyond TASK_SIZE after untagging.</exception>
    public void Unmap(ulong address, ulong length)
    {
        long result = Munmap(address, length);
        if (result < 0)
        {
            throw new SyscallException("munmap", (Errno)(-result), "the range is misaligned, empty, or beyond TASK_SIZE after untagging");
        }
    }

    /// <summary>Changes the protection of a range.</summary>
    /// <exception cref="SyscallException"><c>EINVAL</c> (misaligned or bad protection) or <c>ENOMEM</c> (not fully mapped).</exception>
    public void Protect(ulong address, ulong length, Protection protection)
    {
        long result = Mprotect(address, length, protection);
        if (result < 0)
        {
            throw new SyscallException(
                "mprotect",
                (Errno)(-result),
                (Errno)(-result) == Errno.ENOMEM ? "part of the range is not mapped" : "the address is misaligned after untagging, or the protection is invalid");
        }
    }

    /// <summary>
    /// Raw <c>uname(buf)</c>: the kernel writes a 390-byte <c>struct new_utsname</c> with <c>copy_to_user</c>. Returns 0 or
    /// <c>-EFAULT</c>: a tagged buffer works only with LAM on and a LAM-aware user-pointer limit.
    /// </summary>
    public long Uname(ulong buffer)
    {
        Span<byte> uts = stackalloc byte[6 * UtsFieldLength];
        uts.Clear();
        string[] fields = { "Linux", "taggedptr-sim", "6.14.0-lam", "#1 SMP PREEMPT_DYNAMIC", "x86_64", "(none)" };
        for (int i = 0; i < fields.Length; i++)
        {
            Encoding.ASCII.GetBytes(fields[i], uts.Slice(i * UtsFieldLength, UtsFieldLength - 1));
        }

        return CopyToUser(buffer, uts) == uts.Length ? 0 : -(long)Errno.EFAULT;
    }

    /// <summary>
    /// Raw <c>read(fd, buf, count)</c> from an in-memory file: <c>access_ok()</c>, then <c>copy_to_user</c> into simulated
    /// memory. Returns the bytes read (short if a page faults part-way), 0 at end of file, <c>-EFAULT</c> if nothing could
    /// be copied, or <c>-EBADF</c>.
    /// </summary>
    public long Read(int fd, ulong buffer, ulong count)
    {
        MemoryFile? file = Process.Files.Get(fd);
        if (file is null)
        {
            return -(long)Errno.EBADF;
        }

        if (!AccessOk(buffer, count))
        {
            return -(long)Errno.EFAULT;
        }

        bool attempted = false;
        long copied = file.ReadFromPosition(count, data =>
        {
            attempted = data.Length > 0;
            return CopyToUser(buffer, data.Span);
        });
        return copied == 0 && attempted ? -(long)Errno.EFAULT : copied;
    }

    /// <summary>
    /// Raw <c>write(fd, buf, count)</c> to an in-memory file: <c>access_ok()</c>, then <c>copy_from_user</c> out of simulated
    /// memory. Returns the bytes written, <c>-EFAULT</c> if none could be copied, or <c>-EBADF</c>.
    /// </summary>
    public long Write(int fd, ulong buffer, ulong count)
    {
        MemoryFile? file = Process.Files.Get(fd);
        if (file is null)
        {
            return -(long)Errno.EBADF;
        }

        if (!AccessOk(buffer, count))
        {
            return -(long)Errno.EFAULT;
        }

        byte[] bytes = new byte[(int)Math.Min(count, int.MaxValue)];
        long copied = CopyFromUser(buffer, bytes);
        if (copied == 0 && count > 0)
        {
            return -(long)Errno.EFAULT;
        }

        file.WriteAtPosition(bytes.AsSpan(0, (int)copied));
        return copied;
    }

    /// <summary>Closes a file descriptor. Returns 0 or <c>-EBADF</c>.</summary>
    public long Close(int fd) => Process.Files.Close(fd) ? 0 : -(long)Errno.EBADF;

    /// <summary>
    /// Sets up an io_uring-like ring whose requests are completed by a kernel worker thread that shares this address
    /// space (created on the first request, with <c>CLONE_VM</c>: it locks LAM, as io-wq workers do).
    /// </summary>
    public IoRing SetupIoRing()
    {
        EnsureAlive();
        return new IoRing(this);
    }

    /// <summary>
    /// <c>put_user(value, (unsigned long __user *)address)</c>: 0 or <c>-EFAULT</c>.
    /// </summary>
    internal long PutUser(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, value);
        return CopyToUser(address, bytes) == 8 ? 0 : -(long)Errno.EFAULT;
    }

    /// <summary>
    /// <c>copy_to_user</c>: <c>access_ok()</c> under the configured user-pointer limit, then the access itself through this
    /// CPU (so the address space's LAM mode decides whether a tag is ignored). Returns the bytes copied before the first
    /// fault.
    /// </summary>
    internal long CopyToUser(ulong address, ReadOnlySpan<byte> data) => CopyUser(address, data.Length, AccessKind.Write, data, default);

    /// <summary><c>copy_from_user</c>, the reverse of <see cref="CopyToUser"/>.</summary>
    internal long CopyFromUser(ulong address, Span<byte> data) => CopyUser(address, data.Length, AccessKind.Read, default, data);

    /// <summary>
    /// <c>access_ok(ptr, size)</c>: x86-64 does not untag here. The pointer passes when it and its end stay at or below
    /// <c>USER_PTR_MAX</c>: <c>0x7FFFFFFFFFFFF000</c> on a LAM CPU with the LAM-aware policy, else <c>TASK_SIZE_MAX</c>.
    /// </summary>
    internal bool AccessOk(ulong address, ulong size)
    {
        KernelConfig config = Kernel.Config;
        ulong userPtrMax = config.UserPointerLimit == UserPointerLimit.LamAware && config.CpuHasLam
            ? 0x7FFF_FFFF_FFFF_F000UL
            : config.TaskSizeMax;
        if (address > userPtrMax)
        {
            return false;
        }

        ulong end = address + size;
        return size <= Page.Size || (end >= address && end <= userPtrMax);
    }

    private long CopyUser(ulong address, int length, AccessKind access, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (length == 0)
        {
            return 0;
        }

        if (!AccessOk(address, (ulong)length))
        {
            return 0;
        }

        long done = 0;
        while (done < length)
        {
            ulong at = address + (ulong)done;
            int chunk = (int)Math.Min((ulong)(length - done), Page.Size - (at & Page.OffsetMask));
            try
            {
                if (access == AccessKind.Write)
                {
                    StoreBytes(at, source.Slice((int)done, chunk));
                }
                else
                {
                    LoadBytes(at, destination.Slice((int)done, chunk));
                }
            }
            catch (MemoryFaultException)
            {
                // The exception table turns the fault into a short copy.
                break;
            }

            done += chunk;
        }

        return done;
    }

    private static string MmapReason(Errno errno) => errno switch
    {
        Errno.ENOMEM => "no room for the mapping below TASK_SIZE (a tagged MAP_FIXED address is beyond it), or the host memory budget is spent",
        Errno.EEXIST => "MAP_FIXED_NOREPLACE over an existing mapping",
        Errno.EPERM => "the fixed address is below vm.mmap_min_addr",
        _ => "misaligned fixed address, zero length, or invalid flags or protection",
    };
}
