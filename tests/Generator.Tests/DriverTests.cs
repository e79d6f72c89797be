using System;
using System.Reflection;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// Generated wrappers used from compiled C# (a small driver compiled with them): compare-exchange under contention,
/// counter wrap, the simulated address space, and the conversions to and from the runtime's pointer types.
/// </summary>
public sealed class DriverTests
{
    private const string Driver = """
        using System;
        using System.Runtime.InteropServices;
        using System.Threading;
        using TaggedPtr;
        using TaggedPtr.Simulation;

        namespace Drive;

        /// <summary>A node.</summary>
        public struct Node
        {
            /// <summary>Payload.</summary>
            public long Value;

            /// <summary>Padding to 16 bytes.</summary>
            public long Other;
        }

        /// <summary>A 15-bit counter plus a low flip bit: wide enough to count every increment exactly.</summary>
        [TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48)]
        [TagField("Count", Bits = 15)]
        [LowTagField("Flip", typeof(bool))]
        public partial struct Counted
        {
        }

        /// <summary>The issue's shape.</summary>
        [TaggedPointer(typeof(Node))]
        [TagField("Version", Bits = 5)]
        [LowTagField("Marked", typeof(bool))]
        public readonly partial struct NodePtr
        {
        }

        /// <summary>No low fields: converts losslessly.</summary>
        [TaggedPointer(typeof(Node))]
        [TagField("Version", Bits = 6)]
        public readonly partial struct Plain
        {
        }

        /// <summary>The driver.</summary>
        public static unsafe class Program
        {
            private static Counted s_shared;

            /// <summary>Threads race to increment Count and toggle Flip with compare-exchange; returns the final value.</summary>
            public static string Contend(int threads, int increments)
            {
                Node* node = (Node*)NativeMemory.AlignedAlloc(16, 16);
                try
                {
                    s_shared = new Counted(node);
                    long failures = 0;
                    using var start = new Barrier(threads);
                    var workers = new Thread[threads];
                    for (int t = 0; t < threads; t++)
                    {
                        workers[t] = new Thread(() =>
                        {
                            start.SignalAndWait();
                            for (int i = 0; i < increments; i++)
                            {
                                while (true)
                                {
                                    Counted seen = Counted.VolatileRead(ref s_shared);
                                    Counted next = seen.IncrementCount().WithFlip(!seen.Flip);
                                    if (Counted.CompareExchange(ref s_shared, next, seen) == seen)
                                    {
                                        break;
                                    }

                                    Interlocked.Increment(ref failures);
                                }
                            }
                        });
                        workers[t].Start();
                    }

                    foreach (Thread worker in workers)
                    {
                        worker.Join();
                    }

                    Counted final = Counted.VolatileRead(ref s_shared);
                    return $"{final.Count} {final.Flip} {final.Pointer == node}";
                }
                finally
                {
                    NativeMemory.AlignedFree(node);
                }
            }

            /// <summary>A failed exchange leaves the location alone and returns what it holds.</summary>
            public static string StaleExchange()
            {
                Node* node = (Node*)NativeMemory.AlignedAlloc(16, 16);
                try
                {
                    NodePtr location = new NodePtr(node).WithVersion(3);
                    NodePtr stale = new NodePtr(node).WithVersion(2);
                    NodePtr found = NodePtr.CompareExchange(ref location, new NodePtr(node).WithVersion(9), stale);
                    return $"{found.Version} {location.Version}";
                }
                finally
                {
                    NativeMemory.AlignedFree(node);
                }
            }

            /// <summary>32 increments of a 5-bit counter come back to the start, past the wrap.</summary>
            public static string Wrap()
            {
                NodePtr p = NodePtr.FromRaw(0x1000).WithVersion(30).WithMarked(true);
                string seen = "";
                for (int i = 0; i < 32; i++)
                {
                    p = p.IncrementVersion();
                    if (i < 3)
                    {
                        seen += p.Version + " ";
                    }
                }

                return seen + p.Version + " " + p.Marked + " " + p.Address.ToString("X");
            }

            /// <summary>Target reaches host memory through the untagged pointer.</summary>
            public static long HostTarget()
            {
                Node* node = (Node*)NativeMemory.AlignedAlloc(16, 16);
                try
                {
                    NodePtr p = new NodePtr(node).WithVersion(31).WithMarked(true);
                    p.Target.Value = 1234;
                    return node->Value;
                }
                finally
                {
                    NativeMemory.AlignedFree(node);
                }
            }

            /// <summary>Store then load through the simulated CPU; the low mark must not reach the address.</summary>
            public static string Simulated(bool enableLam)
            {
                SimThread thread = new Kernel().Spawn().MainThread;
                ulong page = thread.Map(4096);
                if (enableLam)
                {
                    thread.EnableTaggedAddresses(6);
                }

                NodePtr p = NodePtr.FromRaw(page).WithVersion(17).WithMarked(true);
                try
                {
                    p.Store(thread, new Node { Value = 42 });
                    return $"{thread.Load<Node>(page).Value} {p.Load(thread).Value}";
                }
                catch (MemoryFaultException fault)
                {
                    return fault.GetType().Name;
                }
            }

            /// <summary>Conversions to and from TaggedPtr&lt;T&gt;.</summary>
            public static string Conversions()
            {
                Plain plain = Plain.FromRaw(0x2000).WithVersion(42);
                TaggedPtr<Node> runtime = plain;
                Plain back = (Plain)runtime;
                NodePtr marked = NodePtr.FromRaw(0x2000).WithVersion(7).WithMarked(true);
                TaggedPtr<Node> dropped = (TaggedPtr<Node>)marked;
                NodePtr again = (NodePtr)dropped;
                string rejected;
                try
                {
                    _ = (NodePtr)TaggedPtr<Node>.FromAddress(0x2000, 63);
                    rejected = "accepted";
                }
                catch (ArgumentException)
                {
                    rejected = "rejected";
                }

                return $"{runtime.Tag} {runtime.Address:X} {back == plain} {dropped.Tag} {dropped.Address:X} {again.Version} {again.Marked} {rejected}";
            }
        }
        """;

    private static readonly Lazy<Type> Program = new(() =>
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(new[] { Driver }, assemblyName: "Driver")).AssertClean();
        return GeneratorHarness.Load(run.Output).GetType("Drive.Program", throwOnError: true)!;
    });

    [Fact]
    public void Compare_exchange_under_contention_loses_no_increment()
    {
        const int Threads = 4;
        const int Increments = 4000;

        // 16000 increments fit the 15-bit counter, so any lost update shows; the flip parity must match too.
        Assert.Equal($"{Threads * Increments} False True", Run("Contend", Threads, Increments));
    }

    [Fact]
    public void Failed_compare_exchange_returns_the_current_value_and_changes_nothing()
    {
        Assert.Equal("3 3", Run("StaleExchange"));
    }

    [Fact]
    public void Counter_wraps_within_its_bits_without_touching_its_neighbours()
    {
        Assert.Equal("31 0 1 30 True 1000", Run("Wrap"));
    }

    [Fact]
    public void Target_reaches_host_memory_through_the_untagged_pointer()
    {
        Assert.Equal(1234L, Run("HostTarget"));
    }

    [Fact]
    public void Simulated_access_keeps_the_high_tag_and_strips_the_low_fields()
    {
        Assert.Equal("42 42", Run("Simulated", true));
    }

    [Fact]
    public void Simulated_access_with_a_tag_and_LAM_off_faults_like_the_hardware()
    {
        Assert.Equal("GeneralProtectionFaultException", Run("Simulated", false));
    }

    [Fact]
    public void Conversions_to_and_from_TaggedPtr_keep_the_high_tag()
    {
        Assert.Equal("42 2000 True 7 2000 7 False rejected", Run("Conversions"));
    }

    private static object Run(string method, params object[] arguments) =>
        Program.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
}
