using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Devices;

/// <summary>A process with LAM and SVA coexisting, a DSA device, an open shared work queue and three buffers.</summary>
internal sealed class DsaRig
{
    public const ulong Tag = 0x15UL << 57;

    public DsaRig(DsaExecutionMode mode = DsaExecutionMode.Inline, MapFlags bufferFlags = MapFlags.Populate, params DsaWorkQueueOptions[] queues)
    {
        Kernel = new Kernel();
        Thread = Kernel.Spawn("dsa-test").MainThread;
        Thread.ForceTaggedSva();
        Thread.EnableTaggedAddresses(6);
        Device = new DsaDevice(Kernel, mode, 1u << 20, queues);
        Portal = Device.WorkQueues[0].Open(Thread);
        Source = Thread.Map(4 * 4096, flags: bufferFlags);
        Destination = Thread.Map(4 * 4096, flags: bufferFlags);
        Records = Thread.Map(4096, flags: MapFlags.Populate);
        for (ulong i = 0; i < 4 * 4096; i += 8)
        {
            Thread.Store(Source + i, 0x0101_0101_0101_0101UL * ((i / 8) % 251));
        }
    }

    public Kernel Kernel { get; }

    public SimThread Thread { get; }

    public DsaDevice Device { get; }

    public DsaPortal Portal { get; }

    public ulong Source { get; }

    public ulong Destination { get; }

    public ulong Records { get; }

    public DsaCompletionRecord Submit(DsaDescriptor descriptor, int record = 0)
    {
        Assert.Equal(EnqcmdResult.Accepted, Portal.Enqcmd(Thread, descriptor));
        return Record(record);
    }

    public DsaCompletionRecord Record(int index) => DsaCompletionRecord.Read(Thread, Records + (ulong)(index * DsaCompletionRecord.Size));

    public ulong RecordAddress(int index) => Records + (ulong)(index * DsaCompletionRecord.Size);

    public byte[] Bytes(ulong address, int length)
    {
        byte[] bytes = new byte[length];
        Thread.LoadBytes(address, bytes);
        return bytes;
    }
}
