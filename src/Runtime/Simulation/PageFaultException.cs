namespace TaggedPtr.Simulation;

/// <summary>
/// #PF that the kernel could not resolve: nothing is mapped at the linear address (<see cref="FaultClass.NotMapped"/>)
/// or the mapping forbids the access (<see cref="FaultClass.AccessDenied"/>).
/// </summary>
public sealed class PageFaultException : MemoryFaultException
{
    /// <summary>Creates the fault.</summary>
    public PageFaultException(ulong address, ulong linearAddress, AccessKind access, FaultClass faultClass, string reason)
        : base(Describe("Page fault (#PF)", address, access, reason), address, linearAddress, access, faultClass)
    {
    }
}
