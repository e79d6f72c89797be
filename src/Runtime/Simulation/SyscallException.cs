using System;
using System.Globalization;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated system call failed. Thrown by the typed APIs; the raw APIs (for example
/// <see cref="SimThread.ArchPrctl(int, ulong)"/>) return <c>-errno</c> instead.
/// </summary>
public sealed class SyscallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="syscall">The call that failed, as the kernel names it (for example <c>ARCH_ENABLE_TAGGED_ADDR</c>).</param>
    /// <param name="errno">The error number the kernel returned.</param>
    /// <param name="reason">Which kernel check failed, in words.</param>
    public SyscallException(string syscall, Errno errno, string reason)
        : base(string.Format(CultureInfo.InvariantCulture, "{0} failed with {1} ({2}): {3}", syscall, errno, (int)errno, reason))
    {
        Syscall = syscall;
        Errno = errno;
        Reason = reason;
    }

    /// <summary>The call that failed.</summary>
    public string Syscall { get; }

    /// <summary>The error number.</summary>
    public Errno Errno { get; }

    /// <summary>Which kernel check failed.</summary>
    public string Reason { get; }
}
