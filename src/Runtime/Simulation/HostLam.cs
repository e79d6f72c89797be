using System;
using System.Runtime.InteropServices;

namespace TaggedPtr.Simulation;

/// <summary>
/// Asks the real kernel this process runs on whether it offers LAM: <c>arch_prctl(ARCH_GET_MAX_TAG_BITS)</c> through the C
/// library's <c>syscall()</c> on Linux x86-64. Nothing in TaggedPtr depends on the answer; the simulator works anywhere.
/// </summary>
public static unsafe partial class HostLam
{
    private const long SysArchPrctl = 158;

    /// <summary>Probes the host once. Never throws.</summary>
    public static HostLamReport Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return new HostLamReport(
                HostLamStatus.Unsupported,
                0,
                0,
                $"unsupported: LAM is an x86-64 Linux feature; this host is {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}");
        }

        ulong bits = 0;
        long result;
        int errno;
        try
        {
            result = Syscall(SysArchPrctl, ArchPrctlOption.GetMaxTagBits, &bits);
            errno = Marshal.GetLastPInvokeError();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return new HostLamReport(HostLamStatus.Unsupported, 0, 0, "unsupported: the C library's syscall() is not available: " + exception.Message);
        }

        if (result != 0)
        {
            return new HostLamReport(
                HostLamStatus.NotInKernel,
                0,
                errno,
                errno == (int)Errno.EINVAL
                    ? "the kernel does not know ARCH_GET_MAX_TAG_BITS (-EINVAL): built without CONFIG_ADDRESS_MASKING, or older than 6.4"
                    : $"arch_prctl(ARCH_GET_MAX_TAG_BITS) failed with errno {errno}");
        }

        return bits == 0
            ? new HostLamReport(HostLamStatus.NoCpuSupport, 0, 0, "the kernel supports LAM but this CPU does not (ARCH_GET_MAX_TAG_BITS = 0)")
            : new HostLamReport(HostLamStatus.Available, (int)bits, 0, $"LAM available: ARCH_GET_MAX_TAG_BITS = {bits}");
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long option, ulong* argument);
}
