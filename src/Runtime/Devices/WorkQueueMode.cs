namespace TaggedPtr.Devices;

/// <summary>How a DSA work queue is shared.</summary>
public enum WorkQueueMode
{
    /// <summary>One client at a time, submitting with MOVDIR64B; the work queue's PASID is programmed at open.</summary>
    Dedicated,

    /// <summary>Many clients, submitting with ENQCMD, which stamps the submitting thread's PASID into the descriptor.</summary>
    Shared,
}
