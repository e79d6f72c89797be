using System;
using System.Runtime.InteropServices;
using TaggedPtr;
using TaggedPtr.Devices;
using TaggedPtr.Samples.Tour;
using TaggedPtr.Simulation;

// The whole story in one run: a simulated x86-64 Linux process on a LAM CPU, generated tagged pointers, and a DSA
// device that shares the address space through SVA but does not strip tags.
return Tour.Run();

internal static unsafe class Tour
{
    public static int Run()
    {
        var kernel = new Kernel(KernelConfig.LamCapable);
        SimThread main = kernel.Spawn("tour").MainThread;

        Heading(1, "A process on a LAM CPU (kernel built with CONFIG_ADDRESS_MASKING)");
        Console.WriteLine($"arch_prctl(ARCH_GET_MAX_TAG_BITS) = {main.GetMaxTagBits()}");
        Console.WriteLine($"arch_prctl(ARCH_GET_UNTAG_MASK)   = 0x{main.GetUntagMask():x16}");
        ulong page = main.Map(4096, flags: MapFlags.Populate);
        var tagged = TaggedPtr<long>.FromAddress(page, tag: 0x2A);
        Console.WriteLine($"a tagged pointer into it          = {tagged}, raw 0x{tagged.RawValue:X16}");

        Heading(2, "With LAM off, the CPU faults on the tag");
        try
        {
            main.Store(tagged, 42L);
        }
        catch (GeneralProtectionFaultException fault)
        {
            Console.WriteLine($"store through the tag -> {fault.Message}");
            Console.WriteLine($"                         (SIGSEGV, si_code SI_KERNEL, si_addr 0x{fault.SignalAddress:x})");
        }

        Heading(3, "arch_prctl(ARCH_ENABLE_TAGGED_ADDR, 6): LAM_U57");
        main.EnableTaggedAddresses(6);
        Console.WriteLine($"arch_prctl(ARCH_GET_UNTAG_MASK)   = 0x{main.GetUntagMask():x16}");
        main.Store(tagged, 42L);
        Console.WriteLine($"store through tag 0x2A, load through tag 0x15: {main.Load(tagged.WithTag(0x15))}");
        Console.WriteLine($"/proc/{main.Process.Pid}/status: {main.Process.ReadProcStatus().Split('\n')[5]}");
        Console.WriteLine($"a second enable -> {Errno(() => main.EnableTaggedAddresses(6))} (MM_CONTEXT_LOCK_LAM is set)");

        Heading(4, "A generated wrapper: [TaggedPointer(typeof(Node))] with Color, Version and Marked");
        Console.WriteLine(NodePtr.BitLayout);
        Node* node = (Node*)NativeMemory.AlignedAlloc((nuint)sizeof(Node), 8);
        node->Value = 7;
        NodePtr pointer = new NodePtr(node).WithColor(Color.Black).WithVersion(30).WithMarked(true);
        Console.WriteLine($"wrapper  = {pointer}");
        Console.WriteLine($"next ABA = {pointer.IncrementVersion().IncrementVersion()}  (Version wraps within its 5 bits)");
        Console.WriteLine($"host dereference through the tags: Target.Value = {pointer.Target.Value} (one AND)");
        // A constant 32 would not even compile: TPTR0003 proves it does not fit. A computed one throws.
        byte next = (byte)(pointer.Version + 2);
        try
        {
            pointer.WithVersion(next);
        }
        catch (ArgumentOutOfRangeException error)
        {
            Console.WriteLine($"WithVersion({next}) -> {error.GetType().Name}: fields are never truncated");
        }

        NativeMemory.AlignedFree(node);

        Heading(5, "LAM and SVA are mutually exclusive: a DSA work queue opened in both orders");
        var dsa = new DsaDevice(kernel);
        SimThread lamFirst = kernel.Spawn("lam-then-sva").MainThread;
        lamFirst.EnableTaggedAddresses(6);
        Console.WriteLine($"enable LAM, then open wq0.0 -> open: {Errno(() => dsa.WorkQueues[0].Open(lamFirst))} (iommu_sva_bind_device: arch_pgtable_dma_compat() is false)");
        SimThread svaFirst = kernel.Spawn("sva-then-lam").MainThread;
        DsaPortal first = dsa.WorkQueues[0].Open(svaFirst);
        Console.WriteLine($"open wq0.0 (PASID {first.Binding.Pasid}), then enable LAM -> {Errno(() => svaFirst.EnableTaggedAddresses(6))}");
        first.Dispose();
        Console.WriteLine($"close the queue, enable LAM again -> {Errno(() => svaFirst.EnableTaggedAddresses(6))} (the PASID stays until exit: lazy free)");

        Heading(6, "Coexistence, declared for the analyzers and requested from the kernel");
        return Coexist(kernel, dsa);
    }

    // [LamSvaCoexistence] tells the analyzers this code runs in a process that forces coexistence: a tagged value that
    // reaches a device address field is then reported as information (TPTR0002) instead of an error (TPTR0001).
    // It does not change the kernel; ForceTaggedSva() does.
    [LamSvaCoexistence]
    private static int Coexist(Kernel kernel, DsaDevice dsa)
    {
        SimThread app = kernel.Spawn("coexist").MainThread;
        app.ForceTaggedSva();
        app.EnableTaggedAddresses(6);
        using DsaPortal portal = dsa.WorkQueues[0].Open(app);
        Console.WriteLine($"ARCH_FORCE_TAGGED_SVA, enable LAM, open wq0.0 -> PASID {portal.Binding.Pasid}, LAM {app.AddressSpace.LamMode}");
        ulong source = app.Map(4096, flags: MapFlags.Populate);
        ulong destination = app.Map(4096, flags: MapFlags.Populate);
        ulong records = app.Map(4096, flags: MapFlags.Populate);
        Console.WriteLine("PASID-bound regions (SVA shares the whole address space):");
        foreach (MemoryRegion region in portal.Binding.VisibleRegions)
        {
            Console.WriteLine($"  {region}");
        }

        app.StoreBytes(source, "device copies bytes"u8);
        var tagged = TaggedPtr<byte>.FromAddress(source, tag: 0x11);

        Heading(7, "The device does not untag");
        portal.Enqcmd(app, DsaDescriptor.Memmove(DeviceAddress.From(tagged), destination, 19, records));
        DsaCompletionRecord untagged = DsaCompletionRecord.Read(app, records);
        byte[] copied = new byte[19];
        app.LoadBytes(destination, copied);
        Console.WriteLine($"memmove from the untagged address -> {untagged.Code}, \"{System.Text.Encoding.ASCII.GetString(copied)}\"");

        portal.Enqcmd(app, DsaDescriptor.Memmove(tagged.RawValue, destination + 64, 19, records + 32));
        DsaCompletionRecord faulted = DsaCompletionRecord.Read(app, records + 32);
        Console.WriteLine($"memmove from the tagged address   -> {faulted.Code} (0x{(byte)faulted.Code:x2}) at 0x{faulted.FaultAddress:X16}, {faulted.BytesCompleted} bytes done");
        Console.WriteLine($"the CPU reads the same tagged pointer fine: '{(char)app.Load<byte>(tagged.RawValue)}'");

        Heading(8, "This host");
        Console.WriteLine($"real LAM: {HostLam.Probe().Description}");
        return 0;
    }

    private static void Heading(int number, string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {number}. {title}");
    }

    private static string Errno(Action call)
    {
        try
        {
            call();
            return "0";
        }
        catch (SyscallException error)
        {
            return $"-{error.Errno}";
        }
    }

    private static string Errno(Func<object> call) => Errno(() => { call(); });
}
