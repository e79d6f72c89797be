using System;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Reliability;

/// <summary>A million map/touch/unmap cycles give every host byte back (figures in docs/reliability.md).</summary>
[Collection(SerialCollection.Name)]
public sealed class ResourceHygieneTests
{
    /// <summary>Cycles per run.</summary>
    public const int Cycles = 1_000_000;

    [Fact]
    public void A_million_map_touch_unmap_cycles_return_host_memory_to_where_it_started()
    {
        var kernel = new Kernel();
        SimThread thread = kernel.Spawn("hygiene").MainThread;
        long hostBefore = kernel.HostMemoryInUse;

        // Warm up so that the managed heap reaches its steady state before it is measured.
        Cycle(thread, 10_000);
        long managedBefore = ManagedBytes();

        Cycle(thread, Cycles);

        Assert.Equal(hostBefore, kernel.HostMemoryInUse);
        Assert.Empty(thread.AddressSpace.Regions);
        // A leak of one object per cycle would be at least 24 MB here; the heap may wobble by a few hundred KB.
        long managedGrowth = ManagedBytes() - managedBefore;
        Assert.True(managedGrowth < Cycles, $"managed heap grew by {managedGrowth} bytes over {Cycles} cycles (at least one byte per cycle)");
    }

    private static void Cycle(SimThread thread, int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            ulong page = thread.Map(4096);
            thread.Store(page + 8, i);
            thread.Unmap(page, 4096);
        }
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
