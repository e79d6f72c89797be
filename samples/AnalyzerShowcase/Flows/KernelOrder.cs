using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>Calls in an order the kernel refuses, each with the errno it would return.</summary>
public static class KernelOrder
{
    /// <summary>TPTR0004: the open gave the address space a PASID, so enabling LAM is EINVAL. Fix: force first.</summary>
    public static void EnableAfterBind(SimThread thread, DsaDevice dsa)
    {
        dsa.WorkQueues[0].Open(thread);
        thread.EnableTaggedAddresses(6);
    }

    /// <summary>TPTR0005: with LAM on, binding is EBUSY. Fix: force first.</summary>
    public static DsaPortal BindAfterEnable(SimThread thread, DsaDevice dsa)
    {
        thread.EnableTaggedAddresses(6);
        return dsa.WorkQueues[0].Open(thread);
    }

    /// <summary>TPTR0006: the thread locked LAM (MM_CONTEXT_LOCK_LAM), so enabling is EBUSY.</summary>
    public static void EnableAfterThread(SimThread thread)
    {
        thread.CreateThread();
        thread.EnableTaggedAddresses(6);
    }

    /// <summary>TPTR0007: 7 bits is more than LAM_U57 has; the kernel answers EINVAL.</summary>
    public static void EnableTooManyBits(SimThread thread) => thread.EnableTaggedAddresses(7);

    /// <summary>TPTR0009: the raw call returns -errno, and nobody looks.</summary>
    public static void IgnoreTheResult(SimThread thread) => thread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6);
}
