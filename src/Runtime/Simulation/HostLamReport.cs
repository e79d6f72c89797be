namespace TaggedPtr.Simulation;

/// <summary>The result of <see cref="HostLam.Probe"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="MaxTagBits">What <c>ARCH_GET_MAX_TAG_BITS</c> reported (0 unless available).</param>
/// <param name="Errno">The errno of a failed call, else 0.</param>
/// <param name="Description">One line for humans.</param>
public sealed record HostLamReport(HostLamStatus Status, int MaxTagBits, int Errno, string Description);
