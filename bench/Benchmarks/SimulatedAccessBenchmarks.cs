using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using TaggedPtr.Simulation;

namespace TaggedPtr.Benchmarks;

/// <summary>
/// A checked load through the simulated address space on a TLB hit, against a raw load of the same number of values
/// through host pointers. Both walk 1,024 addresses inside 4 pages (so every simulated access hits the TLB).
/// </summary>
[MemoryDiagnoser]
public unsafe class SimulatedAccessBenchmarks
{
    private const int Count = 1024;

    private SimThread _thread = null!;
    private ulong[] _simulated = null!;
    private ulong[] _taggedSimulated = null!;
    private ulong[] _host = null!;
    private byte* _hostBuffer;

    [GlobalSetup]
    public void Setup()
    {
        _thread = new Kernel().Spawn("bench").MainThread;
        ulong region = _thread.Map(4 * 4096, flags: MapFlags.Populate);
        _thread.EnableTaggedAddresses(6);
        _hostBuffer = (byte*)NativeMemory.AlignedAlloc(4 * 4096, 4096);
        var random = new Random(7);
        _simulated = new ulong[Count];
        _taggedSimulated = new ulong[Count];
        _host = new ulong[Count];
        for (int i = 0; i < Count; i++)
        {
            ulong offset = (ulong)random.Next(4 * 4096 / 8) * 8;
            _thread.Store(region + offset, (long)i);
            *(long*)(_hostBuffer + offset) = i;
            _simulated[i] = region + offset;
            _taggedSimulated[i] = (region + offset) | ((ulong)random.Next(64) << 57);
            _host[i] = (ulong)(_hostBuffer + offset);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => NativeMemory.AlignedFree(_hostBuffer);

    [Benchmark(Baseline = true, Description = "raw host load")]
    public long RawLoad()
    {
        long sum = 0;
        ulong[] host = _host;
        for (int i = 0; i < host.Length; i++)
        {
            sum += *(long*)host[i];
        }

        return sum;
    }

    [Benchmark(Description = "SimThread.Load (TLB hit)")]
    public long CheckedLoad()
    {
        long sum = 0;
        ulong[] addresses = _simulated;
        SimThread thread = _thread;
        for (int i = 0; i < addresses.Length; i++)
        {
            sum += thread.Load<long>(addresses[i]);
        }

        return sum;
    }

    [Benchmark(Description = "SimCpu.Load (TLB hit)")]
    public long CpuLoad()
    {
        long sum = 0;
        ulong[] addresses = _simulated;
        SimCpu cpu = _thread.OnThisCpu();
        for (int i = 0; i < addresses.Length; i++)
        {
            sum += cpu.Load<long>(addresses[i]);
        }

        return sum;
    }

    [Benchmark(Description = "SimThread.Load, tagged (TLB hit)")]
    public long CheckedTaggedLoad()
    {
        long sum = 0;
        ulong[] addresses = _taggedSimulated;
        SimThread thread = _thread;
        for (int i = 0; i < addresses.Length; i++)
        {
            sum += thread.Load<long>(addresses[i]);
        }

        return sum;
    }
}
