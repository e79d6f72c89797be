using System;
using System.Globalization;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated task: the "current" of every system call it makes, and the CPU context of the memory accesses it
/// performs. Create one with <see cref="Kernel.Spawn"/> (its main thread), <see cref="CreateThread"/>, <see cref="Fork"/>,
/// <see cref="Vfork"/> or <see cref="Clone"/>.
/// </summary>
/// <remarks>
/// <para>System calls come in two forms: raw ones named after the syscall (<see cref="ArchPrctl(int, ulong)"/>,
/// <see cref="Mmap"/>, <see cref="Read"/>, …) return <c>0</c>, a value, or <c>-errno</c>, for code ported from C; typed
/// ones (<see cref="EnableTaggedAddresses"/>, <see cref="Map"/>, …) throw <see cref="SyscallException"/> naming the
/// kernel check that failed.</para>
/// <para>Memory accesses (<see cref="Load{T}(ulong)"/>, <see cref="Store{T}(ulong, T)"/>, …) run the x86-64 LAM hardware
/// model on the raw 64-bit value and fault like a real CPU (<see cref="MemoryFaultException"/>). Any host thread may
/// drive any simulated thread; each host thread is a CPU with its own TLB.</para>
/// </remarks>
public sealed partial class SimThread
{
    private AddressSpace? _addressSpace;
    private volatile bool _fatalSignalPending;

    /// <summary>The thread's <c>IA32_PASID</c> MSR: loaded lazily by the first ENQCMD (<c>try_fixup_enqcmd_gp</c>).</summary>
    internal uint Ia32Pasid = Devices.PasidAllocator.Invalid;

    internal SimThread(SimProcess process, int tid, AddressSpace addressSpace, bool kernelWorker, string name)
    {
        Process = process;
        Tid = tid;
        _addressSpace = addressSpace;
        IsKernelWorker = kernelWorker;
        Name = name;
    }

    /// <summary>The thread id.</summary>
    public int Tid { get; }

    /// <summary>The thread group this task belongs to.</summary>
    public SimProcess Process { get; }

    /// <summary>The kernel.</summary>
    public Kernel Kernel => Process.Kernel;

    /// <summary>The thread's name (<c>comm</c>).</summary>
    public string Name { get; }

    /// <summary>True for a kernel worker that runs in a user address space (an io_uring <c>iou-wrk</c> thread).</summary>
    public bool IsKernelWorker { get; }

    /// <summary>False once the thread has exited.</summary>
    public bool IsAlive => Volatile.Read(ref _addressSpace) is not null;

    /// <summary>The address space the thread runs in.</summary>
    /// <exception cref="InvalidOperationException">The thread has exited.</exception>
    public AddressSpace AddressSpace => Volatile.Read(ref _addressSpace) ?? throw Exited();

    /// <summary>
    /// Models a pending fatal signal (SIGKILL): <c>mmap_write_lock_killable()</c> then fails and
    /// <c>ARCH_ENABLE_TAGGED_ADDR</c> returns <c>-EINTR</c> (check 4 of <c>prctl_enable_tagged_addr</c>).
    /// </summary>
    public bool FatalSignalPending
    {
        get => _fatalSignalPending;
        set => _fatalSignalPending = value;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}[{1}] in {2}", Name, Tid, _addressSpace?.ToString() ?? "exited");

    // ------------------------------------------------------------------ arch_prctl

    /// <summary>
    /// The raw <c>arch_prctl(option, arg2)</c> system call, made by this thread on itself. Returns 0 or <c>-errno</c>.
    /// For <see cref="ArchPrctlOption.GetUntagMask"/> and <see cref="ArchPrctlOption.GetMaxTagBits"/>, <paramref name="arg2"/>
    /// is the simulated user address the kernel writes an <c>unsigned long</c> to (<c>-EFAULT</c> if it cannot).
    /// </summary>
    /// <param name="option">One of <see cref="ArchPrctlOption"/>.</param>
    /// <param name="arg2">The option's argument.</param>
    public long ArchPrctl(int option, ulong arg2) => ArchPrctl(option, arg2, SyscallAbi.X64);

    /// <summary>
    /// The raw <c>arch_prctl</c> entered through <paramref name="abi"/>; a 32-bit (compat) caller gets <c>-EINVAL</c>
    /// for every LAM option because the compat entry never reaches <c>do_arch_prctl_64</c>.
    /// </summary>
    public long ArchPrctl(int option, ulong arg2, SyscallAbi abi)
    {
        EnsureAlive();
        return ArchPrctlHandler.Dispatch(this, this, option, arg2, abi);
    }

    /// <summary>
    /// <c>ptrace(PTRACE_ARCH_PRCTL)</c>: this thread (the tracer) runs <c>do_arch_prctl_64(tracee, option, arg2)</c>. Enabling
    /// LAM and forcing SVA on another task both fail with <c>-EINVAL</c>; the GET options write the tracee's value into
    /// the tracer's memory at <paramref name="arg2"/>.
    /// </summary>
    public long PtraceArchPrctl(SimThread tracee, int option, ulong arg2)
    {
        ArgumentNullException.ThrowIfNull(tracee);
        if (!ReferenceEquals(tracee.Kernel, Kernel))
        {
            throw new ArgumentException("The tracee runs on another simulated machine.", nameof(tracee));
        }

        EnsureAlive();
        tracee.EnsureAlive();
        return ArchPrctlHandler.Dispatch(this, tracee, option, arg2, SyscallAbi.X64);
    }

    /// <summary><c>ARCH_GET_UNTAG_MASK</c>: the address space's untag mask.</summary>
    /// <exception cref="SyscallException"><c>EINVAL</c>: the kernel was built without <c>CONFIG_ADDRESS_MASKING</c>.</exception>
    public ulong GetUntagMask()
    {
        EnsureAlive();
        ArchPrctlHandler.ThrowIfCompiledOut(Kernel, "ARCH_GET_UNTAG_MASK");
        return AddressSpace.UntagMask;
    }

    /// <summary><c>ARCH_GET_MAX_TAG_BITS</c>: 6 when the CPU has LAM, else 0.</summary>
    /// <exception cref="SyscallException"><c>EINVAL</c>: the kernel was built without <c>CONFIG_ADDRESS_MASKING</c>.</exception>
    public int GetMaxTagBits()
    {
        EnsureAlive();
        ArchPrctlHandler.ThrowIfCompiledOut(Kernel, "ARCH_GET_MAX_TAG_BITS");
        return ArchPrctlHandler.MaxTagBits(AddressSpace);
    }

    /// <summary>
    /// <c>ARCH_ENABLE_TAGGED_ADDR</c>: enables LAM for the whole address space with at least <paramref name="nrBits"/> tag
    /// bits (1..6 give LAM_U57). One-shot: only exec turns it off.
    /// </summary>
    /// <exception cref="SyscallException">
    /// In the kernel's order: <c>ENODEV</c> (CPU without LAM), <c>EINVAL</c> (a PASID and no force), <c>EINTR</c> (fatal
    /// signal pending), <c>EBUSY</c> (already enabled, or the process was ever multithreaded), <c>EINVAL</c> (0 or too many
    /// bits). <c>EINVAL</c> also when the kernel lacks <c>CONFIG_ADDRESS_MASKING</c>.
    /// </exception>
    public void EnableTaggedAddresses(int nrBits)
    {
        EnsureAlive();
        ArchPrctlHandler.ThrowIfCompiledOut(Kernel, "ARCH_ENABLE_TAGGED_ADDR");
        Errno errno = ArchPrctlHandler.EnableTaggedAddr(this, AddressSpace, unchecked((ulong)(long)nrBits), out string reason);
        if (errno != Errno.None)
        {
            throw new SyscallException("ARCH_ENABLE_TAGGED_ADDR", errno, reason);
        }
    }

    /// <summary>
    /// <c>ARCH_FORCE_TAGGED_SVA</c>: lets LAM and SVA coexist in this address space. Sticky; the process promises to
    /// untag every address it hands to a device (the device still does not untag).
    /// </summary>
    /// <exception cref="SyscallException"><c>EINVAL</c> when the kernel lacks <c>CONFIG_ADDRESS_MASKING</c>.</exception>
    public void ForceTaggedSva()
    {
        EnsureAlive();
        ArchPrctlHandler.ThrowIfCompiledOut(Kernel, "ARCH_FORCE_TAGGED_SVA");
        Errno errno = ArchPrctlHandler.ForceTaggedSva(this, this, out string reason);
        if (errno != Errno.None)
        {
            throw new SyscallException("ARCH_FORCE_TAGGED_SVA", errno, reason);
        }
    }

    // ------------------------------------------------------------------ clone, fork, exec, exit

    /// <summary>
    /// <c>clone(flags)</c>. With <see cref="CloneFlags.Vm"/> and without <see cref="CloneFlags.Vfork"/> the shared address
    /// space gets <c>MM_CONTEXT_LOCK_LAM</c> (for good: LAM can no longer be enabled). Without <see cref="CloneFlags.Vm"/> the
    /// child gets a copy of the address space that inherits LAM mode, lock and force, but not the PASID.
    /// </summary>
    /// <returns>The new task.</returns>
    /// <exception cref="SyscallException"><c>EINVAL</c>: <see cref="CloneFlags.Thread"/> without <see cref="CloneFlags.Sighand"/>, or <see cref="CloneFlags.Sighand"/> without <see cref="CloneFlags.Vm"/>.</exception>
    public SimThread Clone(CloneFlags flags) => CloneTask(flags, kernelWorker: false, name: null);

    /// <summary><c>pthread_create()</c>: a thread in the same process and address space. Locks LAM.</summary>
    public SimThread CreateThread() => Clone(CloneFlags.PthreadCreate);

    /// <summary><c>fork()</c>: a child process with a copy of the address space (LAM state inherited, PASID not).</summary>
    public SimProcess Fork() => Clone(CloneFlags.None).Process;

    /// <summary><c>vfork()</c>: a child process sharing this address space until it execs or exits. Does not lock LAM.</summary>
    public SimProcess Vfork() => Clone(CloneFlags.Vm | CloneFlags.Vfork).Process;

    internal SimThread CloneTask(CloneFlags flags, bool kernelWorker, string? name)
    {
        EnsureAlive();
        if ((flags & CloneFlags.Thread) != 0 && (flags & CloneFlags.Sighand) == 0)
        {
            throw new SyscallException("clone", Errno.EINVAL, "CLONE_THREAD requires CLONE_SIGHAND");
        }

        if ((flags & CloneFlags.Sighand) != 0 && (flags & CloneFlags.Vm) == 0)
        {
            throw new SyscallException("clone", Errno.EINVAL, "CLONE_SIGHAND requires CLONE_VM");
        }

        AddressSpace parentSpace = AddressSpace;
        AddressSpace childSpace;
        if ((flags & CloneFlags.Vm) != 0)
        {
            // copy_thread(): a task that shares the mm without CLONE_VFORK locks LAM on the shared mm.
            if ((flags & CloneFlags.Vfork) == 0)
            {
                parentSpace.SetContextFlag(AddressSpace.LockLamBit);
            }

            childSpace = parentSpace;
        }
        else
        {
            childSpace = parentSpace.Fork();
        }

        if ((flags & CloneFlags.Thread) != 0)
        {
            childSpace.AddUser();
            var thread = new SimThread(Process, Kernel.AllocatePid(), childSpace, kernelWorker, name ?? Name);
            Process.AddThread(thread);
            return thread;
        }

        FileTable files = (flags & CloneFlags.Files) != 0 ? Process.Files : Process.Files.Duplicate();
        return SimProcess.Create(Kernel, name ?? Process.Name, childSpace, files).MainThread;
    }

    /// <summary>
    /// <c>execve()</c>: the process gets a fresh address space (LAM off, untag mask all ones, no flags, no PASID); the other
    /// threads of the process exit; the old address space is released (and torn down if nothing else uses it).
    /// </summary>
    /// <param name="name">The new command name, or null to keep it.</param>
    public void Exec(string? name = null)
    {
        EnsureAlive();
        foreach (SimThread other in Process.Threads)
        {
            if (!ReferenceEquals(other, this))
            {
                other.Exit();
            }
        }

        var fresh = new AddressSpace(Kernel);
        fresh.AddUser();
        AddressSpace old = Interlocked.Exchange(ref _addressSpace, fresh)!;
        Process.AddressSpace = fresh;
        Process.MakeLeader(this);
        Ia32Pasid = Devices.PasidAllocator.Invalid;
        if (name is not null)
        {
            Process.Name = name;
        }

        CpuContext.Retire(old);
        old.RemoveUser();
    }

    /// <summary><c>exit()</c>: the thread leaves its address space; the last one out tears it down.</summary>
    public void Exit()
    {
        AddressSpace? space = Interlocked.Exchange(ref _addressSpace, null);
        if (space is null)
        {
            return;
        }

        Process.RemoveThread(this);
        CpuContext.Retire(space);
        space.RemoveUser();
    }

    private void EnsureAlive()
    {
        if (!IsAlive)
        {
            throw Exited();
        }
    }

    private InvalidOperationException Exited() => new($"Thread {Tid} has exited.");
}
