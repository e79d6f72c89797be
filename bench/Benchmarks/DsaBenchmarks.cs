using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Benchmarks;

/// <summary>
/// A simulated DSA memmove (submit, translate, copy, completion record) against Buffer.MemoryCopy of the same bytes.
/// Throughput ratio = baseline time / device time.
/// </summary>
[MemoryDiagnoser]
public unsafe class DsaBenchmarks
{
    private SimThread _thread = null!;
    private DsaDevice _device = null!;
    private DsaPortal _portal = null!;
    private ulong _source;
    private ulong _destination;
    private ulong _record;
    private byte* _hostSource;
    private byte* _hostDestination;

    [Params(4096, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var kernel = new Kernel();
        _thread = kernel.Spawn("bench").MainThread;
        _device = new DsaDevice(kernel);
        _portal = _device.WorkQueues[0].Open(_thread);
        _source = _thread.Map((ulong)Size, flags: MapFlags.Populate);
        _destination = _thread.Map((ulong)Size, flags: MapFlags.Populate);
        _record = _thread.Map(4096, flags: MapFlags.Populate);
        _hostSource = (byte*)NativeMemory.AlignedAlloc((nuint)Size, 4096);
        _hostDestination = (byte*)NativeMemory.AlignedAlloc((nuint)Size, 4096);
        NativeMemory.Fill(_hostSource, (nuint)Size, 0x5A);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _portal.Dispose();
        NativeMemory.AlignedFree(_hostSource);
        NativeMemory.AlignedFree(_hostDestination);
    }

    [Benchmark(Baseline = true, Description = "Buffer.MemoryCopy")]
    public void HostCopy() => System.Buffer.MemoryCopy(_hostSource, _hostDestination, Size, Size);

    [Benchmark(Description = "DSA memmove (ENQCMD, inline)")]
    public byte DeviceMemmove()
    {
        _portal.Enqcmd(_thread, DsaDescriptor.Memmove(_source, _destination, (uint)Size, _record));
        return _thread.Load<byte>(_record);
    }
}
