namespace TaggedPtr.Simulation;

/// <summary>
/// #GP: the CPU rejected a non-canonical address before any translation, for example a tagged pointer used while LAM
/// is off, or bit 56 set under LAM_U57.
/// </summary>
public sealed class GeneralProtectionFaultException : MemoryFaultException
{
    /// <summary>Creates the fault.</summary>
    public GeneralProtectionFaultException(ulong address, ulong linearAddress, AccessKind access, string reason)
        : base(Describe("General-protection fault (#GP)", address, access, reason), address, linearAddress, access, FaultClass.GeneralProtection)
    {
    }
}
