using System;
using System.Collections.Generic;
using System.Globalization;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// One DSA work queue (<c>/dev/dsa/wqD.Q</c>): a user opens it, which binds the caller's address space to the device,
/// and submits 64-byte descriptors through the returned portal.
/// </summary>
public sealed class DsaWorkQueue
{
    private readonly Queue<(DsaDescriptor Descriptor, uint Pasid)> _pending = new();
    private DsaPortal? _dedicatedOwner;

    internal DsaWorkQueue(DsaDevice device, int index, DsaWorkQueueOptions options)
    {
        Device = device;
        Index = index;
        Options = options;
    }

    /// <summary>The device.</summary>
    public DsaDevice Device { get; }

    /// <summary>Index on the device.</summary>
    public int Index { get; }

    /// <summary>The configuration.</summary>
    public DsaWorkQueueOptions Options { get; }

    /// <summary>Dedicated or shared.</summary>
    public WorkQueueMode Mode => Options.Mode;

    /// <summary>The character device name, for example <c>wq0.1</c>.</summary>
    public string Name => string.Format(CultureInfo.InvariantCulture, "wq0.{0}", Index);

    /// <summary>Descriptors accepted and not yet executed.</summary>
    public int Pending
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// <c>open("/dev/dsa/wqD.Q")</c> and <c>mmap</c> of its portal by <paramref name="caller"/>: binds the caller's address
    /// space to the device (any bind error is what <c>open()</c> returns).
    /// </summary>
    /// <exception cref="SyscallException">
    /// <c>EBUSY</c> for a dedicated queue that is already open, else the bind's error: <c>EBUSY</c> when LAM is on without
    /// <c>ARCH_FORCE_TAGGED_SVA</c> (the selftest's "open: Device or resource busy"), <c>EOVERFLOW</c>, <c>ENOSPC</c>, <c>ENODEV</c>.
    /// </exception>
    public DsaPortal Open(SimThread caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        lock (_pending)
        {
            if (Mode == WorkQueueMode.Dedicated && _dedicatedOwner is not null)
            {
                throw new SyscallException("open", Errno.EBUSY, $"dedicated work queue {Name} is already open");
            }

            SvaBinding binding = Device.Bind(caller.AddressSpace);
            var portal = new DsaPortal(this, binding);
            if (Mode == WorkQueueMode.Dedicated)
            {
                _dedicatedOwner = portal;
            }

            return portal;
        }
    }

    /// <summary>Adds a descriptor when there is room.</summary>
    internal bool TryEnqueue(in DsaDescriptor descriptor, uint pasid)
    {
        lock (_pending)
        {
            if (_pending.Count >= Options.Size)
            {
                return false;
            }

            _pending.Enqueue((descriptor, pasid));
            return true;
        }
    }

    internal bool TryDequeue(out DsaDescriptor descriptor, out uint pasid)
    {
        lock (_pending)
        {
            if (_pending.TryDequeue(out (DsaDescriptor Descriptor, uint Pasid) entry))
            {
                descriptor = entry.Descriptor;
                pasid = entry.Pasid;
                return true;
            }

            descriptor = default;
            pasid = PasidAllocator.Invalid;
            return false;
        }
    }

    internal void Release(DsaPortal portal)
    {
        lock (_pending)
        {
            if (ReferenceEquals(_dedicatedOwner, portal))
            {
                _dedicatedOwner = null;
            }
        }
    }
}
