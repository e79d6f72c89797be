namespace TaggedPtr.Devices;

/// <summary>What ENQCMD reports (ZF): the shared work queue accepted the descriptor, or was full.</summary>
public enum EnqcmdResult
{
    /// <summary>Accepted (ZF = 0).</summary>
    Accepted,

    /// <summary>Not accepted, try again (ZF = 1): the shared work queue is full.</summary>
    Retry,
}
