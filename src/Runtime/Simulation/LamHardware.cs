namespace TaggedPtr.Simulation;

/// <summary>
/// The CPU side of Linear Address Masking, as KVM emulates it (<c>vmx_get_untagged_addr</c>): how a 64-bit data
/// address becomes a linear address, and whether it is canonical. Pure functions; the address space caches the masks.
/// </summary>
/// <remarks>
/// <code>
/// if bit63(addr) == 0 and LAM is on:   lam_bit = U57 ? 56 : 47
///     masked = (sign_extend(addr, lam_bit) &amp; ~BIT(63)) | (addr &amp; BIT(63))
/// canonical: 4-level ⇒ bits 63:47 equal; 5-level ⇒ bits 63:56 equal
/// </code>
/// Bit 63 is never changed, so a user access cannot become a supervisor access. Supervisor LAM (CR4.LAM_SUP) is
/// not enabled by Linux and is not modelled. Instruction fetches are never masked (<see cref="IsCanonical"/> alone).
/// </remarks>
public static class LamHardware
{
    private const ulong Bit63 = 1UL << 63;

    /// <summary>The untag mask of a LAM mode: the kernel's <c>untag_mask</c> (<c>-1</c>, <c>~GENMASK(62,57)</c>, <c>~GENMASK(62,48)</c>).</summary>
    public static ulong UntagMask(LamMode mode) => mode switch
    {
        LamMode.U57 => 0x81FF_FFFF_FFFF_FFFFUL,
        LamMode.U48 => 0x8000_FFFF_FFFF_FFFFUL,
        _ => ulong.MaxValue,
    };

    /// <summary>True when <paramref name="address"/> is canonical for the paging mode (no masking applied).</summary>
    public static bool IsCanonical(ulong address, PagingMode paging)
    {
        int topBit = paging == PagingMode.FiveLevel ? 56 : 47;
        return SignExtend(address, topBit) == address;
    }

    /// <summary>
    /// Applies LAM masking to a data address and checks canonicality, exactly as the hardware does.
    /// Returns false for a non-canonical address (a general-protection fault on a CPU access).
    /// </summary>
    /// <param name="address">The 64-bit address the program used, tag included.</param>
    /// <param name="mode">The address space's LAM mode.</param>
    /// <param name="paging">The paging mode.</param>
    /// <param name="linear">The linear address after masking (valid even when non-canonical, for reports).</param>
    public static bool TryMask(ulong address, LamMode mode, PagingMode paging, out ulong linear)
    {
        ulong masked = address;
        if ((address & Bit63) == 0 && mode != LamMode.Off)
        {
            int lamBit = mode == LamMode.U57 ? 56 : 47;
            masked = (SignExtend(address, lamBit) & ~Bit63) | (address & Bit63);
        }

        linear = masked;
        return IsCanonical(masked, paging);
    }

    /// <summary>
    /// Bits that must be clear for a user-half data address to be canonical under <paramref name="mode"/>; when they are,
    /// the linear address is <c>address &amp; UntagMask(mode)</c>. The fast path of every simulated access is this one test.
    /// </summary>
    public static ulong UserFaultMask(LamMode mode, PagingMode paging)
    {
        ulong mustMatchSign = paging == PagingMode.FiveLevel ? 0xFF00_0000_0000_0000UL : 0xFFFF_8000_0000_0000UL;
        return mode switch
        {
            LamMode.U57 => (mustMatchSign & ~0x7E00_0000_0000_0000UL) | (1UL << 56),
            LamMode.U48 => (mustMatchSign & ~0x7FFF_0000_0000_0000UL) | (1UL << 47),
            _ => mustMatchSign,
        };
    }

    /// <summary>Sign-extends <paramref name="value"/> from bit <paramref name="bit"/> (the kernel's <c>sign_extend64</c>).</summary>
    public static ulong SignExtend(ulong value, int bit)
    {
        int shift = 63 - bit;
        return (ulong)((long)(value << shift) >> shift);
    }
}
