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
    public void Address_zero_faults_with_a_fresh_and_with_an_invalidated_tlb()
    {
        SimThread t = Sim.Start();
        Assert.Throws<PageFaultException>(() => t.OnThisCpu().Load<byte>(0));
        ulong page = t.Map(4096);
        t.OnThisCpu().Store(page, (byte)1);
        t.Unmap(page, 4096);

        Assert.Equal(0UL, Assert.Throws<PageFaultException>(() => t.OnThisCpu().Load<byte>(0)).Address);
    }
}
