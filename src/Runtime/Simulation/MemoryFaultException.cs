using System;
using System.Globalization;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated CPU access faulted. In a real process this is a SIGSEGV; here it is an exception that carries what the
/// signal would, so a test can assert it and the host process keeps running.
/// </summary>
public abstract class MemoryFaultException : Exception
{
    private protected MemoryFaultException(string message, ulong address, ulong linearAddress, AccessKind access, FaultClass faultClass)
        : base(message)
    {
        Address = address;
        LinearAddress = linearAddress;
        Access = access;
        FaultClass = faultClass;
    }

    /// <summary>The 64-bit address the program used, tag included.</summary>
    public ulong Address { get; }

    /// <summary>The linear address after LAM masking (what CR2 would hold for a page fault).</summary>
    public ulong LinearAddress { get; }

    /// <summary>What the access wanted to do.</summary>
    public AccessKind Access { get; }

    /// <summary>Why it faulted.</summary>
    public FaultClass FaultClass { get; }

    /// <summary>The <c>si_addr</c> of the SIGSEGV: 0 for #GP, the faulting linear address for #PF.</summary>
    public ulong SignalAddress => FaultClass == FaultClass.GeneralProtection ? 0 : LinearAddress;

    private protected static string Describe(string what, ulong address, AccessKind access, string why) =>
        string.Format(CultureInfo.InvariantCulture, "{0} on {1} of 0x{2:X16}: {3}", what, access.ToString().ToLowerInvariant(), address, why);
}
