using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace TaggedPtr.Simulation;

/// <summary>
/// An io_uring-like ring: requests are completed asynchronously by a kernel worker thread (<c>iou-wrk-&lt;tid&gt;</c>)
/// that shares the submitter's address space, as io-wq workers do. The worker copies to and from user memory with the
/// address space's LAM state, exactly as the submitting thread would.
/// </summary>
/// <remarks>
/// The worker is created with <c>CLONE_VM</c> on the first request, so from then on the address space is
/// multithreaded as far as LAM is concerned: <c>ARCH_ENABLE_TAGGED_ADDR</c> returns <c>-EBUSY</c>. Enable LAM before
/// the first asynchronous request.
/// </remarks>
public sealed class IoRing : IDisposable
{
    private readonly SimThread _owner;
    private readonly BlockingCollection<(Func<SimThread, long> Operation, TaskCompletionSource<long> Completion)> _queue = new();
    private readonly object _gate = new();
    private SimThread? _worker;
    private Thread? _hostThread;
    private bool _disposed;

    internal IoRing(SimThread owner) => _owner = owner;

    /// <summary>The kernel worker, or null before the first request.</summary>
    public SimThread? Worker => Volatile.Read(ref _worker);

    /// <summary>Queues <c>read(fd, buffer, count)</c>; the task completes with its raw result (bytes or <c>-errno</c>).</summary>
    /// <exception cref="ObjectDisposedException">The ring was disposed.</exception>
    public Task<long> SubmitRead(int fd, ulong buffer, ulong count) => Submit(worker => worker.Read(fd, buffer, count));

    /// <summary>Queues <c>write(fd, buffer, count)</c>; the task completes with its raw result.</summary>
    /// <exception cref="ObjectDisposedException">The ring was disposed.</exception>
    public Task<long> SubmitWrite(int fd, ulong buffer, ulong count) => Submit(worker => worker.Write(fd, buffer, count));

    /// <summary>Stops the worker after the queued requests and lets it exit.</summary>
    public void Dispose()
    {
        Thread? hostThread;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.CompleteAdding();
            hostThread = _hostThread;
        }

        hostThread?.Join();
        _worker?.Exit();
        _queue.Dispose();
    }

    private Task<long> Submit(Func<SimThread, long> operation)
    {
        var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_worker is null)
            {
                // create_io_thread(): CLONE_VM without CLONE_VFORK, so copy_thread() sets MM_CONTEXT_LOCK_LAM.
                _worker = _owner.CloneTask(CloneFlags.PthreadCreate, kernelWorker: true, name: "iou-wrk-" + _owner.Tid);
                _hostThread = new Thread(Run) { IsBackground = true, Name = _worker.Name };
                _hostThread.Start();
            }

            _queue.Add((operation, completion));
        }

        return completion.Task;
    }

    private void Run()
    {
        SimThread worker = _worker!;
        foreach ((Func<SimThread, long> operation, TaskCompletionSource<long> completion) in _queue.GetConsumingEnumerable())
        {
            try
            {
                completion.SetResult(operation(worker));
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        }
    }
}
