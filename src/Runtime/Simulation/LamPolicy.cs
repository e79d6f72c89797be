namespace TaggedPtr.Simulation;

/// <summary>Which LAM modes the simulated kernel grants.</summary>
public enum LamPolicy
{
    /// <summary>
    /// Mainline Linux (v6.4+): <c>nr_bits</c> 1..6 select LAM_U57; 0 or more than 6 is <c>-EINVAL</c>.
    /// </summary>
    Mainline,

    /// <summary>
    /// Kirill Shutemov's unmerged LAM_U48 patch: 1..6 → LAM_U57, 7..15 → LAM_U48 unless a mapping exists at or above
    /// 47 bits on a 5-level machine (<c>-EBUSY</c>), more than 15 → <c>-EINVAL</c>. With LAM_U48 on, mmap hints above
    /// 47 bits are ignored.
    /// </summary>
    U48Patch,
}
