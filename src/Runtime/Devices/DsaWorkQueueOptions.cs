namespace TaggedPtr.Devices;

/// <summary>Configuration of one DSA work queue (what <c>accel-config</c> would set through sysfs).</summary>
public sealed record DsaWorkQueueOptions
{
    /// <summary>Dedicated or shared.</summary>
    public WorkQueueMode Mode { get; init; } = WorkQueueMode.Shared;

    /// <summary>Entries: descriptors that can wait at once (ENQCMD answers Retry beyond it).</summary>
    public int Size { get; init; } = 16;

    /// <summary>Whether descriptors may set block-on-fault (<c>block_on_fault</c> attribute).</summary>
    public bool BlockOnFault { get; init; } = true;

    /// <summary>Largest transfer in bytes (<c>max_transfer_size</c>).</summary>
    public uint MaxTransferSize { get; init; } = 2u << 20;

    /// <summary>Largest batch (<c>max_batch_size</c>).</summary>
    public uint MaxBatchSize { get; init; } = 32;

    /// <summary>Whether privileged descriptors are allowed (they are not for user work queues).</summary>
    public bool Privileged { get; init; }
}
