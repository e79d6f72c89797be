using System;
using TaggedPtr;
using TaggedPtr.Simulation;

// A first tour of TaggedPtr: a simulated x86-64 Linux process with Linear Address Masking.
var kernel = new Kernel(KernelConfig.LamCapable);
SimThread main = kernel.Spawn("tour").MainThread;

Console.WriteLine("== 1. An address space, before LAM");
Console.WriteLine($"ARCH_GET_MAX_TAG_BITS = {main.GetMaxTagBits()}");
Console.WriteLine($"ARCH_GET_UNTAG_MASK   = 0x{main.GetUntagMask():x16}");

ulong page = main.Map(4096);
var pointer = TaggedPtr<long>.FromAddress(page).WithTag(0x2A);
Console.WriteLine($"tagged pointer        = {pointer}  raw 0x{pointer.RawValue:X16}");
try
{
    main.Store(pointer, 42L);
}
catch (GeneralProtectionFaultException fault)
{
    Console.WriteLine($"store through it      = {fault.GetType().Name}: {fault.Message}");
}

Console.WriteLine();
Console.WriteLine("== 2. After arch_prctl(ARCH_ENABLE_TAGGED_ADDR, 6)");
main.EnableTaggedAddresses(6);
Console.WriteLine($"ARCH_GET_UNTAG_MASK   = 0x{main.GetUntagMask():x16}");
main.Store(pointer, 42L);
Console.WriteLine($"store through the tag, load untagged = {main.Load<long>(page)}");
Console.Write(main.Process.ReadProcStatus());
Console.WriteLine($"host LAM              = {HostLam.Probe().Description}");
return 0;
