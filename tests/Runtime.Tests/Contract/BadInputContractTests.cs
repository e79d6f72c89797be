using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Contract;

/// <summary>
/// The bad-input contract of the runtime (docs/errors.md): every public entry point's bad inputs and the exact result,
/// one test per row. The table in docs/errors.md is generated from these rows and must match them; set
/// <c>TAGGEDPTR_ACCEPT_SNAPSHOTS=1</c> to rewrite it on purpose.
/// </summary>
public sealed unsafe class BadInputContractTests
{
    private const ulong Tag = 0x2AUL << 57;

    public static IEnumerable<object[]> Rows => Contract.Select(row => new object[] { row.Id });

    private static IReadOnlyList<ContractRow> Contract { get; } = new ContractRow[]
    {
        // Pointers
        new("P01", "TaggedPtr<T>(T*, tag)", "tag 64 under LAM_U57 (6 bits)", "ArgumentOutOfRangeException (tag)", () => new TaggedPtr<byte>((byte*)0x1000, 64)),
        new("P02", "TaggedPtr<T>(T*)", "pointer with bit 56 set", "ArgumentException (pointer)", () => new TaggedPtr<byte>((byte*)(1UL << 56))),
        new("P03", "TaggedPtr<T>(T*)", "pointer already tagged (bits 62:57)", "ArgumentException (pointer)", () => new TaggedPtr<byte>((byte*)(0x1000 | Tag))),
        new("P04", "TaggedPtr<T>.FromAddress", "kernel address (bit 63)", "ArgumentException (address)", () => TaggedPtr<byte>.FromAddress(0xFFFF_8000_0000_0000)),
        new("P05", "TaggedPtr<T>.FromAddress", "tag = ulong.MaxValue", "ArgumentOutOfRangeException (tag)", () => TaggedPtr<byte>.FromAddress(0x1000, ulong.MaxValue)),
        new("P06", "TaggedPtr<T>.FromBits", "bit 63 set", "ArgumentException (value)", () => TaggedPtr<byte>.FromBits(1UL << 63)),
        new("P07", "TaggedPtr<T>.WithTag", "tag 64", "ArgumentOutOfRangeException (tag)", () => TaggedPtr<byte>.FromAddress(0x1000).WithTag(64)),
        new("P08", "TaggedPtr<T, LamU48>.WithTag", "tag 0x8000 (15 bits)", "ArgumentOutOfRangeException (tag)", () => TaggedPtr<byte, LamU48>.FromAddress(0x1000).WithTag(0x8000)),
        new("P09", "TaggedPtr<T>.WithPointer", "pointer with bit 63 set", "ArgumentException (pointer)", () => TaggedPtr<byte>.Null.WithPointer((byte*)(1UL << 63))),
        new("P10", "TaggedPtr<T> + n", "carry out of bits 55:0", "OverflowException", () => TaggedPtr<long>.FromAddress(0x00FF_FFFF_FFFF_FFF8) + 1),
        new("P11", "TaggedPtr<T> - n", "below address 0", "OverflowException", () => TaggedPtr<long>.FromAddress(0x8) - 2),
        new("P12", "DeviceAddress.FromUntagged", "tagged value", "ArgumentException (address)", () => DeviceAddress.FromUntagged(0x1000 | Tag)),
        new("P13", "DeviceAddress.Add", "sum reaches bits 63:56", "ArgumentException (address)", () => DeviceAddress.FromUntagged(0x00FF_FFFF_FFFF_F000).Add(0x1000)),

        // Kernel, threads and arch_prctl
        new("K01", "new Kernel(config)", "PasidSpace = 1", "ArgumentOutOfRangeException (size)", () => new Kernel(KernelConfig.LamCapable with { PasidSpace = 1 })),
        new("K02", "SimThread.EnableTaggedAddresses", "nrBits = -1", "SyscallException EINVAL", () => Thread().EnableTaggedAddresses(-1)),
        new("K03", "SimThread.EnableTaggedAddresses", "nrBits = 0", "SyscallException EINVAL", () => Thread().EnableTaggedAddresses(0)),
        new("K04", "SimThread.ArchPrctl", "unknown option 0x4005", "-EINVAL", () => Thread().ArchPrctl(0x4005, 0)),
        new("K05", "SimThread.ArchPrctl(GET_UNTAG_MASK)", "arg2 = null user pointer", "-EFAULT", () => Thread().ArchPrctl(ArchPrctlOption.GetUntagMask, 0)),
        new("K06", "SimThread.ArchPrctl(GET_MAX_TAG_BITS)", "arg2 = read-only page", "-EFAULT", () => ReadOnlyPage(out SimThread t) is var page ? t.ArchPrctl(ArchPrctlOption.GetMaxTagBits, page) : 0),
        new("K07", "SimThread.PtraceArchPrctl", "tracee = null", "ArgumentNullException (tracee)", () => Thread().PtraceArchPrctl(null!, ArchPrctlOption.GetUntagMask, 0)),
        new("K08", "SimThread.PtraceArchPrctl", "tracee on another Kernel", "ArgumentException (tracee)", () => Thread().PtraceArchPrctl(Thread(), ArchPrctlOption.GetUntagMask, 0)),
        new("K09", "SimThread.* after Exit()", "exited thread", "InvalidOperationException", () => Exited().GetUntagMask()),
        new("K10", "SimThread.Load after Exit()", "exited thread", "InvalidOperationException", () => Exited().Load<int>(0x1000)),
        new("K11", "SimThread.Clone", "CLONE_THREAD without CLONE_SIGHAND", "SyscallException EINVAL", () => Thread().Clone(CloneFlags.Thread | CloneFlags.Vm)),
        new("K12", "SimThread.Clone", "CLONE_SIGHAND without CLONE_VM", "SyscallException EINVAL", () => Thread().Clone(CloneFlags.Sighand)),

        // Memory management
        new("M01", "SimThread.Map", "length 0", "SyscallException EINVAL", () => Thread().Map(0)),
        new("M02", "SimThread.Map", "length beyond TASK_SIZE", "SyscallException ENOMEM", () => Thread().Map(1UL << 48)),
        new("M03", "SimThread.Map", "length overflows when page-aligned", "SyscallException ENOMEM", () => Thread().Map(ulong.MaxValue)),
        new("M04", "SimThread.Map(Fixed)", "misaligned address", "SyscallException EINVAL", () => Thread().Map(4096, flags: MapFlags.Fixed, address: 0x10_0000_0008)),
        new("M05", "SimThread.Map(Fixed)", "tagged address", "SyscallException ENOMEM", () => Thread().Map(4096, flags: MapFlags.Fixed, address: 0x10_0000_0000 | Tag)),
        new("M06", "SimThread.Map(Fixed)", "address below mmap_min_addr", "SyscallException EPERM", () => Thread().Map(4096, flags: MapFlags.Fixed, address: 0x1000)),
        new("M07", "SimThread.Map(FixedNoReplace)", "over an existing mapping", "SyscallException EEXIST", () => Mapped(out SimThread t) is var a ? t.Map(4096, flags: MapFlags.FixedNoReplace, address: a) : 0),
        new("M08", "SimThread.Map", "protection bit 8", "SyscallException EINVAL", () => Thread().Map(4096, (Protection)8)),
        new("M09", "SimThread.Map", "beyond KernelConfig.HostMemoryLimit", "SyscallException ENOMEM", () => new Kernel(KernelConfig.LamCapable with { HostMemoryLimit = 4096 }).Spawn().MainThread.Map(8192)),
        new("M10", "SimThread.Mmap", "neither MAP_SHARED nor MAP_PRIVATE", "-EINVAL", () => Thread().Mmap(0, 4096, Protection.ReadWrite, MapFlags.Anonymous)),
        new("M11", "SimThread.Unmap", "misaligned address", "SyscallException EINVAL", () => Thread().Unmap(0x10_0000_0010, 4096)),
        new("M12", "SimThread.Unmap", "length 0", "SyscallException EINVAL", () => Thread().Unmap(0x10_0000_0000, 0)),
        new("M13", "SimThread.Unmap", "tagged address, LAM off", "SyscallException EINVAL", () => Thread().Unmap(0x10_0000_0000 | Tag, 4096)),
        new("M14", "SimThread.Munmap", "range wraps past 2^64", "-EINVAL", () => Thread().Munmap(0x7FFF_FFFF_0000, ulong.MaxValue - 0x1000)),
        new("M15", "SimThread.Protect", "unmapped range", "SyscallException ENOMEM", () => Thread().Protect(0x10_0000_0000, 4096, Protection.Read)),
        new("M16", "SimThread.Protect", "protection bit 8", "SyscallException EINVAL", () => Mapped(out SimThread t) is var a ? ProtectAndReturn(t, a, (Protection)8) : 0),
        new("M17", "SimThread.Madvise", "unknown advice 99", "-EINVAL", () => Mapped(out SimThread t) is var a ? t.Madvise(a, 4096, (MadviseAdvice)99) : 0),
        new("M18", "SimThread.Mremap", "MREMAP_FIXED without MREMAP_MAYMOVE", "-EINVAL", () => Mapped(out SimThread t) is var a ? t.Mremap(a, 4096, 4096, MremapFlags.Fixed, 0x20_0000_0000) : 0),
        new("M19", "SimThread.Mremap", "old range not mapped", "-EFAULT", () => Thread().Mremap(0x10_0000_0000, 4096, 8192, MremapFlags.MayMove)),
        new("M20", "SimThread.Brk", "tagged address", "returns unchanged break", () => Thread() is var t && t.Brk(AddressSpace.StartBrk + 0x1000 | Tag) == AddressSpace.StartBrk ? "unchanged" : "moved"),

        // CPU accesses
        new("A01", "SimThread.Load", "unmapped address", "PageFaultException NotMapped", () => Thread().Load<int>(0x10_0000_0000)),
        new("A02", "SimThread.Load", "tagged pointer, LAM off", "GeneralProtectionFaultException GeneralProtection", () => Mapped(out SimThread t) is var a ? t.Load<int>(a | Tag) : 0),
        new("A03", "SimThread.Load", "bit 56 set, LAM_U57", "GeneralProtectionFaultException GeneralProtection", () => LamThread().Load<int>(0x10_0000_0000 | (1UL << 56))),
        new("A04", "SimThread.Load", "kernel-half address", "PageFaultException NotMapped", () => Thread().Load<int>(0xFFFF_8000_0000_0000)),
        new("A05", "SimThread.Store", "read-only page", "PageFaultException AccessDenied", () => ReadOnlyPage(out SimThread t) is var a ? Store(t, a) : 0),
        new("A06", "SimThread.Load", "PROT_NONE page", "PageFaultException AccessDenied", () => Mapped(out SimThread t, Protection.None) is var a ? t.Load<int>(a) : 0),
        new("A07", "SimThread.FetchInstruction", "non-executable page", "PageFaultException AccessDenied", () => Mapped(out SimThread t) is var a ? t.FetchInstruction(a) : 0),
        new("A08", "SimThread.FetchInstruction", "tagged address, LAM on", "GeneralProtectionFaultException GeneralProtection", () => LamThread().FetchInstruction(0x10_0000_0000 | Tag)),
        new("A09", "SimThread.LoadBytes", "range runs into an unmapped page", "PageFaultException NotMapped", () => Mapped(out SimThread t) is var a ? LoadBytes(t, a + 4000, 200) : 0),
        new("A10", "SimThread.CompareExchange", "address not 8-byte aligned", "ArgumentException (address)", () => Mapped(out SimThread t) is var a ? t.CompareExchange(a + 4, 1, 0) : 0),
        new("A11", "SimThread.Pin", "length 0", "ArgumentException (length)", () => Mapped(out SimThread t) is var a ? t.Pin(a, 0) : null),
        new("A12", "SimThread.Pin", "range spans two mappings", "ArgumentException (length)", () => TwoMappings(out SimThread t) is var a ? t.Pin(a + 4000, 200) : null),
        new("A13", "PinnedMemory.Span", "after Dispose()", "ObjectDisposedException", () => Mapped(out SimThread t) is var a ? DisposedPinLength(t, a) : 0),
        new("A14", "PinnedMemory.AsRef<T>", "T larger than the pin", "ArgumentException", () => Mapped(out SimThread t) is var a ? PinRef(t, a) : 0),

        // uaccess syscalls
        new("U01", "SimThread.Read", "unknown fd", "-EBADF", () => Mapped(out SimThread t) is var a ? t.Read(42, a, 8) : 0),
        new("U02", "SimThread.Read", "buffer = 0", "-EFAULT", () => WithFile(out SimThread t) is var fd ? t.Read(fd, 0, 8) : 0),
        new("U03", "SimThread.Read", "tagged buffer, LAM off", "-EFAULT", () => WithFile(out SimThread t) is var fd ? t.Read(fd, 0x10_0000_0000 | Tag, 8) : 0),
        new("U04", "SimThread.Write", "buffer beyond USER_PTR_MAX", "-EFAULT", () => WithFile(out SimThread t) is var fd ? t.Write(fd, 0x8000_0000_0000_0000, 8) : 0),
        new("U05", "SimThread.Uname", "unmapped buffer", "-EFAULT", () => Thread().Uname(0x10_0000_0000)),
        new("U06", "SimThread.Close", "unknown fd", "-EBADF", () => Thread().Close(7)),
        new("U07", "IoRing.SubmitRead", "after Dispose()", "ObjectDisposedException", () => DisposedRing().SubmitRead(3, 0, 1)),

        // Devices
        new("D01", "new SvaDevice", "kernel = null", "ArgumentNullException (kernel)", () => new SvaDevice(null!, "x")),
        new("D02", "new SvaDevice", "maxPasids = 1", "ArgumentOutOfRangeException (maxPasids)", () => new SvaDevice(new Kernel(), "x", maxPasids: 1)),
        new("D03", "SvaDevice.Bind", "space = null", "ArgumentNullException (space)", () => new SvaDevice(new Kernel(), "x").Bind(null!)),
        new("D04", "SvaDevice.Bind", "address space of another Kernel", "ArgumentException (space)", () => new SvaDevice(new Kernel(), "x").Bind(Thread().AddressSpace)),
        new("D05", "SvaDevice.Bind", "address space that has exited", "SyscallException EINVAL", () => ExitedSpace(out Kernel k) is var s ? new SvaDevice(k, "x").Bind(s) : null),
        new("D06", "SvaDevice.Bind", "LAM on, no ARCH_FORCE_TAGGED_SVA", "SyscallException EBUSY", () => LamThread() is var t ? new SvaDevice(t.Kernel, "x").Bind(t.AddressSpace) : null),
        new("D07", "new DsaDevice", "work queue size 0", "ArgumentException (workQueues)", () => new DsaDevice(new Kernel(), DsaExecutionMode.Inline, 1u << 20, new DsaWorkQueueOptions { Size = 0 })),
        new("D08", "new DsaDevice", "max batch size 1", "ArgumentException (workQueues)", () => new DsaDevice(new Kernel(), DsaExecutionMode.Inline, 1u << 20, new DsaWorkQueueOptions { MaxBatchSize = 1 })),
        new("D09", "DsaWorkQueue.Open", "caller = null", "ArgumentNullException (caller)", () => new DsaDevice(new Kernel()).WorkQueues[0].Open(null!)),
        new("D10", "DsaWorkQueue.Open", "dedicated queue already open", "SyscallException EBUSY", () => Thread() is var t && new DsaDevice(t.Kernel) is var d && d.WorkQueues[1].Open(t) is not null ? d.WorkQueues[1].Open(t) : null),
        new("D11", "DsaPortal.Enqcmd", "after Dispose()", "ObjectDisposedException", () => ClosedPortal(out SimThread t).Enqcmd(t, DsaDescriptor.Noop())),
        new("D12", "DsaPortal.Enqcmd", "thread whose address space has no PASID", "GeneralProtectionFaultException GeneralProtection", () => Portal(out SimThread t).Enqcmd(t.Fork().MainThread, DsaDescriptor.Noop())),
        new("D13", "DsaPortal.Enqcmd", "thread = null", "ArgumentNullException (thread)", () => Portal(out _).Enqcmd(null!, DsaDescriptor.Noop())),
        new("D14", "DsaCompletionRecord.Read", "thread = null", "ArgumentNullException (thread)", () => DsaCompletionRecord.Read(null!, 0)),
        new("D15", "DSA memmove", "tagged source address", "completion PageFaultInvalidRequest", () => Execute((ref DsaDescriptor d) => d.Source |= Tag)),
        new("D16", "DSA memmove", "transfer size 0", "completion TransferSizeOutOfRange", () => Execute((ref DsaDescriptor d) => d.TransferSize = 0)),
        new("D17", "DSA memmove", "transfer size above max_transfer_size", "completion TransferSizeOutOfRange", () => Execute((ref DsaDescriptor d) => d.TransferSize = (2u << 20) + 1)),
        new("D18", "DSA descriptor", "opcode 0x3F", "completion BadOpcode", () => Execute((ref DsaDescriptor d) => d.Opcode = (DsaOpcode)0x3F)),
        new("D19", "DSA descriptor", "reserved flag bit 0x40", "completion InvalidFlags", () => Execute((ref DsaDescriptor d) => d.Flags |= (DsaDescriptorFlags)0x40)),
        new("D20", "DSA descriptor", "non-zero reserved field", "completion NonZeroReserved", () => Execute((ref DsaDescriptor d) => d.Reserved40 = 1)),
        new("D21", "DSA descriptor", "completion record not 32-byte aligned", "software error CompletionRecordAlignment", () => Execute((ref DsaDescriptor d) => d.CompletionAddress += 8)),
        new("D22", "DSA descriptor", "tagged completion record address", "software error CompletionRecordTranslation", () => Execute((ref DsaDescriptor d) => d.CompletionAddress |= Tag)),
        new("D23", "DSA batch", "descriptor list not 64-byte aligned", "completion DescriptorListAlignment", () => Execute((ref DsaDescriptor d) => d = DsaDescriptor.Batch(d.Source + 32, 2, d.CompletionAddress))),
        new("D24", "DSA batch", "descriptor count 1", "completion DescriptorCountOutOfRange", () => Execute((ref DsaDescriptor d) => d = DsaDescriptor.Batch(d.Source, 1, d.CompletionAddress))),
        new("D25", "DSA descriptor", "block-on-fault on a queue without block_on_fault", "completion InvalidFlags", () => Execute((ref DsaDescriptor d) => d.Flags |= DsaDescriptorFlags.BlockOnFault, blockOnFault: false)),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_bad_input_gives_its_documented_result(string id)
    {
        ContractRow row = Contract.Single(r => r.Id == id);
        Assert.Equal(row.Result, Outcome(row.Act));
    }

    [Fact]
    public void Docs_errors_md_lists_exactly_these_rows()
    {
        string path = Path.Combine(RepositoryRoot(), "docs", "errors.md");
        string expected = RenderDocument();
        if (Environment.GetEnvironmentVariable("TAGGEDPTR_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with TAGGEDPTR_ACCEPT_SNAPSHOTS=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Row_ids_are_unique()
    {
        Assert.Equal(Contract.Count, Contract.Select(r => r.Id).Distinct().Count());
    }

    private static string Outcome(Delegate act)
    {
        object? value;
        try
        {
            try
            {
                value = act.DynamicInvoke();
            }
            catch (System.Reflection.TargetInvocationException wrapped) when (wrapped.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
                throw;
            }
        }
        catch (SyscallException error)
        {
            return $"SyscallException {error.Errno}";
        }
        catch (MemoryFaultException fault)
        {
            return $"{fault.GetType().Name} {fault.FaultClass}";
        }
        catch (ArgumentException error) when (error.ParamName is not null)
        {
            return $"{error.GetType().Name} ({error.ParamName})";
        }
        catch (Exception error)
        {
            return error.GetType().Name;
        }

        return value switch
        {
            long raw when raw < 0 => $"-{(Errno)(-raw)}",
            Errno errno => $"Errno.{errno}",
            DsaOutcome dsa => dsa.Description,
            string text when text == "unchanged" => "returns unchanged break",
            null => "returns",
            _ => "returns " + value,
        };
    }

    private static string RenderDocument()
    {
        var text = new StringBuilder();
        text.Append("# Bad-input contract\n\n");
        text.Append("Every public entry point of `TaggedPtr.Runtime`, the bad inputs it can meet, and exactly what happens: the exception\n");
        text.Append("type (with the parameter name for argument errors), the `SyscallException` errno of a typed call, the `-errno` of a raw\n");
        text.Append("call, the fault class of a simulated access, or the DSA completion status. Nothing is silently truncated or ignored.\n\n");
        text.Append("Each row is one test (`tests/Runtime.Tests/Contract/BadInputContractTests.cs`); this table is generated from the same rows\n");
        text.Append("and checked by a test, so it cannot drift. Regenerate with `TAGGEDPTR_ACCEPT_SNAPSHOTS=1 dotnet test tests/Runtime.Tests`.\n");
        text.Append("Generated wrappers and the analyzers have their own contract sections in `docs/reliability.md`.\n\n");
        text.Append("| id | entry point | bad input | result |\n");
        text.Append("|---|---|---|---|\n");
        foreach (ContractRow row in Contract)
        {
            text.Append($"| {row.Id} | `{row.EntryPoint}` | {row.BadInput} | {row.Result} |\n");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "TaggedPtr.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("TaggedPtr.sln not found above " + AppContext.BaseDirectory);
    }

    // ------------------------------------------------------------------ fixtures

    private static SimThread Thread() => new Kernel().Spawn("contract").MainThread;

    private static SimThread LamThread()
    {
        SimThread thread = Thread();
        thread.Map(4096, flags: MapFlags.Fixed, address: 0x10_0000_0000);
        thread.EnableTaggedAddresses(6);
        return thread;
    }

    private static SimThread Exited()
    {
        SimThread thread = Thread();
        thread.Exit();
        return thread;
    }

    private static AddressSpace ExitedSpace(out Kernel kernel)
    {
        SimThread thread = Thread();
        kernel = thread.Kernel;
        AddressSpace space = thread.AddressSpace;
        thread.Exit();
        return space;
    }

    private static ulong Mapped(out SimThread thread, Protection protection = Protection.ReadWrite)
    {
        thread = Thread();
        return thread.Map(4096, protection, MapFlags.Fixed, 0x10_0000_0000);
    }

    private static ulong ReadOnlyPage(out SimThread thread) => Mapped(out thread, Protection.Read);

    private static ulong TwoMappings(out SimThread thread)
    {
        ulong first = Mapped(out thread);
        thread.Map(4096, flags: MapFlags.Fixed, address: first + 4096);
        return first;
    }

    private static int WithFile(out SimThread thread)
    {
        thread = Thread();
        return thread.Process.Open(new MemoryFile(new byte[16]));
    }

    private static object ProtectAndReturn(SimThread thread, ulong address, Protection protection)
    {
        thread.Protect(address, 4096, protection);
        return "protected";
    }

    private static object Store(SimThread thread, ulong address)
    {
        thread.Store(address, 1);
        return "stored";
    }

    private static object LoadBytes(SimThread thread, ulong address, int length)
    {
        thread.LoadBytes(address, new byte[length]);
        return "loaded";
    }

    private static object DisposedPinLength(SimThread thread, ulong address)
    {
        PinnedMemory pin = thread.Pin(address, 16);
        pin.Dispose();
        return pin.Span.Length;
    }

    private static object PinRef(SimThread thread, ulong address)
    {
        using PinnedMemory pin = thread.Pin(address, 4);
        return pin.AsRef<long>();
    }

    private static IoRing DisposedRing()
    {
        IoRing ring = Thread().SetupIoRing();
        ring.Dispose();
        return ring;
    }

    private static DsaPortal Portal(out SimThread thread)
    {
        thread = Thread();
        return new DsaDevice(thread.Kernel).WorkQueues[0].Open(thread);
    }

    private static DsaPortal ClosedPortal(out SimThread thread)
    {
        DsaPortal portal = Portal(out thread);
        portal.Dispose();
        return portal;
    }

    private delegate void Spoil(ref DsaDescriptor descriptor);

    /// <summary>Submits a valid memmove spoiled by <paramref name="spoil"/> and reports the record or the software error.</summary>
    private static DsaOutcome Execute(Spoil spoil, bool blockOnFault = true)
    {
        SimThread thread = Thread();
        var device = new DsaDevice(thread.Kernel, DsaExecutionMode.Inline, 1u << 20, new DsaWorkQueueOptions { BlockOnFault = blockOnFault });
        using DsaPortal portal = device.WorkQueues[0].Open(thread);
        ulong buffers = thread.Map(3 * 4096, flags: MapFlags.Populate);
        ulong record = buffers + (2 * 4096);
        DsaDescriptor descriptor = DsaDescriptor.Memmove(buffers, buffers + 4096, 64, record);
        spoil(ref descriptor);
        portal.Enqcmd(thread, descriptor);
        IReadOnlyList<DsaSoftwareError> errors = device.SoftwareErrors;
        if (errors.Count > 0)
        {
            return new DsaOutcome("software error " + errors[0].Status);
        }

        return new DsaOutcome("completion " + DsaCompletionRecord.Read(thread, record).Code);
    }

    private sealed record DsaOutcome(string Description);

    private sealed record ContractRow(string Id, string EntryPoint, string BadInput, string Result, Delegate Act);
}
