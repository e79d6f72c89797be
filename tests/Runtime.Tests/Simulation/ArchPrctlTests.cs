using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>
/// One test per check of <c>do_arch_prctl_64</c> and <c>prctl_enable_tagged_addr</c> (kernel-lam.md §1.2–1.6), each
/// asserting the errno, and the order of the checks where two fail at once.
/// </summary>
public sealed class ArchPrctlTests
{
    private const ulong U57Mask = 0x81FF_FFFF_FFFF_FFFF;

    [Fact]
    public void Get_untag_mask_is_all_ones_before_lam_and_clears_62_to_57_after()
    {
        SimThread t = Sim.Start();
        Assert.Equal(ulong.MaxValue, t.GetUntagMask());
        t.EnableTaggedAddresses(6);
        Assert.Equal(U57Mask, t.GetUntagMask());
        Assert.Equal(LamMode.U57, t.AddressSpace.LamMode);
    }

    [Fact]
    public void Get_untag_mask_writes_an_unsigned_long_to_user_memory()
    {
        SimThread t = Sim.Start();
        ulong buffer = t.Map(4096);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.GetUntagMask, buffer));
        Assert.Equal(ulong.MaxValue, t.Load<ulong>(buffer));
    }

    [Fact]
    public void Get_untag_mask_to_an_unmapped_address_is_efault()
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.GetUntagMask, 0x1000)));
    }

    [Fact]
    public void Get_untag_mask_has_no_cpu_feature_check()
    {
        SimThread t = Sim.Start(KernelConfig.CpuWithoutLam);
        ulong buffer = t.Map(4096);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.GetUntagMask, buffer));
        Assert.Equal(ulong.MaxValue, t.Load<ulong>(buffer));
    }

    [Fact]
    public void Get_untag_mask_through_ptrace_reports_the_tracee_into_the_tracer()
    {
        var kernel = new Kernel();
        SimThread tracee = kernel.Spawn("tracee").MainThread;
        SimThread tracer = kernel.Spawn("tracer").MainThread;
        tracee.EnableTaggedAddresses(6);
        ulong buffer = tracer.Map(4096);
        Assert.Equal(0, tracer.PtraceArchPrctl(tracee, ArchPrctlOption.GetUntagMask, buffer));
        Assert.Equal(U57Mask, tracer.Load<ulong>(buffer));
    }

    [Fact]
    public void Get_max_tag_bits_is_6_with_a_lam_cpu_and_0_without()
    {
        Assert.Equal(6, Sim.Start().GetMaxTagBits());
        Assert.Equal(0, Sim.Start(KernelConfig.CpuWithoutLam).GetMaxTagBits());
        SimThread t = Sim.Start();
        ulong buffer = t.Map(4096);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.GetMaxTagBits, buffer));
        Assert.Equal(6UL, t.Load<ulong>(buffer));
    }

    [Fact]
    public void Get_max_tag_bits_does_not_depend_on_enabling_or_locking()
    {
        SimThread t = Sim.Start();
        t.CreateThread();
        Assert.Equal(6, t.GetMaxTagBits());
        SimThread u = Sim.Start();
        u.EnableTaggedAddresses(1);
        Assert.Equal(6, u.GetMaxTagBits());
    }

    [Theory]
    [InlineData(ArchPrctlOption.GetUntagMask)]
    [InlineData(ArchPrctlOption.EnableTaggedAddr)]
    [InlineData(ArchPrctlOption.GetMaxTagBits)]
    [InlineData(ArchPrctlOption.ForceTaggedSva)]
    public void Every_lam_option_is_einval_without_config_address_masking(int option)
    {
        SimThread t = Sim.Start(KernelConfig.WithoutAddressMasking);
        ulong buffer = t.Map(4096);
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(option, option == ArchPrctlOption.EnableTaggedAddr ? 6 : buffer)));
        Assert.Equal(0UL, t.Load<ulong>(buffer));
    }

    [Fact]
    public void The_typed_calls_report_the_missing_config_as_einval()
    {
        SimThread t = Sim.Start(KernelConfig.WithoutAddressMasking);
        var error = Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(6));
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains("CONFIG_ADDRESS_MASKING", error.Message);
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => t.GetUntagMask()).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => t.GetMaxTagBits()).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => t.ForceTaggedSva()).Errno);
    }

    [Theory]
    [InlineData(ArchPrctlOption.GetUntagMask)]
    [InlineData(ArchPrctlOption.EnableTaggedAddr)]
    [InlineData(ArchPrctlOption.GetMaxTagBits)]
    [InlineData(ArchPrctlOption.ForceTaggedSva)]
    public void Every_lam_option_is_einval_for_a_compat_32_bit_caller(int option)
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(option, 6, SyscallAbi.Ia32)));
        Assert.Equal(LamMode.Off, t.AddressSpace.LamMode);
        Assert.False(t.AddressSpace.ForceTaggedSva);
    }

    [Fact]
    public void An_unknown_option_is_einval_and_0x3001_is_not_lam()
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(0x4005, 0)));
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(0x3002, 6)));
    }

    [Fact]
    public void Enable_check_1_cpu_without_lam_is_enodev()
    {
        SimThread t = Sim.Start(KernelConfig.CpuWithoutLam);
        Assert.Equal(Errno.ENODEV, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
        Assert.Equal(Errno.ENODEV, Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(6)).Errno);
    }

    [Fact]
    public void Enable_check_1_comes_before_the_ptrace_check()
    {
        var kernel = new Kernel(KernelConfig.CpuWithoutLam);
        SimThread tracee = kernel.Spawn().MainThread;
        SimThread tracer = kernel.Spawn().MainThread;
        Assert.Equal(Errno.ENODEV, Sim.ErrnoOf(tracer.PtraceArchPrctl(tracee, ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Enable_check_2_through_ptrace_is_einval()
    {
        var kernel = new Kernel();
        SimThread tracee = kernel.Spawn().MainThread;
        SimThread tracer = kernel.Spawn().MainThread;
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(tracer.PtraceArchPrctl(tracee, ArchPrctlOption.EnableTaggedAddr, 6)));
        Assert.Equal(LamMode.Off, tracee.AddressSpace.LamMode);
    }

    [Fact]
    public void Enable_check_2_ptrace_comes_before_the_pasid_check()
    {
        var kernel = new Kernel();
        SimThread tracee = kernel.Spawn().MainThread;
        SimThread tracer = kernel.Spawn().MainThread;
        Sim.AttachPasid(tracee.AddressSpace);
        tracee.CreateThread();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(tracer.PtraceArchPrctl(tracee, ArchPrctlOption.EnableTaggedAddr, 0)));

        // Both checks answer EINVAL; the reason shows which one fired first.
        Assert.Equal(Errno.EINVAL, ArchPrctlHandler.EnableTaggedAddr(tracer, tracee.AddressSpace, 6, out string reason));
        Assert.Contains("ptrace", reason);
    }

    [Fact]
    public void Enable_check_3_pasid_without_force_is_einval()
    {
        SimThread t = Sim.Start();
        Sim.AttachPasid(t.AddressSpace);
        var error = Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(6));
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains("PASID", error.Reason);
        Assert.Contains("ForceTaggedSva", error.Reason);
        Assert.Equal(LamMode.Off, t.AddressSpace.LamMode);
    }

    [Fact]
    public void Enable_check_3_multithreaded_with_pasid_is_einval_not_ebusy()
    {
        SimThread t = Sim.Start();
        Sim.AttachPasid(t.AddressSpace);
        t.CreateThread();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Enable_check_3_pasid_with_force_proceeds()
    {
        SimThread t = Sim.Start();
        Sim.AttachPasid(t.AddressSpace);
        t.ForceTaggedSva();
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6));
        Assert.Equal(U57Mask, t.AddressSpace.UntagMask);
    }

    [Fact]
    public void Enable_check_4_a_pending_fatal_signal_is_eintr()
    {
        SimThread t = Sim.Start();
        t.FatalSignalPending = true;
        Assert.Equal(Errno.EINTR, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
        t.FatalSignalPending = false;
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6));
    }

    [Fact]
    public void Enable_check_4_eintr_comes_before_ebusy_and_after_the_pasid_einval()
    {
        SimThread t = Sim.Start();
        t.CreateThread();
        t.FatalSignalPending = true;
        Assert.Equal(Errno.EINTR, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
        Sim.AttachPasid(t.AddressSpace);
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Enable_check_5_a_second_enable_is_ebusy_even_with_the_same_bits()
    {
        SimThread t = Sim.Start();
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6));
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
        var error = Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(3));
        Assert.Equal(Errno.EBUSY, error.Errno);
        Assert.Contains("MM_CONTEXT_LOCK_LAM", error.Reason);
    }

    [Fact]
    public void Enable_check_5_multithreaded_is_ebusy()
    {
        SimThread t = Sim.Start();
        t.CreateThread();
        Assert.True(t.AddressSpace.LamLocked);
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Enable_check_5_multithreaded_with_zero_bits_is_ebusy_not_einval()
    {
        SimThread t = Sim.Start();
        t.CreateThread();
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 0)));
    }

    [Fact]
    public void Enable_check_5_the_lock_stays_after_the_threads_exit()
    {
        SimThread t = Sim.Start();
        t.CreateThread().Exit();
        Assert.Single(t.Process.Threads);
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(7UL)]
    [InlineData(15UL)]
    [InlineData(ulong.MaxValue)]
    public void Enable_check_6_zero_or_more_than_6_bits_is_einval(ulong bits)
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, bits)));
        Assert.False(t.AddressSpace.LamLocked);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Enable_step_7_rounds_1_to_6_bits_up_to_lam_u57_and_locks(int bits)
    {
        SimThread t = Sim.Start();
        t.EnableTaggedAddresses(bits);
        Assert.Equal(LamMode.U57, t.AddressSpace.LamMode);
        Assert.Equal(U57Mask, t.GetUntagMask());
        Assert.True(t.AddressSpace.LamLocked);
    }

    [Fact]
    public void The_u48_patch_grants_lam_u48_for_7_to_15_bits()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { LamPolicy = LamPolicy.U48Patch });
        Assert.Equal(15, t.GetMaxTagBits());
        t.EnableTaggedAddresses(15);
        Assert.Equal(LamMode.U48, t.AddressSpace.LamMode);
        Assert.Equal(0x8000_FFFF_FFFF_FFFFUL, t.GetUntagMask());
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(Sim.Start(KernelConfig.LamCapable with { LamPolicy = LamPolicy.U48Patch }).ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 16)));
    }

    [Fact]
    public void The_u48_patch_refuses_lam_u48_over_a_mapping_above_47_bits_on_5_level()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { LamPolicy = LamPolicy.U48Patch, Paging = PagingMode.FiveLevel });
        t.Map(4096, flags: MapFlags.Fixed, address: 3UL << 48);
        Assert.Equal(6, t.GetMaxTagBits());
        Assert.Equal(Errno.EBUSY, Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(10)).Errno);
        t.EnableTaggedAddresses(6);
        Assert.Equal(LamMode.U57, t.AddressSpace.LamMode);
    }

    [Fact]
    public void Force_from_the_task_itself_sets_the_sticky_flag()
    {
        SimThread t = Sim.Start();
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 12345));
        Assert.True(t.AddressSpace.ForceTaggedSva);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0));
        Assert.True(t.AddressSpace.ForceTaggedSva);
    }

    [Fact]
    public void Force_has_no_cpu_feature_check()
    {
        SimThread t = Sim.Start(KernelConfig.CpuWithoutLam);
        t.ForceTaggedSva();
        Assert.True(t.AddressSpace.ForceTaggedSva);
    }

    [Fact]
    public void Force_through_ptrace_is_einval()
    {
        var kernel = new Kernel();
        SimThread tracee = kernel.Spawn().MainThread;
        SimThread tracer = kernel.Spawn().MainThread;
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(tracer.PtraceArchPrctl(tracee, ArchPrctlOption.ForceTaggedSva, 0)));
        Assert.False(tracee.AddressSpace.ForceTaggedSva);
    }

    [Fact]
    public void Force_compares_tasks_so_another_thread_of_the_same_process_is_einval()
    {
        SimThread t = Sim.Start();
        SimThread sibling = t.CreateThread();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(sibling.PtraceArchPrctl(t, ArchPrctlOption.ForceTaggedSva, 0)));
        Assert.Equal(0, sibling.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0));
        Assert.True(t.AddressSpace.ForceTaggedSva);
    }
}
