using System;
using System.Globalization;

namespace TaggedPtr.Simulation;

/// <summary>
/// <c>do_arch_prctl_64()</c> for the four LAM options, with the kernel's checks in the kernel's order
/// (<c>arch/x86/kernel/process_64.c</c>; kernel-lam.md §1.2–1.6).
/// </summary>
internal static class ArchPrctlHandler
{
    public static long Dispatch(SimThread current, SimThread task, int option, ulong arg2, SyscallAbi abi)
    {
        // The compat entry only knows the common options; without CONFIG_ADDRESS_MASKING the LAM cases are compiled
        // out and fall into "default: -EINVAL".
        if (abi == SyscallAbi.Ia32 || !current.Kernel.Config.AddressMasking)
        {
            return -(long)Errno.EINVAL;
        }

        switch (option)
        {
            case ArchPrctlOption.GetUntagMask:
                // No feature check and no task check: through ptrace it reports the tracee's mask.
                return current.PutUser(arg2, task.AddressSpace.UntagMask);
            case ArchPrctlOption.EnableTaggedAddr:
                return -(long)EnableTaggedAddr(current, task.AddressSpace, arg2, out _);
            case ArchPrctlOption.GetMaxTagBits:
                return current.PutUser(arg2, (ulong)MaxTagBits(task.AddressSpace));
            case ArchPrctlOption.ForceTaggedSva:
                return -(long)ForceTaggedSva(current, task, out _);
            default:
                return -(long)Errno.EINVAL;
        }
    }

    /// <summary><c>prctl_enable_tagged_addr(mm, nr_bits)</c>.</summary>
    public static Errno EnableTaggedAddr(SimThread current, AddressSpace mm, ulong nrBits, out string reason)
    {
        KernelConfig config = current.Kernel.Config;

        // 1. cpu_feature_enabled(X86_FEATURE_LAM)
        if (!config.CpuHasLam)
        {
            reason = "the CPU does not support LAM (X86_FEATURE_LAM)";
            return Errno.ENODEV;
        }

        // 2. current->mm != mm: the PTRACE_ARCH_PRCTL path
        if (!ReferenceEquals(current.AddressSpace, mm))
        {
            reason = "LAM can only be enabled by a task of the address space itself, not through ptrace";
            return Errno.EINVAL;
        }

        // 3. mm_valid_pasid(mm) && !FORCE_TAGGED_SVA, checked without the mmap lock (once -EINTR, fixed to -EINVAL)
        if (mm.HasPasid && !mm.ForceTaggedSva)
        {
            reason = AddressSpace.PasidWithoutForceReason;
            return Errno.EINVAL;
        }

        // 4. mmap_write_lock_killable()
        if (current.FatalSignalPending)
        {
            reason = "a fatal signal is pending (mmap_write_lock_killable failed)";
            return Errno.EINTR;
        }

        // 5.–7. under the mmap write lock: LOCK_LAM → -EBUSY, nr_bits → -EINVAL, then mm_enable_lam().
        return mm.EnableLam(nrBits, out reason);
    }

    /// <summary>The <c>ARCH_FORCE_TAGGED_SVA</c> case: only <c>current</c> may set the flag (FIX2, 97740266de26).</summary>
    public static Errno ForceTaggedSva(SimThread current, SimThread task, out string reason)
    {
        if (!ReferenceEquals(current, task))
        {
            reason = "ARCH_FORCE_TAGGED_SVA can only be set by the task itself, not through ptrace";
            return Errno.EINVAL;
        }

        task.AddressSpace.SetContextFlag(AddressSpace.ForceTaggedSvaBit);
        reason = string.Empty;
        return Errno.None;
    }

    /// <summary>
    /// <c>ARCH_GET_MAX_TAG_BITS</c>: <c>LAM_U57_BITS</c> (6) with a LAM CPU, else 0. Under the unmerged LAM_U48 patch, 15 while
    /// LAM_U48 is still possible for the address space.
    /// </summary>
    public static int MaxTagBits(AddressSpace mm)
    {
        KernelConfig config = mm.Kernel.Config;
        if (!config.CpuHasLam)
        {
            return 0;
        }

        if (config.LamPolicy == LamPolicy.U48Patch && mm.LamMode != LamMode.U57 && mm.LamU48Allowed())
        {
            return ArchPrctlOption.LamU48Bits;
        }

        return ArchPrctlOption.LamU57Bits;
    }

    public static void ThrowIfCompiledOut(Kernel kernel, string option)
    {
        if (!kernel.Config.AddressMasking)
        {
            throw new SyscallException(
                option,
                Errno.EINVAL,
                string.Format(CultureInfo.InvariantCulture, "the kernel was built without CONFIG_ADDRESS_MASKING, so arch_prctl does not know 0x{0:x}", OptionValue(option)));
        }
    }

    private static int OptionValue(string option) => option switch
    {
        "ARCH_GET_UNTAG_MASK" => ArchPrctlOption.GetUntagMask,
        "ARCH_ENABLE_TAGGED_ADDR" => ArchPrctlOption.EnableTaggedAddr,
        "ARCH_GET_MAX_TAG_BITS" => ArchPrctlOption.GetMaxTagBits,
        "ARCH_FORCE_TAGGED_SVA" => ArchPrctlOption.ForceTaggedSva,
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };
}
