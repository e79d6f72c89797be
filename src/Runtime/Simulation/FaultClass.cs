namespace TaggedPtr.Simulation;

/// <summary>Why a simulated access faulted; the <c>si_code</c> a real process would see with its SIGSEGV.</summary>
public enum FaultClass
{
    /// <summary>#GP: the address is non-canonical (a tag with LAM off, bit 56 set under LAM_U57, …). <c>si_code=SI_KERNEL</c>, <c>si_addr=0</c>.</summary>
    GeneralProtection,

    /// <summary>#PF with no mapping at the address (<c>SEGV_MAPERR</c>).</summary>
    NotMapped,

    /// <summary>#PF on a mapping that does not allow the access (<c>SEGV_ACCERR</c>).</summary>
    AccessDenied,
}
