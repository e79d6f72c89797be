using System;
using System.Collections.Generic;
using System.Globalization;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// A device that shares process address spaces through IOMMU Shared Virtual Addressing. It translates the virtual
/// addresses it is given with the process page tables, but it does not apply the CPU's LAM untag mask: a tagged
/// pointer is a device-side translation fault, whatever <c>ARCH_FORCE_TAGGED_SVA</c> says.
/// </summary>
public class SvaDevice
{
    private readonly Dictionary<AddressSpace, SvaBinding> _bindings = new(ReferenceEqualityComparer.Instance);
    // Read on every descriptor, written on bind and unbind: a copy-on-write snapshot, so lookups take no lock.
    private volatile Dictionary<uint, SvaBinding> _byPasid = new();

    /// <summary>Creates a device.</summary>
    /// <param name="kernel">The machine it is plugged into.</param>
    /// <param name="name">A name for reports.</param>
    /// <param name="maxPasids">The device's PASID range (<c>dev->iommu->max_pasids</c>); 2^20 for DSA.</param>
    /// <param name="hasIommuGroup">False models a device behind no IOMMU: every bind fails with <c>-ENODEV</c>.</param>
    public SvaDevice(Kernel kernel, string name, uint maxPasids = 1u << 20, bool hasIommuGroup = true)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(name);
        if (maxPasids < 2 || maxPasids > (1u << 20))
        {
            throw new ArgumentOutOfRangeException(nameof(maxPasids), maxPasids, "A device supports 2 to 2^20 PASIDs.");
        }

        Kernel = kernel;
        Name = name;
        MaxPasids = maxPasids;
        HasIommuGroup = hasIommuGroup;
    }

    /// <summary>The machine.</summary>
    public Kernel Kernel { get; }

    /// <summary>The device name.</summary>
    public string Name { get; }

    /// <summary>The PASID range of the device.</summary>
    public uint MaxPasids { get; }

    /// <summary>Whether the device sits behind an IOMMU.</summary>
    public bool HasIommuGroup { get; }

    /// <summary>Current bindings.</summary>
    public IReadOnlyList<SvaBinding> Bindings
    {
        get
        {
            lock (Kernel.SvaLock)
            {
                return new List<SvaBinding>(_bindings.Values);
            }
        }
    }

    /// <summary>
    /// <c>iommu_sva_bind_device(dev, mm)</c>: gives the address space a PASID (or reuses its PASID) and lets the device use it.
    /// </summary>
    /// <exception cref="SyscallException">
    /// In the kernel's order: <c>ENODEV</c> (no IOMMU group, or no <c>CONFIG_IOMMU_SVA</c>), <c>EBUSY</c> (LAM is enabled and
    /// <c>ARCH_FORCE_TAGGED_SVA</c> was not set), <c>EOVERFLOW</c> (the address space's PASID is beyond this device's range),
    /// <c>ENOSPC</c> (no PASID left).
    /// </exception>
    public SvaBinding Bind(AddressSpace space)
    {
        Errno errno = TryBind(space, out SvaBinding? binding, out string reason);
        return errno == Errno.None ? binding! : throw new SyscallException("iommu_sva_bind_device", errno, reason);
    }

    /// <summary>The raw form of <see cref="Bind"/>: returns the errno instead of throwing.</summary>
    public Errno TryBind(AddressSpace space, out SvaBinding? binding) => TryBind(space, out binding, out _);

    internal Errno TryBind(AddressSpace space, out SvaBinding? binding, out string reason)
    {
        ArgumentNullException.ThrowIfNull(space);
        binding = null;
        if (!ReferenceEquals(space.Kernel, Kernel))
        {
            throw new ArgumentException("The address space belongs to another simulated machine.", nameof(space));
        }

        if (!HasIommuGroup || !Kernel.Config.IommuSva)
        {
            reason = HasIommuGroup ? "the kernel was built without CONFIG_IOMMU_SVA" : "the device has no IOMMU group";
            return Errno.ENODEV;
        }

        lock (Kernel.SvaLock)
        {
            Errno errno = space.AttachPasid(MaxPasids, max => Kernel.Pasids.Allocate(max), out uint pasid, out reason);
            if (errno != Errno.None)
            {
                return errno;
            }

            if (_bindings.TryGetValue(space, out SvaBinding? existing))
            {
                existing.AddReference();
                binding = existing;
                return Errno.None;
            }

            binding = new SvaBinding(this, space, pasid);
            _bindings.Add(space, binding);
            _byPasid = new Dictionary<uint, SvaBinding>(_byPasid) { [pasid] = binding };
            return Errno.None;
        }
    }

    /// <summary>The binding that owns <paramref name="pasid"/> on this device, or null (the IOMMU rejects the request).</summary>
    internal SvaBinding? FindByPasid(uint pasid) => _byPasid.TryGetValue(pasid, out SvaBinding? binding) ? binding : null;

    internal void Unbind(SvaBinding binding)
    {
        lock (Kernel.SvaLock)
        {
            if (!binding.IsBound || !binding.Release())
            {
                return;
            }

            _bindings.Remove(binding.AddressSpace);
            var byPasid = new Dictionary<uint, SvaBinding>(_byPasid);
            byPasid.Remove(binding.Pasid);
            _byPasid = byPasid;
            binding.Detach();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1} bindings)", Name, Bindings.Count);
}
