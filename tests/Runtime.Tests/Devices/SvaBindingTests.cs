using System;
using TaggedPtr.Devices;
using TaggedPtr.Runtime.Tests.Simulation;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Devices;

/// <summary>
/// The LAM/SVA exclusion from both sides (kernel-lam.md §5, sva-model.md §5.5): the six orders of the kernel selftest,
/// lazy PASID free, fork and exec, and the bind-side checks in order.
/// </summary>
public sealed class SvaBindingTests
{
    public enum Step
    {
        Lam,
        Pasid,
        Sva,
    }

    public static TheoryData<Step, Step, Step, Errno, Step?> SelftestOrders => new()
    {
        // order, the error the kernel gives, and at which step
        { Step.Lam, Step.Pasid, Step.Sva, Errno.EBUSY, Step.Pasid },
        { Step.Lam, Step.Sva, Step.Pasid, Errno.None, null },
        { Step.Pasid, Step.Lam, Step.Sva, Errno.EINVAL, Step.Lam },
        { Step.Pasid, Step.Sva, Step.Lam, Errno.None, null },
        { Step.Sva, Step.Lam, Step.Pasid, Errno.None, null },
        { Step.Sva, Step.Pasid, Step.Lam, Errno.None, null },
    };

    [Theory]
    [MemberData(nameof(SelftestOrders))]
    public void The_six_orders_of_enable_bind_and_force_give_the_kernels_results(Step first, Step second, Step third, Errno expected, Step? failingStep)
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        var dsa = new DsaDevice(kernel);
        Errno failure = Errno.None;
        Step? failedAt = null;
        foreach (Step step in new[] { first, second, third })
        {
            try
            {
                switch (step)
                {
                    case Step.Lam:
                        t.EnableTaggedAddresses(6);
                        break;
                    case Step.Pasid:
                        dsa.WorkQueues[0].Open(t);
                        break;
                    default:
                        t.ForceTaggedSva();
                        break;
                }
            }
            catch (SyscallException error) when (failedAt is null)
            {
                failure = error.Errno;
                failedAt = step;
            }
        }

        Assert.Equal(expected, failure);
        Assert.Equal(failingStep, failedAt);
        AddressSpace space = t.AddressSpace;
        Assert.False(space.LamMode != LamMode.Off && space.HasPasid && !space.ForceTaggedSva);
    }

    [Fact]
    public void Bind_after_lam_without_force_is_ebusy_with_a_reason_that_names_the_fix()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        t.EnableTaggedAddresses(6);
        var error = Assert.Throws<SyscallException>(() => new SvaDevice(kernel, "gpu").Bind(t.AddressSpace));
        Assert.Equal(Errno.EBUSY, error.Errno);
        Assert.Contains("arch_pgtable_dma_compat", error.Reason);
        Assert.Contains("ForceTaggedSva()", error.Reason);
        Assert.False(t.AddressSpace.HasPasid);
    }

    [Fact]
    public void Unbinding_does_not_free_the_pasid_so_enabling_lam_still_fails()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        var device = new SvaDevice(kernel, "accel");
        device.Bind(t.AddressSpace).Dispose();
        Assert.True(t.AddressSpace.HasPasid);
        Assert.Empty(device.Bindings);
        Assert.Equal(1, kernel.Pasids.InUse);
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(6)).Errno);
    }

    [Fact]
    public void A_fork_child_has_no_pasid_and_enables_lam_freely()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        new SvaDevice(kernel, "accel").Bind(t.AddressSpace);
        SimThread child = t.Fork().MainThread;
        Assert.False(child.AddressSpace.HasPasid);
        child.EnableTaggedAddresses(6);
        Assert.Equal(LamMode.U57, child.AddressSpace.LamMode);
    }

    [Fact]
    public void Exec_drops_the_pasid_once_the_binding_is_gone()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        SvaBinding binding = new SvaDevice(kernel, "accel").Bind(t.AddressSpace);
        uint pasid = binding.Pasid;
        t.Exec();
        Assert.False(t.AddressSpace.HasPasid);
        Assert.True(kernel.Pasids.IsAllocated(pasid));
        binding.Dispose();
        Assert.False(kernel.Pasids.IsAllocated(pasid));
        t.EnableTaggedAddresses(6);
    }

    [Fact]
    public void Force_from_another_process_is_einval_and_does_not_help_the_target()
    {
        var kernel = new Kernel();
        SimThread target = kernel.Spawn().MainThread;
        SimThread other = kernel.Spawn().MainThread;
        new SvaDevice(kernel, "accel").Bind(target.AddressSpace);
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(other.PtraceArchPrctl(target, ArchPrctlOption.ForceTaggedSva, 0)));
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => target.EnableTaggedAddresses(6)).Errno);
    }

    [Fact]
    public void Every_device_shares_the_one_pasid_of_an_address_space()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        SvaBinding first = new SvaDevice(kernel, "a").Bind(t.AddressSpace);
        SvaBinding second = new SvaDevice(kernel, "b").Bind(t.AddressSpace);
        Assert.Equal(first.Pasid, second.Pasid);
        Assert.Equal(PasidAllocator.First, first.Pasid);
        Assert.Equal(1, kernel.Pasids.InUse);
    }

    [Fact]
    public void A_second_bind_of_the_same_device_takes_a_reference()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        var device = new SvaDevice(kernel, "a");
        SvaBinding first = device.Bind(t.AddressSpace);
        SvaBinding again = device.Bind(t.AddressSpace);
        Assert.Same(first, again);
        Assert.Equal(2, first.References);
        first.Dispose();
        Assert.True(first.IsBound);
        first.Dispose();
        Assert.False(first.IsBound);
    }

    [Fact]
    public void Bind_check_1_a_device_without_an_iommu_group_is_enodev()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        t.EnableTaggedAddresses(6);
        var device = new SvaDevice(kernel, "no-iommu", hasIommuGroup: false);

        // ENODEV comes before the LAM check (which would be EBUSY here).
        Assert.Equal(Errno.ENODEV, device.TryBind(t.AddressSpace, out _));
    }

    [Fact]
    public void Without_config_iommu_sva_binds_fail_with_enodev()
    {
        var kernel = new Kernel(KernelConfig.LamCapable with { IommuSva = false });
        SimThread t = kernel.Spawn().MainThread;
        Assert.Equal(Errno.ENODEV, new SvaDevice(kernel, "x").TryBind(t.AddressSpace, out SvaBinding? binding));
        Assert.Null(binding);
        t.EnableTaggedAddresses(6);
    }

    [Fact]
    public void Bind_check_3b_an_existing_pasid_beyond_the_devices_range_is_eoverflow()
    {
        var kernel = new Kernel();
        var wide = new SvaDevice(kernel, "wide");
        for (int i = 0; i < 4; i++)
        {
            wide.Bind(kernel.Spawn().AddressSpace);
        }

        SimThread t = kernel.Spawn().MainThread;
        Assert.Equal(5u, wide.Bind(t.AddressSpace).Pasid);
        var narrow = new SvaDevice(kernel, "narrow", maxPasids: 4);
        Assert.Equal(Errno.EOVERFLOW, narrow.TryBind(t.AddressSpace, out _));
    }

    [Fact]
    public void Bind_check_3d_an_exhausted_pasid_space_is_enospc()
    {
        var kernel = new Kernel(KernelConfig.LamCapable with { PasidSpace = 3 });
        var device = new SvaDevice(kernel, "a");
        device.Bind(kernel.Spawn().AddressSpace);
        device.Bind(kernel.Spawn().AddressSpace);
        SimProcess third = kernel.Spawn();
        Assert.Equal(Errno.ENOSPC, device.TryBind(third.AddressSpace, out _));
        Assert.False(third.AddressSpace.HasPasid);
    }

    [Fact]
    public void Bind_check_3a_ebusy_comes_before_pasid_reuse_and_exhaustion()
    {
        var kernel = new Kernel(KernelConfig.LamCapable with { PasidSpace = 2 });
        var device = new SvaDevice(kernel, "a");
        device.Bind(kernel.Spawn().AddressSpace);
        SimThread t = kernel.Spawn().MainThread;
        t.EnableTaggedAddresses(6);
        Assert.Equal(Errno.EBUSY, device.TryBind(t.AddressSpace, out _));
    }

    [Fact]
    public void The_pasid_is_freed_when_the_address_space_exits()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        SvaBinding binding = new SvaDevice(kernel, "a").Bind(t.AddressSpace);
        binding.Dispose();
        Assert.Equal(1, kernel.Pasids.InUse);
        t.Exit();
        Assert.Equal(0, kernel.Pasids.InUse);
    }

    [Fact]
    public void The_visible_regions_of_a_binding_are_the_whole_address_space()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        ulong a = t.Map(4096);
        ulong b = t.Map(8192, Protection.Read);
        SvaBinding binding = new SvaDevice(kernel, "a").Bind(t.AddressSpace);
        Assert.Equal(t.AddressSpace.Regions, binding.VisibleRegions);
        Assert.Contains(binding.VisibleRegions, r => r.Start == a && r.Protection == Protection.ReadWrite);
        Assert.Contains(binding.VisibleRegions, r => r.Start == b && r.Protection == Protection.Read);
    }

    [Fact]
    public void The_pasid_allocator_hands_out_the_lowest_free_value_and_rejects_bad_sizes()
    {
        var pasids = new PasidAllocator(8);
        Assert.Equal(1u, pasids.Allocate(8));
        Assert.Equal(2u, pasids.Allocate(8));
        Assert.Equal(PasidAllocator.Invalid, pasids.Allocate(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasidAllocator(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasidAllocator((1u << 20) + 1));
    }
}
