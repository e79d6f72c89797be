namespace TaggedPtr.Simulation;

/// <summary>
/// How the kernel's <c>access_ok()</c> bounds user pointers in copy_to_user/copy_from_user (kernel-lam.md §3.3).
/// </summary>
public enum UserPointerLimit
{
    /// <summary>
    /// <c>USER_PTR_MAX = 0x7FFFFFFFFFFFF000</c> when the CPU has LAM (v6.4–v6.11 behaviour, and the 2025 LASS series):
    /// a tagged pointer passes the range check and the simulated hardware then decides.
    /// </summary>
    LamAware,

    /// <summary>
    /// Strict v6.12+ behaviour: <c>USER_PTR_MAX = TASK_SIZE_MAX</c>, so a tagged pointer passed to <c>read()</c> or
    /// <c>uname()</c> gets <c>-EFAULT</c> even with LAM enabled.
    /// </summary>
    TaskSizeMax,
}
