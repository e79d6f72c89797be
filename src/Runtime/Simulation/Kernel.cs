using System.Collections.Generic;
using System.Threading;
using TaggedPtr.Devices;

namespace TaggedPtr.Simulation;

/// <summary>
/// One simulated x86-64 Linux machine: the CPU features and kernel build (<see cref="KernelConfig"/>), the global PASID
/// space, the processes, and the host memory that backs their mappings. Independent kernels share nothing, so tests can
/// run side by side.
/// </summary>
public sealed class Kernel
{
    private readonly object _gate = new();
    private readonly List<SimProcess> _processes = new();
    private long _hostBytes;
    private int _nextPid = 1000;

    /// <summary>Boots a kernel.</summary>
    /// <param name="config">The machine; <see cref="KernelConfig.LamCapable"/> when null.</param>
    public Kernel(KernelConfig? config = null)
    {
        Config = config ?? KernelConfig.LamCapable;
        Pasids = new PasidAllocator(Config.PasidSpace);
    }

    /// <summary>The machine and kernel build.</summary>
    public KernelConfig Config { get; }

    /// <summary>The global PASID space.</summary>
    public PasidAllocator Pasids { get; }

    /// <summary>Host bytes currently backing simulated mappings.</summary>
    public long HostMemoryInUse => Volatile.Read(ref _hostBytes);

    /// <summary>Processes that have not exited.</summary>
    public IReadOnlyList<SimProcess> Processes
    {
        get
        {
            lock (_gate)
            {
                return _processes.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts a new process from a fresh <c>execve</c>: an empty address space with LAM off, no PASID, no flags, and
    /// one thread.
    /// </summary>
    /// <param name="name">The process name (<c>comm</c>).</param>
    public SimProcess Spawn(string name = "a.out")
    {
        var space = new AddressSpace(this);
        return SimProcess.Create(this, name, space, new FileTable());
    }

    /// <summary>The kernel's global <c>iommu_sva_lock</c>: binds and unbinds of every device serialise on it.</summary>
    internal object SvaLock { get; } = new();

    internal int AllocatePid() => Interlocked.Increment(ref _nextPid);

    internal void Add(SimProcess process)
    {
        lock (_gate)
        {
            _processes.Add(process);
        }
    }

    internal void Remove(SimProcess process)
    {
        lock (_gate)
        {
            _processes.Remove(process);
        }
    }

    internal bool TryChargeHostMemory(ulong bytes)
    {
        long limit = (long)System.Math.Min(Config.HostMemoryLimit, long.MaxValue);
        if (bytes > (ulong)limit)
        {
            return false;
        }

        long after = Interlocked.Add(ref _hostBytes, (long)bytes);
        if (after <= limit)
        {
            return true;
        }

        Interlocked.Add(ref _hostBytes, -(long)bytes);
        return false;
    }

    internal void UnchargeHostMemory(ulong bytes) => Interlocked.Add(ref _hostBytes, -(long)bytes);
}
