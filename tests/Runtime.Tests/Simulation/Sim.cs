using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>Shortcuts for tests: a fresh kernel and process, and raw-result helpers.</summary>
internal static class Sim
{
    public static SimThread Start(KernelConfig? config = null) => new Kernel(config).Spawn("test").MainThread;

    public static Errno ErrnoOf(long raw) => raw < 0 ? (Errno)(-raw) : Errno.None;

    /// <summary>Gives the address space a PASID the way a device bind does (the hook the device model drives).</summary>
    public static uint AttachPasid(AddressSpace space)
    {
        Errno errno = space.AttachPasid(1u << 20, max => space.Kernel.Pasids.Allocate(max), out uint pasid, out string reason);
        Assert.True(errno == Errno.None, reason);
        return pasid;
    }

    public static Errno TryAttachPasid(AddressSpace space) =>
        space.AttachPasid(1u << 20, max => space.Kernel.Pasids.Allocate(max), out _, out _);
}
