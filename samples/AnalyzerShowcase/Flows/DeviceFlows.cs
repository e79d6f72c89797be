using TaggedPtr.Devices;

namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>Tagged values that reach device address fields.</summary>
public static class DeviceFlows
{
    /// <summary>TPTR0001: the device would fault on the tagged source address. Fix: use <c>source.Address</c>.</summary>
    public static DsaDescriptor Copy(TaggedPtr<byte> source, ulong destination, ulong record) =>
        DsaDescriptor.Memmove(source.RawValue, destination, 4096, record);

    /// <summary>TPTR0002 (information): coexistence is declared, but the device still does not untag.</summary>
    [LamSvaCoexistence]
    public static DsaDescriptor CopyUnderCoexistence(TaggedPtr<byte> source, ulong destination, ulong record) =>
        DsaDescriptor.Memmove(source.RawValue, destination, 4096, record);
}
