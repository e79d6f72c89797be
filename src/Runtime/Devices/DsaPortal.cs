using System;
using System.Threading;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// An open work queue with its mapped submission portal (the file descriptor and the 4 KiB <c>mmap</c> of
/// <c>/dev/dsa/wqD.Q</c>). Submissions are not mediated by the kernel: the device reads the descriptor, including every
/// address in it, exactly as written. Dispose to close: pending descriptors of this PASID are drained, the device is
/// unbound, and the address space keeps its PASID.
/// </summary>
public sealed class DsaPortal : IDisposable
{
    private int _closed;

    internal DsaPortal(DsaWorkQueue workQueue, SvaBinding binding)
    {
        WorkQueue = workQueue;
        Binding = binding;
    }

    /// <summary>The work queue.</summary>
    public DsaWorkQueue WorkQueue { get; }

    /// <summary>The SVA binding the open created.</summary>
    public SvaBinding Binding { get; }

    /// <summary>False once closed.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>
    /// ENQCMD: submits to a shared work queue. The CPU stamps the descriptor with the thread's <c>IA32_PASID</c> (loaded on
    /// the first ENQCMD of the thread from its address space, <c>try_fixup_enqcmd_gp</c>) and clears the privileged bit.
    /// </summary>
    /// <returns><see cref="EnqcmdResult.Retry"/> when the queue is full, or when this is a dedicated queue (it never accepts ENQCMD).</returns>
    /// <exception cref="GeneralProtectionFaultException">The thread's address space has no PASID: the #GP cannot be fixed up (SIGSEGV).</exception>
    /// <exception cref="ObjectDisposedException">The portal was closed.</exception>
    public EnqcmdResult Enqcmd(SimThread thread, in DsaDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ObjectDisposedException.ThrowIf(!IsOpen, this);
        if (thread.Ia32Pasid == PasidAllocator.Invalid)
        {
            uint? pasid = thread.AddressSpace.Pasid;
            if (pasid is null)
            {
                throw new GeneralProtectionFaultException(0, 0, AccessKind.Write, "ENQCMD with no PASID in IA32_PASID and none in the address space (SIGSEGV)");
            }

            thread.Ia32Pasid = pasid.Value;
        }

        if (WorkQueue.Mode != WorkQueueMode.Shared)
        {
            return EnqcmdResult.Retry;
        }

        DsaDescriptor stamped = descriptor;
        stamped.Pasid = thread.Ia32Pasid;
        stamped.Privileged = false;
        return WorkQueue.Device.Submit(WorkQueue, stamped, stamped.Pasid) ? EnqcmdResult.Accepted : EnqcmdResult.Retry;
    }

    /// <summary>
    /// MOVDIR64B: a posted 64-byte write to a dedicated work queue, with no acceptance feedback. The work queue's PASID is
    /// used. On a shared queue, or a full one, the descriptor is dropped and the device logs a software error.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The portal was closed.</exception>
    public void Movdir64b(in DsaDescriptor descriptor)
    {
        ObjectDisposedException.ThrowIf(!IsOpen, this);
        if (WorkQueue.Mode != WorkQueueMode.Dedicated)
        {
            WorkQueue.Device.LogSoftwareError(CompletionStatus.BadOpcode, WorkQueue.Index, descriptor.Pasid, 0, "MOVDIR64B to a shared work queue: descriptor dropped");
            return;
        }

        if (!WorkQueue.Device.Submit(WorkQueue, descriptor, Binding.Pasid))
        {
            WorkQueue.Device.LogSoftwareError(CompletionStatus.None, WorkQueue.Index, Binding.Pasid, 0, "dedicated work queue full: descriptor dropped");
        }
    }

    /// <summary>Closes the portal: drains this PASID's pending work, then unbinds.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        WorkQueue.Device.ProcessPending();
        WorkQueue.Release(this);
        Binding.Dispose();
    }
}
