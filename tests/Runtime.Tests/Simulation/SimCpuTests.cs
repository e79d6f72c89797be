using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>
/// <see cref="SimCpu"/> and the per-host-thread TLB behind it: a hit must never outlive the mapping, permission, LAM mode
/// or address space it was cached for.
/// </summary>
public sealed class SimCpuTests
{
    [Fact]
    public void Loads_and_stores_through_the_cpu_match_the_thread()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        SimCpu cpu = t.OnThisCpu();
        cpu.Store(page + 16, 0x0102030405060708L);
        Assert.Equal(0x0102030405060708L, t.Load<long>(page + 16));
        t.Store(page + 24, 42);
        Assert.Equal(42, cpu.Load<int>(page + 24));
        Assert.Same(t, cpu.Thread);
    }

    [Fact]
    public void A_cached_page_faults_after_it_is_unmapped()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        SimCpu cpu = t.OnThisCpu();
        cpu.Store(page, 7L);
        Assert.Equal(7L, cpu.Load<long>(page));

        t.Unmap(page, 4096);

        PageFaultException fault = Assert.Throws<PageFaultException>(() => t.OnThisCpu().Load<long>(page));
        Assert.Equal(page, fault.Address);
    }

    [Fact]
    public void A_cached_writable_page_rejects_stores_after_it_becomes_read_only()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        SimCpu cpu = t.OnThisCpu();
        cpu.Store(page, 1);

        t.Protect(page, 4096, Protection.Read);

        Assert.Equal(FaultClass.AccessDenied, Assert.Throws<PageFaultException>(() => t.OnThisCpu().Store(page, 2)).FaultClass);
        Assert.Equal(1, t.OnThisCpu().Load<int>(page));
    }

    [Fact]
    public void A_cached_read_permission_does_not_grant_a_write()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096, Protection.Read);
        Assert.Equal(0, t.OnThisCpu().Load<int>(page));

        Assert.Equal(FaultClass.AccessDenied, Assert.Throws<PageFaultException>(() => t.OnThisCpu().Store(page, 2)).FaultClass);
    }

    [Fact]
    public void Tagged_addresses_hit_only_while_lam_is_enabled()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 99L);
        ulong tagged = page | (5UL << 57);
        Assert.Throws<GeneralProtectionFaultException>(() => t.OnThisCpu().Load<long>(tagged));

        t.EnableTaggedAddresses(6);
        SimCpu cpu = t.OnThisCpu();
        Assert.Equal(99L, cpu.Load<long>(tagged));
        Assert.Equal(99L, cpu.Load<long>(page));
    }

    [Fact]
    public void The_cpu_of_one_process_never_reads_another_process_cached_on_the_same_host_thread()
    {
        SimThread parent = Sim.Start();
        ulong page = parent.Map(4096);
        parent.Store(page, 1L);
        SimThread child = parent.Fork().MainThread;
        child.Store(page, 2L);
        SimCpu parentCpu = parent.OnThisCpu();
        Assert.Equal(1L, parentCpu.Load<long>(page));

        // The child's access switches this host thread's TLB to the child's address space and caches the same address.
        Assert.Equal(2L, child.Load<long>(page));

        Assert.Equal(1L, parentCpu.Load<long>(page));
        Assert.Equal(2L, child.OnThisCpu().Load<long>(page));
    }

    [Fact]
    public void An_access_that_crosses_a_page_takes_the_slow_path_and_sees_both_pages()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(8192);
        SimCpu cpu = t.OnThisCpu();
        Assert.Equal(0L, cpu.Load<long>(pages + 8));
        Assert.Equal(0L, cpu.Load<long>(pages + 4096));

        cpu.Store(pages + 4092, 0x1122334455667788L);

        Assert.Equal(0x55667788, t.Load<int>(pages + 4092));
        Assert.Equal(0x11223344, t.Load<int>(pages + 4096));
        Assert.Equal(0x1122334455667788L, cpu.Load<long>(pages + 4092));
    }

    [Fact]
    public void An_access_that_runs_into_a_read_only_or_unmapped_next_page_faults_there_even_when_its_first_page_hits()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(3 * 4096);
        t.Protect(pages + 4096, 4096, Protection.Read);
        t.Unmap(pages + 2 * 4096, 4096);
        SimCpu cpu = t.OnThisCpu();
        cpu.Store(pages + 4088, 1L);
        Assert.Equal(0L, cpu.Load<long>(pages + 4096));
        Assert.Equal(1L, cpu.Load<long>(pages + 4088));

        PageFaultException denied = Assert.IsType<PageFaultException>(Fault(cpu, c => c.Store(pages + 4092, -1L)));
        Assert.Equal((FaultClass.AccessDenied, pages + 4092), (denied.FaultClass, denied.Address));
        Assert.Equal(1L, t.Load<long>(pages + 4088));
        Assert.Equal(0L, t.Load<long>(pages + 4096));
        PageFaultException unmapped = Assert.IsType<PageFaultException>(Fault(cpu, c => c.Load<long>(pages + 2 * 4096 - 4)));
        Assert.Equal((FaultClass.NotMapped, pages + 2 * 4096 - 4), (unmapped.FaultClass, unmapped.Address));
    }

    [Fact]
    public void Address_zero_faults_with_a_fresh_and_with_an_invalidated_tlb()
    {
        SimThread t = Sim.Start();
        Assert.Throws<PageFaultException>(() => t.OnThisCpu().Load<byte>(0));
        ulong page = t.Map(4096);
        t.OnThisCpu().Store(page, (byte)1);
        t.Unmap(page, 4096);

        Assert.Equal(0UL, Assert.Throws<PageFaultException>(() => t.OnThisCpu().Load<byte>(0)).Address);
    }

    [Fact]
    public void Page_zero_mapped_with_mmap_min_addr_zero_faults_after_unmap()
    {
        // An invalidated TLB lets address 0 through its fault-mask test; only the rule that page 0 is never cached keeps
        // this from reading the freed page.
        SimThread t = Sim.Start(new KernelConfig { MmapMinAddress = 0 });
        Assert.Equal(0UL, t.Map(4096, flags: MapFlags.Fixed, address: 0));
        SimCpu cpu = t.OnThisCpu();
        cpu.Store(0, 0x5AL);
        Assert.Equal(0x5AL, cpu.Load<long>(0));
        Assert.Equal(0x5AL, t.Load<long>(0));

        t.Unmap(0, 4096);

        Assert.Equal(0UL, Assert.IsType<PageFaultException>(Fault(cpu, c => c.Load<long>(0))).Address);
        Assert.Equal(0UL, Assert.Throws<PageFaultException>(() => t.OnThisCpu().Store(0, 1L)).Address);
    }

    [Fact]
    public void A_cpu_stays_right_when_more_processes_than_the_host_thread_keeps_run_in_between()
    {
        SimThread first = Sim.Start();
        ulong page = first.Map(8192);
        first.Store(page, 100L);
        SimCpu firstCpu = first.OnThisCpu();
        Assert.Equal(100L, firstCpu.Load<long>(page));
        Assert.Equal(0L, firstCpu.Load<long>(page + 4096));

        // Six forks, each touching the same address on this host thread, push the first process's TLB out of the set.
        var others = new System.Collections.Generic.List<SimThread>();
        for (int i = 1; i <= 6; i++)
        {
            SimThread child = first.Fork().MainThread;
            child.OnThisCpu().Store(page, 100L + i);
            others.Add(child);
        }

        // The dropped TLB no longer hears shootdowns, so it must never hit again.
        first.Unmap(page + 4096, 4096);
        Assert.Equal(page + 4096, Assert.IsType<PageFaultException>(Fault(firstCpu, c => c.Load<long>(page + 4096))).Address);
        Assert.Equal(100L, firstCpu.Load<long>(page));
        firstCpu.Store(page + 8, 7L);
        Assert.Equal(7L, first.Load<long>(page + 8));
        for (int i = 0; i < others.Count; i++)
        {
            Assert.Equal(101L + i, others[i].OnThisCpu().Load<long>(page));
            Assert.Equal(0L, others[i].Load<long>(page + 8));
        }
    }

    [Fact]
    public void A_cpu_of_an_exited_thread_stops_working_even_while_its_process_still_runs_here()
    {
        SimThread main = Sim.Start();
        ulong page = main.Map(4096);
        main.Store(page, 5L);
        SimThread worker = main.CreateThread();
        SimCpu workerCpu = worker.OnThisCpu();
        Assert.Equal(5L, workerCpu.Load<long>(page));

        worker.Exit();
        Assert.Equal(5L, main.OnThisCpu().Load<long>(page));

        Assert.IsType<System.InvalidOperationException>(Fault(workerCpu, c => c.Load<long>(page)));
    }

    [Fact]
    public void A_vfork_child_cpu_sees_its_new_image_after_exec_not_the_parent_memory_cached_on_this_host_thread()
    {
        SimThread parent = Sim.Start();
        ulong page = parent.Map(4096);
        parent.Store(page, 9L);
        SimThread child = parent.Vfork().MainThread;
        SimCpu childCpu = child.OnThisCpu();
        Assert.Equal(9L, childCpu.Load<long>(page));

        child.Exec();
        // The parent resumes in the old address space on this host thread and refills a TLB for it.
        Assert.Equal(9L, parent.OnThisCpu().Load<long>(page));

        PageFaultException fault = Assert.IsType<PageFaultException>(Fault(childCpu, c => c.Load<long>(page)));
        Assert.Equal(FaultClass.NotMapped, fault.FaultClass);
    }

    // A SimCpu is a ref struct, so Assert.Throws's lambda cannot capture it; this one takes it as a parameter.
    private delegate void CpuAccess(SimCpu cpu);

    private static System.Exception? Fault(SimCpu cpu, CpuAccess access)
    {
        try
        {
            access(cpu);
            return null;
        }
        catch (System.Exception e)
        {
            return e;
        }
    }
}
