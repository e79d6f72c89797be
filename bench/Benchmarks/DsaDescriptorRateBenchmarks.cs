using BenchmarkDotNet.Attributes;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Benchmarks;

/// <summary>
/// Descriptors per second through the simulated DSA: a no-op with a completion record, and a 64-byte memmove, each
/// submitted with ENQCMD and executed inline. 1 / mean time = descriptors per second.
/// </summary>
[MemoryDiagnoser]
public class DsaDescriptorRateBenchmarks
{
    private SimThread _thread = null!;
    private DsaPortal _portal = null!;
    private ulong _buffers;

    [GlobalSetup]
    public void Setup()
    {
        var kernel = new Kernel();
        _thread = kernel.Spawn("bench").MainThread;
        _portal = new DsaDevice(kernel).WorkQueues[0].Open(_thread);
        _buffers = _thread.Map(3 * 4096, flags: MapFlags.Populate);
    }

    [GlobalCleanup]
    public void Cleanup() => _portal.Dispose();

    [Benchmark(Baseline = true, Description = "no-op with completion record")]
    public EnqcmdResult Noop()
    {
        var descriptor = new DsaDescriptor
        {
            Opcode = DsaOpcode.Noop,
            Flags = DsaDescriptorFlags.Completion,
            CompletionAddress = _buffers + (2 * 4096),
        };
        return _portal.Enqcmd(_thread, descriptor);
    }

    [Benchmark(Description = "64-byte memmove")]
    public EnqcmdResult Memmove64() =>
        _portal.Enqcmd(_thread, DsaDescriptor.Memmove(_buffers, _buffers + 4096, 64, _buffers + (2 * 4096)));
}
