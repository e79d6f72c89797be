using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using CsCheck;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>CPU accesses through the simulated address space: translation, faults, aliases, host memory.</summary>
public sealed class MemoryTests
{
    [Fact]
    public void Map_places_mappings_top_down_below_mmap_base()
    {
        SimThread t = Sim.Start();
        ulong first = t.Map(8192);
        ulong second = t.Map(4096);
        Assert.Equal(AddressSpace.MmapBase - 8192, first);
        Assert.Equal(first - 4096, second);
        Assert.Equal(2, t.AddressSpace.Regions.Count);
        Assert.Equal("7effffffd000-7effffffe000 rw-p 00000000 00:00 0", t.AddressSpace.Regions[0].ToString());
    }

    [Fact]
    public void Stores_and_loads_round_trip_and_memory_starts_zeroed()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        Assert.Equal(0L, t.Load<long>(page + 8));
        t.Store(page + 8, 0x1122334455667788L);
        Assert.Equal(0x1122334455667788L, t.Load<long>(page + 8));
        Assert.Equal((byte)0x88, t.Load<byte>(page + 8));
    }

    [Fact]
    public void An_access_across_a_page_boundary_touches_both_pages()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(8192);
        t.Store(pages + 4092, 0x0102030405060708L);
        Assert.Equal(0x0102030405060708L, t.Load<long>(pages + 4092));
        Assert.Equal(0x01020304, t.Load<int>(pages + 4096));
    }

    [Fact]
    public void An_access_whose_second_page_is_unmapped_faults_at_that_page()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(8192);
        t.Unmap(pages + 4096, 4096);
        var fault = Assert.Throws<PageFaultException>(() => t.Load<long>(pages + 4092));
        Assert.Equal(FaultClass.NotMapped, fault.FaultClass);
        Assert.Equal(pages + 4096, fault.LinearAddress);
        Assert.Equal(pages + 4092, fault.Address);
    }

    [Fact]
    public void Unmapped_memory_is_a_page_fault_with_maperr_and_the_address()
    {
        SimThread t = Sim.Start();
        var fault = Assert.Throws<PageFaultException>(() => t.Load<int>(0x1234_5000));
        Assert.Equal(FaultClass.NotMapped, fault.FaultClass);
        Assert.Equal(0x1234_5000UL, fault.Address);
        Assert.Equal(0x1234_5000UL, fault.SignalAddress);
        Assert.Equal(AccessKind.Read, fault.Access);
    }

    [Fact]
    public void Writing_read_only_memory_is_a_page_fault_with_accerr()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096, Protection.Read);
        var fault = Assert.Throws<PageFaultException>(() => t.Store(page, 1));
        Assert.Equal(FaultClass.AccessDenied, fault.FaultClass);
        Assert.Equal(AccessKind.Write, fault.Access);
        Assert.Equal(0, t.Load<int>(page));
    }

    [Fact]
    public void Prot_none_forbids_reads_and_mprotect_restores_them()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 5);
        t.Protect(page, 4096, Protection.None);
        Assert.Equal(FaultClass.AccessDenied, Assert.Throws<PageFaultException>(() => t.Load<int>(page)).FaultClass);
        t.Protect(page, 4096, Protection.Read);
        Assert.Equal(5, t.Load<int>(page));
    }

    [Fact]
    public void Mprotect_of_part_of_a_mapping_splits_it()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(3 * 4096);
        t.Protect(pages + 4096, 4096, Protection.Read);
        Assert.Equal(3, t.AddressSpace.Regions.Count);
        t.Store(pages, 1);
        t.Store(pages + 8192, 1);
        Assert.Throws<PageFaultException>(() => t.Store(pages + 4096, 1));
    }

    [Fact]
    public void A_tagged_access_with_lam_off_is_a_general_protection_fault()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        var tagged = TaggedPtr<int>.FromAddress(page, 5);
        var fault = Assert.Throws<GeneralProtectionFaultException>(() => t.Load(tagged));
        Assert.Equal(FaultClass.GeneralProtection, fault.FaultClass);
        Assert.Equal(tagged.RawValue, fault.Address);
        Assert.Equal(0UL, fault.SignalAddress);
        Assert.Contains("LAM is off", fault.Message);
    }

    [Fact]
    public void With_lam_on_every_tagged_alias_reaches_the_same_bytes()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.EnableTaggedAddresses(6);
        var p = TaggedPtr<long>.FromAddress(page);
        t.Store(p.WithTag(0x15), 77L);
        Assert.Equal(77L, t.Load<long>(page));
        Assert.Equal(77L, t.Load(p.WithTag(0x3F)));
        t.Store(page, 78L);
        Assert.Equal(78L, t.Load(p.WithTag(1)));
    }

    [Fact]
    public void Writes_through_any_tagged_alias_land_on_the_same_bytes()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4 * 4096);
        t.EnableTaggedAddresses(6);
        Gen.Select(Gen.UInt[0, 4 * 4096 - 8], Gen.ULong[0, 63], Gen.ULong[0, 63], Gen.Long).Sample((offset, writeTag, readTag, value) =>
        {
            ulong address = page + (offset & ~7u);
            t.Store(TaggedPtr<long>.FromAddress(address, writeTag), value);
            return t.Load(TaggedPtr<long>.FromAddress(address, readTag)) == value && t.Load<long>(address) == value;
        });
    }

    [Fact]
    public void Bit_56_under_lam_u57_is_non_canonical()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.EnableTaggedAddresses(6);
        var fault = Assert.Throws<GeneralProtectionFaultException>(() => t.Load<int>(page | (1UL << 56)));
        Assert.Contains("bits 56:47 must be 0", fault.Message);
    }

    [Fact]
    public void Bit_63_is_never_masked()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.EnableTaggedAddresses(6);
        Assert.Throws<GeneralProtectionFaultException>(() => t.Load<int>(page | (1UL << 63)));
        var kernelHalf = Assert.Throws<PageFaultException>(() => t.Load<int>(0xFFFF_8000_0000_1000));
        Assert.Equal(FaultClass.NotMapped, kernelHalf.FaultClass);
    }

    [Fact]
    public void On_5_level_paging_bits_55_to_47_are_address_bits()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { Paging = PagingMode.FiveLevel });
        ulong high = t.Map(4096, flags: MapFlags.Fixed, address: 3UL << 48);
        Assert.Equal(3UL << 48, high);
        t.Store(high, 12);
        t.EnableTaggedAddresses(6);
        Assert.Equal(12, t.Load<int>(high | (0x2AUL << 57)));
        Assert.Throws<PageFaultException>(() => t.Load<int>(5UL << 48));
        Assert.Throws<GeneralProtectionFaultException>(() => t.Load<int>(high | (1UL << 56)));
    }

    [Fact]
    public void On_4_level_paging_an_address_above_47_bits_cannot_be_mapped()
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.ENOMEM, Sim.ErrnoOf(t.Mmap(3UL << 48, 4096, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed)));
        Assert.Throws<GeneralProtectionFaultException>(() => t.Load<int>(3UL << 48));
    }

    [Fact]
    public void Instruction_fetches_are_never_untagged()
    {
        SimThread t = Sim.Start();
        ulong code = t.Map(4096, Protection.Read | Protection.Execute);
        t.EnableTaggedAddresses(6);
        Assert.Equal(0, t.FetchInstruction(code));
        Assert.Throws<GeneralProtectionFaultException>(() => t.FetchInstruction(code | (1UL << 57)));
        ulong data = t.Map(4096);
        Assert.Equal(FaultClass.AccessDenied, Assert.Throws<PageFaultException>(() => t.FetchInstruction(data)).FaultClass);
    }

    [Fact]
    public void Byte_ranges_copy_across_pages_and_through_tags()
    {
        SimThread t = Sim.Start();
        ulong pages = t.Map(3 * 4096);
        t.EnableTaggedAddresses(6);
        byte[] data = new byte[9000];
        new Random(7).NextBytes(data);
        t.StoreBytes(pages + 100 | (9UL << 57), data);
        byte[] back = new byte[9000];
        t.LoadBytes(pages + 100, back);
        Assert.Equal(data, back);
    }

    [Fact]
    public void Compare_exchange_on_simulated_memory_is_atomic_and_checked()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 5UL);
        Assert.Equal(5UL, t.CompareExchange(page, 6, 5));
        Assert.Equal(6UL, t.CompareExchange(page, 7, 5));
        Assert.Equal(6UL, t.Load<ulong>(page));
        Assert.Throws<ArgumentException>(() => t.CompareExchange(page + 4, 1, 0));
        Assert.Throws<GeneralProtectionFaultException>(() => t.CompareExchange(page | (1UL << 58), 1, 0));
    }

    [Fact]
    public void Unmap_returns_host_memory()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        long baseline = kernel.HostMemoryInUse;
        ulong mapping = t.Map(1 << 20);
        t.Store(mapping, 1);
        Assert.Equal(baseline + (1 << 20), kernel.HostMemoryInUse);
        t.Unmap(mapping, 1 << 20);
        Assert.Equal(baseline, kernel.HostMemoryInUse);
        Assert.Throws<PageFaultException>(() => t.Load<int>(mapping));
    }

    [Fact]
    public void Partial_unmap_keeps_the_rest_and_frees_the_block_with_the_last_page()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        ulong mapping = t.Map(3 * 4096);
        t.Store(mapping + 8192, 3);
        t.Unmap(mapping + 4096, 4096);
        Assert.Equal(2, t.AddressSpace.Regions.Count);
        Assert.Equal(3, t.Load<int>(mapping + 8192));
        t.Unmap(mapping, 4096);
        Assert.NotEqual(0, kernel.HostMemoryInUse);
        t.Unmap(mapping + 8192, 4096);
        Assert.Equal(0, kernel.HostMemoryInUse);
    }

    [Fact]
    public void A_pin_keeps_host_memory_alive_after_unmap()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        ulong page = t.Map(4096);
        t.Store(page, 21);
        PinnedMemory pin = t.Pin(page, 4096);
        t.Unmap(page, 4096);
        Assert.Equal(21, pin.AsRef<int>());
        pin.AsSpan<int>()[1] = 22;
        Assert.NotEqual(0, kernel.HostMemoryInUse);
        pin.Dispose();
        Assert.Equal(0, kernel.HostMemoryInUse);
        Assert.Throws<ObjectDisposedException>(() => pin.Span.Length);
    }

    [Fact]
    public void A_pin_of_a_tagged_address_follows_the_hardware_model()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        Assert.Throws<GeneralProtectionFaultException>(() => t.Pin(page | (3UL << 57), 16));
        t.EnableTaggedAddresses(6);
        using PinnedMemory pin = t.Pin(page | (3UL << 57), 16);
        pin.AsRef<int>() = 9;
        Assert.Equal(9, t.Load<int>(page));
    }

    [Fact]
    public void The_host_memory_budget_turns_into_enomem()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { HostMemoryLimit = 1 << 20 });
        t.Map(1 << 19);
        Assert.Equal(Errno.ENOMEM, Assert.Throws<SyscallException>(() => t.Map(1 << 20)).Errno);
    }

    [Fact]
    public void A_value_as_large_as_the_tlb_reach_loads_and_stores_page_by_page()
    {
        // The value is 256 KB and is copied a few times: a thread with room for it on the stack.
        Exception? failure = null;
        var runner = new Thread(
            () =>
            {
                try
                {
                    LoadAndStoreHugeValues();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 16 << 20);
        runner.Start();
        runner.Join();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private static unsafe void LoadAndStoreHugeValues()
    {
        SimThread t = Sim.Start();
        ulong size = (ulong)sizeof(TlbReachAndAWord);
        ulong region = t.Map(size + Page.Size);
        for (int i = 0; i < TlbReachAndAWord.Words; i++)
        {
            t.Store(region + (ulong)(i * 8), (ulong)i + 1);
        }

        // The last word is on the page TranslationCache.EntryCount pages after the first, which shares the first page's
        // TLB slot: touched last, it is the entry a one-compare hit test would find for the whole value.
        Assert.Equal((ulong)TlbReachAndAWord.Words, t.Load<ulong>(region + size - 8));
        TlbReachAndAWord value = t.Load<TlbReachAndAWord>(region);
        for (int i = 0; i < TlbReachAndAWord.Words; i++)
        {
            Assert.Equal((ulong)i + 1, value.Word[i]);
            value.Word[i] = ~(ulong)i;
        }

        t.Load<ulong>(region + size - 8);
        t.Store(region, value);
        for (int i = 0; i < TlbReachAndAWord.Words; i++)
        {
            Assert.Equal(~(ulong)i, t.Load<ulong>(region + (ulong)(i * 8)));
        }

        SimCpu cpu = t.OnThisCpu();
        cpu.Load<ulong>(region + size - 8);
        TlbReachAndAWord again = cpu.Load<TlbReachAndAWord>(region);
        Assert.Equal(~0UL, again.Word[0]);
        Assert.Equal(~(ulong)(TlbReachAndAWord.Words - 1), again.Word[TlbReachAndAWord.Words - 1]);
        again.Word[0] = 5;
        cpu.Load<ulong>(region + size - 8);
        cpu.Store(region, again);
        Assert.Equal(5UL, t.Load<ulong>(region));
        Assert.Equal(~(ulong)(TlbReachAndAWord.Words - 1), t.Load<ulong>(region + size - 8));
    }

    private unsafe struct TlbReachAndAWord
    {
        public const int Words = (TranslationCache.EntryCount * (int)Page.Size / 8) + 1;

        public fixed ulong Word[Words];
    }
}
