using System;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>The fork/clone/vfork/exec table of kernel-lam.md §1.7 and §4.</summary>
public sealed class ProcessLifecycleTests
{
    [Fact]
    public void Clone_vm_without_vfork_locks_lam_on_the_shared_address_space()
    {
        SimThread t = Sim.Start();
        SimThread thread = t.Clone(CloneFlags.Vm | CloneFlags.Sighand | CloneFlags.Thread);
        Assert.Same(t.AddressSpace, thread.AddressSpace);
        Assert.True(t.AddressSpace.LamLocked);
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(thread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
        Assert.Equal(2, t.Process.Threads.Count);
    }

    [Fact]
    public void Clone_vm_into_a_new_process_also_locks_lam()
    {
        SimThread t = Sim.Start();
        SimThread child = t.Clone(CloneFlags.Vm);
        Assert.NotSame(t.Process, child.Process);
        Assert.Same(t.AddressSpace, child.AddressSpace);
        Assert.True(t.AddressSpace.LamLocked);
    }

    [Fact]
    public void Vfork_shares_the_address_space_without_locking_lam()
    {
        SimThread t = Sim.Start();
        SimProcess child = t.Vfork();
        Assert.Same(t.AddressSpace, child.AddressSpace);
        Assert.False(t.AddressSpace.LamLocked);
        t.EnableTaggedAddresses(6);
        Assert.Equal(LamMode.U57, child.AddressSpace.LamMode);
    }

    [Fact]
    public void Vfork_then_exec_leaves_the_parent_untouched()
    {
        SimThread t = Sim.Start();
        t.EnableTaggedAddresses(6);
        SimProcess child = t.Vfork();
        child.MainThread.Exec("child");
        Assert.NotSame(t.AddressSpace, child.AddressSpace);
        Assert.Equal(LamMode.U57, t.AddressSpace.LamMode);
        Assert.Equal(LamMode.Off, child.AddressSpace.LamMode);
        Assert.Equal(1, t.AddressSpace.Users);
    }

    [Fact]
    public void Fork_copies_lam_mode_mask_lock_and_force()
    {
        SimThread t = Sim.Start();
        t.ForceTaggedSva();
        t.EnableTaggedAddresses(6);
        SimProcess child = t.Fork();
        Assert.NotSame(t.AddressSpace, child.AddressSpace);
        Assert.Equal(LamMode.U57, child.AddressSpace.LamMode);
        Assert.Equal(0x81FF_FFFF_FFFF_FFFFUL, child.MainThread.GetUntagMask());
        Assert.True(child.AddressSpace.LamLocked);
        Assert.True(child.AddressSpace.ForceTaggedSva);
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(child.MainThread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Fork_of_a_once_multithreaded_process_inherits_the_lam_lock()
    {
        SimThread t = Sim.Start();
        t.CreateThread().Exit();
        SimProcess child = t.Fork();
        Assert.True(child.AddressSpace.LamLocked);
        Assert.Equal(Errno.EBUSY, Sim.ErrnoOf(child.MainThread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Fork_does_not_inherit_the_pasid_so_the_child_enables_lam_freely()
    {
        SimThread t = Sim.Start();
        Sim.AttachPasid(t.AddressSpace);
        SimProcess child = t.Fork();
        Assert.False(child.AddressSpace.HasPasid);
        child.MainThread.EnableTaggedAddresses(6);
        Assert.Equal(LamMode.U57, child.AddressSpace.LamMode);
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)));
    }

    [Fact]
    public void Fork_copies_memory_and_private_pages_diverge()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 41L);
        SimThread child = t.Fork().MainThread;
        Assert.Equal(41L, child.Load<long>(page));
        child.Store(page, 7L);
        Assert.Equal(41L, t.Load<long>(page));
    }

    [Fact]
    public void Fork_shares_map_shared_pages()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096, flags: MapFlags.Shared);
        SimThread child = t.Fork().MainThread;
        child.Store(page, 99L);
        Assert.Equal(99L, t.Load<long>(page));
    }

    [Fact]
    public void Exec_resets_mode_mask_lock_force_and_pasid()
    {
        SimThread t = Sim.Start();
        Sim.AttachPasid(t.AddressSpace);
        t.ForceTaggedSva();
        t.EnableTaggedAddresses(6);
        t.CreateThread();
        AddressSpace old = t.AddressSpace;

        t.Exec("fresh");

        AddressSpace fresh = t.AddressSpace;
        Assert.NotSame(old, fresh);
        Assert.Equal(LamMode.Off, fresh.LamMode);
        Assert.Equal(ulong.MaxValue, t.GetUntagMask());
        Assert.False(fresh.LamLocked);
        Assert.False(fresh.ForceTaggedSva);
        Assert.False(fresh.HasPasid);
        Assert.Single(t.Process.Threads);
        Assert.True(old.HasExited);
        Assert.False(old.HasPasid);
        Assert.Equal(0, t.Kernel.Pasids.InUse);
        t.EnableTaggedAddresses(6);
    }

    [Fact]
    public void Exec_in_a_multithreaded_process_ends_the_other_threads()
    {
        SimThread t = Sim.Start();
        SimThread other = t.CreateThread();
        other.Exec();
        Assert.False(t.IsAlive);
        Assert.True(other.IsAlive);
        Assert.Same(other, other.Process.MainThread);
        Assert.Throws<InvalidOperationException>(() => t.Load<int>(0x1000));
    }

    [Fact]
    public void The_last_thread_to_exit_tears_the_address_space_down()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        t.Map(1 << 20);
        SimThread other = t.CreateThread();
        long before = kernel.HostMemoryInUse;
        Assert.True(before >= 1 << 20);
        t.Exit();
        Assert.False(other.AddressSpace.HasExited);
        other.Exit();
        Assert.Equal(0, kernel.HostMemoryInUse);
        Assert.Empty(kernel.Processes);
    }

    [Theory]
    [InlineData(CloneFlags.Thread)]
    [InlineData(CloneFlags.Thread | CloneFlags.Vm)]
    [InlineData(CloneFlags.Sighand)]
    public void Inconsistent_clone_flags_are_einval(CloneFlags flags)
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EINVAL, Assert.Throws<SyscallException>(() => t.Clone(flags)).Errno);
        Assert.False(t.AddressSpace.LamLocked);
    }

    [Fact]
    public void Proc_status_prints_untag_mask_as_the_kernel_does()
    {
        SimThread t = Sim.Start();
        Assert.Contains("untag_mask:\t0xffffffffffffffff\n", t.Process.ReadProcStatus());
        t.EnableTaggedAddresses(6);
        Assert.Contains("untag_mask:\t0x81ffffffffffffff\n", t.Process.ReadProcStatus());
        Assert.StartsWith("Name:\ttest\n", t.Process.ReadProcStatus());
    }
}
