namespace TaggedPtr.Devices;

/// <summary>When the simulated device executes submitted descriptors.</summary>
public enum DsaExecutionMode
{
    /// <summary>During the submission call, on the submitting thread: deterministic and the default.</summary>
    Inline,

    /// <summary>Only when <see cref="DsaDevice.ProcessPending"/> is called: deterministic, and lets queues fill (ENQCMD Retry).</summary>
    Manual,

    /// <summary>On a device thread, in submission order per work queue; wait with <see cref="DsaDevice.WaitIdle"/>.</summary>
    Background,
}
