namespace TaggedPtr.Simulation;

/// <summary>What <see cref="HostLam.Probe"/> found.</summary>
public enum HostLamStatus
{
    /// <summary>Not Linux on x86-64.</summary>
    Unsupported,

    /// <summary>The kernel answered <c>-EINVAL</c>: no <c>CONFIG_ADDRESS_MASKING</c> (the default since v6.12) or a pre-6.4 kernel.</summary>
    NotInKernel,

    /// <summary>The kernel supports LAM but the CPU does not.</summary>
    NoCpuSupport,

    /// <summary>Real LAM is available.</summary>
    Available,
}
