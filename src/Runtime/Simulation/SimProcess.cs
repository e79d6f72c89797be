using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated process (a thread group): a pid, its threads, its open files, and the address space they run in.
/// </summary>
public sealed class SimProcess
{
    private readonly object _gate = new();
    private readonly List<SimThread> _threads = new();
    private AddressSpace _addressSpace;
    private string _name;

    private SimProcess(Kernel kernel, int pid, string name, AddressSpace addressSpace, FileTable files)
    {
        Kernel = kernel;
        Pid = pid;
        _name = name;
        _addressSpace = addressSpace;
        Files = files;
    }

    /// <summary>The kernel the process runs on.</summary>
    public Kernel Kernel { get; }

    /// <summary>The process id (the thread group id).</summary>
    public int Pid { get; }

    /// <summary>The command name (<c>comm</c>).</summary>
    public string Name
    {
        get => Volatile.Read(ref _name);
        internal set => Volatile.Write(ref _name, value);
    }

    /// <summary>The address space the process runs in now (a new one after <see cref="SimThread.Exec"/>).</summary>
    public AddressSpace AddressSpace
    {
        get => Volatile.Read(ref _addressSpace);
        internal set => Volatile.Write(ref _addressSpace, value);
    }

    /// <summary>Live threads, the group leader first.</summary>
    public IReadOnlyList<SimThread> Threads
    {
        get
        {
            lock (_gate)
            {
                return _threads.ToArray();
            }
        }
    }

    /// <summary>The thread the process started with (or that last called exec).</summary>
    public SimThread MainThread
    {
        get
        {
            lock (_gate)
            {
                return _threads.Count > 0 ? _threads[0] : throw new System.InvalidOperationException($"Process {Pid} has exited.");
            }
        }
    }

    /// <summary>True once every thread has exited.</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _threads.Count == 0;
            }
        }
    }

    internal FileTable Files { get; }

    /// <summary>Opens an in-memory file and returns its descriptor.</summary>
    public int Open(MemoryFile file) => Files.Add(file);

    /// <summary>
    /// The <c>/proc/&lt;pid&gt;/status</c> lines the simulator knows, including <c>untag_mask:</c> exactly as the kernel
    /// prints it (<c>"untag_mask:\t%#lx"</c>).
    /// </summary>
    public string ReadProcStatus()
    {
        AddressSpace space = AddressSpace;
        var status = new StringBuilder();
        status.Append("Name:\t").Append(Name).Append('\n');
        status.Append("State:\t").Append(HasExited ? "X (dead)" : "R (running)").Append('\n');
        status.Append("Tgid:\t").Append(Pid.ToString(CultureInfo.InvariantCulture)).Append('\n');
        status.Append("Pid:\t").Append(Pid.ToString(CultureInfo.InvariantCulture)).Append('\n');
        status.Append("Threads:\t").Append(Threads.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        status.Append("untag_mask:\t0x").Append(space.UntagMask.ToString("x", CultureInfo.InvariantCulture)).Append('\n');
        return status.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", Name, Pid);

    internal static SimProcess Create(Kernel kernel, string name, AddressSpace space, FileTable files)
    {
        int pid = kernel.AllocatePid();
        var process = new SimProcess(kernel, pid, name, space, files);
        space.AddUser();
        process.AddThread(new SimThread(process, pid, space, kernelWorker: false, name));
        kernel.Add(process);
        return process;
    }

    internal void AddThread(SimThread thread)
    {
        lock (_gate)
        {
            _threads.Add(thread);
        }
    }

    internal void MakeLeader(SimThread thread)
    {
        lock (_gate)
        {
            _threads.Remove(thread);
            _threads.Insert(0, thread);
        }
    }

    internal void RemoveThread(SimThread thread)
    {
        bool last;
        lock (_gate)
        {
            _threads.Remove(thread);
            last = _threads.Count == 0;
        }

        if (last)
        {
            Kernel.Remove(this);
        }
    }
}
