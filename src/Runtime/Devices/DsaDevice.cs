using System;
using System.Collections.Generic;
using System.Threading;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// A simulated Intel Data Streaming Accelerator: work queues, a portal per open, 64-byte descriptors (memmove, memfill,
/// compare, compare-pattern, batch, drain, no-op) and 32-byte completion records written into simulated memory with the
/// hardware's status codes. Every address in a descriptor is translated by the IOMMU exactly as given, without untagging.
/// </summary>
/// <remarks>
/// Execution is deterministic by default (<see cref="DsaExecutionMode.Inline"/>): a descriptor runs during its submission.
/// <see cref="DsaExecutionMode.Manual"/> lets queues fill so that ENQCMD answers Retry; <see cref="DsaExecutionMode.Background"/>
/// runs a device thread. The device executes one descriptor at a time.
/// </remarks>
public sealed class DsaDevice : SvaDevice, IDisposable
{
    private readonly List<DsaSoftwareError> _softwareErrors = new();
    // 1 while a descriptor runs: the device executes one at a time. A compare-exchange to enter and a plain release
    // store to leave (one atomic per descriptor instead of a monitor's two).
    private int _engineBusy;
    private readonly DsaEngine _engine;
    private readonly DsaWorkQueue[] _workQueues;
    private readonly AutoResetEvent _work = new(false);
    private readonly Thread? _deviceThread;
    private volatile bool _stopping;
    private long _descriptorsProcessed;

    /// <summary>Creates a device with its work queues.</summary>
    /// <param name="kernel">The machine.</param>
    /// <param name="executionMode">When descriptors run.</param>
    /// <param name="maxPasids">The device's PASID range.</param>
    /// <param name="workQueues">Work queue configurations; by default one shared queue (wq0.0) and one dedicated queue (wq0.1).</param>
    public DsaDevice(Kernel kernel, DsaExecutionMode executionMode = DsaExecutionMode.Inline, uint maxPasids = 1u << 20, params DsaWorkQueueOptions[] workQueues)
        : base(kernel, "dsa0", maxPasids)
    {
        ArgumentNullException.ThrowIfNull(workQueues);
        if (workQueues.Length == 0)
        {
            workQueues = new[] { new DsaWorkQueueOptions(), new DsaWorkQueueOptions { Mode = WorkQueueMode.Dedicated } };
        }

        _workQueues = new DsaWorkQueue[workQueues.Length];
        for (int i = 0; i < workQueues.Length; i++)
        {
            DsaWorkQueueOptions options = workQueues[i] ?? throw new ArgumentException("A work queue configuration is null.", nameof(workQueues));
            if (options.Size < 1 || options.MaxTransferSize == 0 || options.MaxBatchSize < 2)
            {
                throw new ArgumentException($"Work queue {i}: size must be at least 1, max transfer size positive and max batch size at least 2.", nameof(workQueues));
            }

            _workQueues[i] = new DsaWorkQueue(this, i, options);
        }

        ExecutionMode = executionMode;
        _engine = new DsaEngine(this);
        if (executionMode == DsaExecutionMode.Background)
        {
            _deviceThread = new Thread(RunDevice) { IsBackground = true, Name = "dsa0" };
            _deviceThread.Start();
        }
    }

    /// <summary>The work queues.</summary>
    public IReadOnlyList<DsaWorkQueue> WorkQueues => _workQueues;

    /// <summary>When descriptors run.</summary>
    public DsaExecutionMode ExecutionMode { get; }

    /// <summary>Descriptors executed so far (a batch and each of its descriptors count once each).</summary>
    public long DescriptorsProcessed => Volatile.Read(ref _descriptorsProcessed);

    /// <summary>The software error log (SWERR): errors that had no completion record to go to.</summary>
    public IReadOnlyList<DsaSoftwareError> SoftwareErrors
    {
        get
        {
            lock (_softwareErrors)
            {
                return _softwareErrors.ToArray();
            }
        }
    }

    /// <summary>Runs every pending descriptor of every work queue, in submission order per queue. Returns how many ran.</summary>
    public int ProcessPending()
    {
        int ran = 0;
        EnterEngine();
        try
        {
            bool any;
            do
            {
                any = false;
                foreach (DsaWorkQueue queue in _workQueues)
                {
                    if (queue.TryDequeue(out DsaDescriptor descriptor, out uint pasid))
                    {
                        _engine.Run(queue, descriptor, pasid);
                        ran++;
                        any = true;
                    }
                }
            }
            while (any);
        }
        finally
        {
            ExitEngine();
        }

        return ran;
    }

    /// <summary>Waits until every queue is empty (for <see cref="DsaExecutionMode.Background"/>; immediate otherwise).</summary>
    public void WaitIdle()
    {
        if (ExecutionMode != DsaExecutionMode.Background)
        {
            ProcessPending();
            return;
        }

        var spin = default(SpinWait);
        while (Array.Exists(_workQueues, q => q.Pending > 0))
        {
            spin.SpinOnce();
        }

        // The last descriptor taken off a queue has finished once the engine is free.
        EnterEngine();
        ExitEngine();
    }

    /// <summary>Stops the device thread, if any.</summary>
    public void Dispose()
    {
        _stopping = true;
        _work.Set();
        _deviceThread?.Join();
        _work.Dispose();
    }

    /// <summary>
    /// Accepts a descriptor into <paramref name="queue"/>: runs it at once in <see cref="DsaExecutionMode.Inline"/> mode
    /// (where the queue is always empty, so this keeps submission order), else queues it. False when the queue is full.
    /// </summary>
    internal bool Submit(DsaWorkQueue queue, in DsaDescriptor descriptor, uint pasid)
    {
        if (ExecutionMode == DsaExecutionMode.Inline)
        {
            EnterEngine();
            try
            {
                _engine.Run(queue, descriptor, pasid);
            }
            finally
            {
                ExitEngine();
            }

            return true;
        }

        if (!queue.TryEnqueue(descriptor, pasid))
        {
            return false;
        }

        if (ExecutionMode == DsaExecutionMode.Background)
        {
            _work.Set();
        }

        return true;
    }

    // Called only by the engine, under the engine lock: a plain increment, published with a volatile write.
    internal void CountProcessed() => Volatile.Write(ref _descriptorsProcessed, _descriptorsProcessed + 1);

    internal void LogSoftwareError(CompletionStatus status, int workQueue, uint pasid, ulong address, string description)
    {
        lock (_softwareErrors)
        {
            _softwareErrors.Add(new DsaSoftwareError(status, workQueue, pasid, address, description));
        }
    }

    private void EnterEngine()
    {
        if (Interlocked.CompareExchange(ref _engineBusy, 1, 0) == 0)
        {
            return;
        }

        var spin = default(SpinWait);
        do
        {
            spin.SpinOnce();
        }
        while (Interlocked.CompareExchange(ref _engineBusy, 1, 0) != 0);
    }

    private void ExitEngine() => Volatile.Write(ref _engineBusy, 0);

    private void RunDevice()
    {
        while (!_stopping)
        {
            _work.WaitOne();
            ProcessPending();
        }
    }
}
