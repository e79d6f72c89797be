namespace TaggedPtr.Simulation;

/// <summary>The x86-64 <c>arch_prctl</c> options of Linear Address Masking (<c>arch/x86/include/uapi/asm/prctl.h</c>).</summary>
public static class ArchPrctlOption
{
    /// <summary><c>ARCH_GET_UNTAG_MASK</c>: writes the address space's untag mask to <c>*(unsigned long *)arg2</c>.</summary>
    public const int GetUntagMask = 0x4001;

    /// <summary><c>ARCH_ENABLE_TAGGED_ADDR</c>: enables LAM with at least <c>arg2</c> tag bits (1..6 select LAM_U57).</summary>
    public const int EnableTaggedAddr = 0x4002;

    /// <summary><c>ARCH_GET_MAX_TAG_BITS</c>: writes 6 (CPU has LAM) or 0 to <c>*(unsigned long *)arg2</c>.</summary>
    public const int GetMaxTagBits = 0x4003;

    /// <summary><c>ARCH_FORCE_TAGGED_SVA</c>: lets LAM and SVA coexist; the process promises to untag device addresses.</summary>
    public const int ForceTaggedSva = 0x4004;

    /// <summary>The kernel's <c>LAM_U57_BITS</c>.</summary>
    public const int LamU57Bits = 6;

    /// <summary>The unmerged LAM_U48 patch's <c>LAM_U48_BITS</c>.</summary>
    public const int LamU48Bits = 15;
}
