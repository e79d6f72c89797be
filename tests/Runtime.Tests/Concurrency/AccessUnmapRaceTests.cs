using System;
using System.Threading;
using System.Threading.Tasks;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Concurrency;

/// <summary>
/// CPU and device accesses racing unmap, remap and protect (bounded, fixed seeds): every access either sees the bytes
/// of its own page or faults; an access after unmap returned always faults; writes to memory that stays mapped are
/// never lost; the host process never crashes.
/// </summary>
public sealed class AccessUnmapRaceTests
{
    /// <summary>Locked increments per accessor thread per CI run (recorded in docs/reliability.md).</summary>
    public const int Increments = 20_000;

    /// <summary>Device submissions per CI run.</summary>
    public const int Submissions = 5_000;

    private const int Pages = 16;

    [Fact]
    public async Task Eight_threads_race_loads_and_stores_against_unmap_remap_and_protect()
    {
        var kernel = new Kernel();
        SimThread main = kernel.Spawn().MainThread;
        ulong churn = main.Map(Pages * Page.Size);
        ulong stable = main.Map(Page.Size);
        for (ulong page = 0; page < Pages; page++)
        {
            Stamp(main, churn, page, 0);
        }

        const int Accessors = 6, Cap = 2_000_000;
        int increments = Reliability.StressScale.Scale(Increments);
        long wrongBytes = 0, faults = 0, successes = 0;
        var completed = new long[Accessors];
        using var done = new CancellationTokenSource();
        using var start = new Barrier(Accessors + 2);
        var accessors = new Task[Accessors];
        for (int a = 0; a < Accessors; a++)
        {
            int id = a;
            accessors[a] = Task.Factory.StartNew(() =>
            {
                var random = new Random(id);
                start.SignalAndWait();

                // At least Increments rounds, and on until the race has produced a fault (bounded by Cap).
                for (int i = 0; i < increments || (Interlocked.Read(ref faults) == 0 && i < Cap); i++)
                {
                    completed[id]++;
                    // No lost write: every increment of this thread's own slot in the never-unmapped page must land.
                    ulong slot = stable + (ulong)(id * 8);
                    ulong seen;
                    do
                    {
                        seen = main.Load<ulong>(slot);
                    }
                    while (main.CompareExchange(slot, seen + 1, seen) != seen);

                    ulong page = (ulong)random.Next(Pages);
                    try
                    {
                        ulong value = main.Load<ulong>(churn + (page * Page.Size) + (ulong)(random.Next(512) * 8));
                        if (value != 0 && (value >> 32) != page + 1)
                        {
                            Interlocked.Increment(ref wrongBytes);
                        }

                        Interlocked.Increment(ref successes);
                    }
                    catch (PageFaultException)
                    {
                        Interlocked.Increment(ref faults);
                    }
                }
            }, TaskCreationOptions.LongRunning);
        }

        long unmapsChecked = 0;
        var churners = new Task[2];
        for (int c = 0; c < churners.Length; c++)
        {
            int id = c;
            churners[c] = Task.Factory.StartNew(() =>
            {
                var random = new Random(100 + id);
                uint generation = 0;
                start.SignalAndWait();
                while (!done.IsCancellationRequested)
                {
                    ulong page = (ulong)random.Next(Pages);
                    ulong address = churn + (page * Page.Size);
                    switch (random.Next(3))
                    {
                        case 0:
                            if (main.Munmap(address, Page.Size) == 0)
                            {
                                // An access that starts after munmap returned must fault, unless the other churner
                                // mapped the page again in between.
                                try
                                {
                                    main.Load<byte>(address);
                                }
                                catch (PageFaultException)
                                {
                                    Interlocked.Increment(ref unmapsChecked);
                                }
                            }

                            break;
                        case 1:
                            if (main.Mmap(address, Page.Size, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed) == (long)address)
                            {
                                try
                                {
                                    Stamp(main, churn, page, ++generation);
                                }
                                catch (PageFaultException)
                                {
                                    // The other churner unmapped it again.
                                }
                            }

                            break;
                        default:
                            main.Mprotect(address, Page.Size, random.Next(2) == 0 ? Protection.Read : Protection.ReadWrite);
                            break;
                    }
                }
            }, TaskCreationOptions.LongRunning);
        }

        await Task.WhenAll(accessors);
        done.Cancel();
        await Task.WhenAll(churners);

        Assert.Equal(0, wrongBytes);
        Assert.True(faults > 0, "the race never produced a fault; the test is not exercising unmap");
        Assert.True(successes > 0);
        Assert.True(unmapsChecked > 0);
        for (int a = 0; a < Accessors; a++)
        {
            Assert.Equal((ulong)completed[a], main.Load<ulong>(stable + (ulong)(a * 8)));
        }
    }

    [Fact]
    public async Task Device_submissions_race_unmap_without_touching_freed_memory()
    {
        var kernel = new Kernel();
        SimThread main = kernel.Spawn().MainThread;
        var dsa = new DsaDevice(kernel);
        using DsaPortal portal = dsa.WorkQueues[0].Open(main);
        ulong source = main.Map(Pages * Page.Size, flags: MapFlags.Populate);
        ulong churn = main.Map(Pages * Page.Size, flags: MapFlags.Populate);
        ulong records = main.Map(Page.Size, flags: MapFlags.Populate);
        main.StoreBytes(source, new byte[Pages * (int)Page.Size].AsSpan());
        for (ulong page = 0; page < Pages; page++)
        {
            main.Store(source + (page * Page.Size), 0xC0FFEEUL);
        }

        using var done = new CancellationTokenSource();
        using var churning = new ManualResetEventSlim();
        Task churner = Task.Factory.StartNew(() =>
        {
            var random = new Random(7);
            churning.Set();
            while (!done.IsCancellationRequested)
            {
                ulong address = churn + ((ulong)random.Next(Pages) * Page.Size);
                if (random.Next(2) == 0)
                {
                    main.Munmap(address, Page.Size);
                }
                else
                {
                    main.Mmap(address, Page.Size, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed | MapFlags.Populate);
                }
            }
        }, TaskCreationOptions.LongRunning);

        int successes = 0, faults = 0;
        var random = new Random(8);
        int submissions = Reliability.StressScale.Scale(Submissions);
        const int Cap = 2_000_000;
        // On a loaded machine the churner's thread can start after a whole run of submissions: wait for it, then go
        // on past Submissions until both outcomes have been seen (bounded by Cap).
        Assert.True(churning.Wait(TimeSpan.FromSeconds(30)), "the churner thread did not start");
        for (int i = 0; i < submissions || ((successes == 0 || faults == 0) && i < Cap); i++)
        {
            ulong page = (ulong)random.Next(Pages);
            main.Store(records, 0UL);
            portal.Enqcmd(main, DsaDescriptor.Memmove(source + (page * Page.Size), churn + (page * Page.Size), (uint)Page.Size, records));
            DsaCompletionRecord record = DsaCompletionRecord.Read(main, records);
            switch (record.Code)
            {
                case CompletionStatus.Success:
                    successes++;
                    break;
                case CompletionStatus.PageFaultInvalidRequest:
                    Assert.True(record.IsWriteFault);
                    Assert.Equal(churn + (page * Page.Size), record.FaultAddress);
                    faults++;
                    break;
                default:
                    Assert.Fail($"unexpected status {record}");
                    break;
            }
        }

        done.Cancel();
        await churner;
        Assert.True(successes > 0 && faults > 0, $"{successes} successes, {faults} faults: the race did not happen");
        Assert.Empty(dsa.SoftwareErrors);
    }

    private static void Stamp(SimThread thread, ulong region, ulong page, uint generation)
    {
        ulong value = ((page + 1) << 32) | generation;
        for (ulong offset = 0; offset < Page.Size; offset += 8)
        {
            thread.Store(region + (page * Page.Size) + offset, value);
        }
    }
}
