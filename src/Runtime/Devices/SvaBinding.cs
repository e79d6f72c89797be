using System;
using System.Collections.Generic;
using System.Threading;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// A device bound to an address space through IOMMU SVA (<c>iommu_sva_bind_device</c>): the device may access every
/// mapping of the address space with its own virtual addresses, tagged by the address space's PASID. Dispose to unbind;
/// the PASID stays with the address space until it exits or execs (lazy free).
/// </summary>
public sealed unsafe class SvaBinding : IDisposable
{
    private int _references = 1;

    internal SvaBinding(SvaDevice device, AddressSpace space, uint pasid)
    {
        Device = device;
        AddressSpace = space;
        Pasid = pasid;
        Iotlb = new TranslationCache(space, appliesLam: false);
        space.Register(Iotlb);
        space.Grab();
    }

    /// <summary>The device.</summary>
    public SvaDevice Device { get; }

    /// <summary>The bound address space.</summary>
    public AddressSpace AddressSpace { get; }

    /// <summary>The PASID the device tags its requests with.</summary>
    public uint Pasid { get; }

    /// <summary>Binds not yet undone (a second bind of the same device and address space shares this binding).</summary>
    public int References => Volatile.Read(ref _references);

    /// <summary>False once every bind was undone.</summary>
    public bool IsBound => References > 0;

    /// <summary>
    /// The PASID-bound regions: every mapping of the address space, because SVA shares the whole page table with the
    /// device. A device may touch any of them, with their protection, using untagged addresses.
    /// </summary>
    public IReadOnlyList<MemoryRegion> VisibleRegions => AddressSpace.Regions;

    /// <summary>The device-side TLB (ATS cache); shot down with the CPU TLBs on unmap.</summary>
    internal TranslationCache Iotlb { get; }

    /// <summary><c>iommu_sva_unbind_device()</c> for one bind.</summary>
    public void Dispose() => Device.Unbind(this);

    internal bool Release() => Interlocked.Decrement(ref _references) == 0;

    internal void AddReference() => Interlocked.Increment(ref _references);

    internal void Detach()
    {
        AddressSpace.Unregister(Iotlb);
        AddressSpace.Drop();
    }

    /// <summary>
    /// The IOMMU's answer for one device access inside a page, under the mmap read lock: the raw value is translated
    /// with no untag mask, a not-present page is resolved by a page request only when <paramref name="blockOnFault"/> is
    /// set, and anything else invalid is answered Invalid. Fills the IOTLB on success.
    /// </summary>
    internal DeviceFault TranslateLocked(ulong address, AccessKind access, bool blockOnFault, out byte* host)
    {
        host = null;
        AddressSpace.RevalidateLocked(Iotlb);
        DeviceWalk walk = AddressSpace.WalkForDeviceLocked(address, access, out Vma? vma);
        switch (walk)
        {
            case DeviceWalk.Present:
                break;
            case DeviceWalk.NotPresent when blockOnFault:
                // PRI page request → handle_mm_fault() → response Success; the device retries the translation.
                vma!.Backing.MarkPresent(vma.BackingPage(address));
                break;
            case DeviceWalk.NotPresent:
                return DeviceFault.NotPresent;
            default:
                return DeviceFault.Invalid;
        }

        host = vma!.HostAddress(address);
        Iotlb.Fill(Page.AlignDown(address), vma.HostAddress(Page.AlignDown(address)), vma.Protection);
        return DeviceFault.None;
    }
}
