namespace TaggedPtr.Simulation;

/// <summary>How a system call entered the kernel.</summary>
public enum SyscallAbi
{
    /// <summary>The 64-bit <c>syscall</c> instruction.</summary>
    X64,

    /// <summary>
    /// A 32-bit (compat, <c>in_ia32_syscall()</c>) caller. The compat <c>arch_prctl</c> never reaches
    /// <c>do_arch_prctl_64</c>, so every LAM option returns <c>-EINVAL</c>.
    /// </summary>
    Ia32,
}
