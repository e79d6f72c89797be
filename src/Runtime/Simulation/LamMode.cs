namespace TaggedPtr.Simulation;

/// <summary>The LAM mode of an address space (the kernel's <c>lam_cr3_mask</c>).</summary>
public enum LamMode
{
    /// <summary>LAM off: the untag mask is all ones and any tag makes a pointer non-canonical.</summary>
    Off,

    /// <summary>LAM_U57 (<c>X86_CR3_LAM_U57</c>, CR3 bit 61): bits 62:57 are ignored on data accesses.</summary>
    U57,

    /// <summary>LAM_U48 (<c>X86_CR3_LAM_U48</c>, CR3 bit 62): bits 62:48 are ignored; only under <see cref="LamPolicy.U48Patch"/>.</summary>
    U48,
}
