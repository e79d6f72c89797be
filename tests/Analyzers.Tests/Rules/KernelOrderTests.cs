using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0004–TPTR0007: kernel-order mistakes, each with the errno the kernel returns (sva-model.md §5.5).</summary>
public sealed class KernelOrderTests
{
    private const string Usings = """
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        """;

    private static Task Verify(string source) => AnalyzerVerifier<KernelOrderAnalyzer>.VerifyAsync(Usings + source);

    // The selftest's six orders: LAM→PASID→SVA fails at open (EBUSY); PASID→LAM→SVA fails at enable (EINVAL); the
    // four orders with SVA before the second feature succeed.
    [Fact]
    public Task LamThenPasidIsEbusy() => Verify("""
        class C
        {
            void M(Kernel kernel, DsaWorkQueue wq)
            {
                SimThread t = kernel.Spawn().MainThread;
                t.EnableTaggedAddresses(6);
                var portal = {|TPTR0005:wq.Open(t)|};
                t.ForceTaggedSva();
            }
        }
        """);

    [Fact]
    public Task PasidThenLamIsEinval() => Verify("""
        class C
        {
            void M(Kernel kernel, SvaDevice device)
            {
                SimProcess process = kernel.Spawn();
                device.Bind(process.AddressSpace);
                {|TPTR0004:process.MainThread.EnableTaggedAddresses(6)|};
                process.MainThread.ForceTaggedSva();
            }
        }
        """);

    // An argument that branches makes the graph evaluate the receiver into a capture first; the call is then made on
    // the capture, which must still name the address space. (It did not, and the enable went unreported.)
    [Fact]
    public Task ReceiverCapturedBeforeABranchingArgumentIsStillTheAddressSpace() => Verify("""
        class C
        {
            void M(Kernel kernel, SvaDevice device, bool wide)
            {
                SimProcess process = kernel.Spawn();
                device.Bind(process.AddressSpace);
                {|TPTR0004:process.MainThread.EnableTaggedAddresses(wide ? 6 : 0)|};
            }
        }
        """);

    // p?.MainThread: in the tree the receiver is a placeholder for p, in the graph a capture of p; both name p.
    // (The graph named it, the tree did not, so the shipped, screened analyzer missed what the unscreened one found.)
    // A thread created only when t is not null is not created on every path, so no TPTR0006 for N.
    [Fact]
    public Task ConditionalAccessNamesTheAddressSpace() => Verify("""
        class C
        {
            void M(SimProcess p, SvaDevice device)
            {
                device.Bind(p.AddressSpace);
                p?{|TPTR0004:.MainThread.EnableTaggedAddresses(6)|};
            }

            void N(SimThread t)
            {
                t?.CreateThread();
                t.EnableTaggedAddresses(6);
            }
        }
        """);

    // A handler starts where the exception arrives, not at an edge: when its first block is also a loop's head (so it
    // has an edge, the loop's back edge), it must still start from the entry state, and its blocks must pass facts on.
    [Fact]
    public Task AHandlerThatStartsWithALoopIsAnalyzed() => Verify("""
        class C
        {
            void M(SimThread t, SvaDevice d, bool go)
            {
                try
                {
                    System.Console.WriteLine();
                }
                catch
                {
                    while (go)
                    {
                        d.Bind(t.AddressSpace);
                        if (go)
                        {
                            System.Console.WriteLine();
                        }

                        {|TPTR0004:t.EnableTaggedAddresses(6)|};
                    }
                }
            }
        }
        """);

    // Code no path reaches (here, after a goto) is a block with no way in, but it still has its edge to the code after
    // it; its state must not join the live one. (It did: the graph gave the dead block the empty entry state, the join
    // at the label forgot the bind, and the enable went unreported.)
    [Fact]
    public Task UnreachableCodeDoesNotHideTheBind() => Verify("""
        class C
        {
            void M(Kernel kernel, SvaDevice device)
            {
                SimProcess process = kernel.Spawn();
                device.Bind(process.AddressSpace);
                goto enable;
                _ = kernel.Spawn();
            enable:
                {|TPTR0004:process.MainThread.EnableTaggedAddresses(6)|};
            }
        }
        """);

    [Fact]
    public Task OrdersWithForceFirstAreFine() => Verify("""
        class C
        {
            void LamSvaPasid(SimThread t, DsaWorkQueue wq) { t.EnableTaggedAddresses(6); t.ForceTaggedSva(); wq.Open(t); }
            void PasidSvaLam(SimThread t, DsaWorkQueue wq) { wq.Open(t); t.ForceTaggedSva(); t.EnableTaggedAddresses(6); }
            void SvaLamPasid(SimThread t, SvaDevice d) { t.ForceTaggedSva(); t.EnableTaggedAddresses(6); d.Bind(t.AddressSpace); }
            void SvaPasidLam(SimThread t, SvaDevice d) { t.ForceTaggedSva(); d.Bind(t.AddressSpace); t.EnableTaggedAddresses(6); }
            void RawForce(SimThread t, SvaDevice d)
            {
                _ = t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0);
                d.Bind(t.AddressSpace);
                _ = t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6);
            }
        }
        """);

    [Fact]
    public Task SameAddressSpaceThroughThreadsProcessesAndLocals() => Verify("""
        class C
        {
            void M(SimProcess process, SvaDevice device)
            {
                SimThread worker = process.MainThread.Clone(CloneFlags.Vm | CloneFlags.Vfork);
                AddressSpace space = worker.AddressSpace;
                device.TryBind(space, out _);
                {|TPTR0004:process.MainThread.EnableTaggedAddresses(6)|};
            }
        }
        """);

    [Fact]
    public Task DifferentAddressSpacesAreIndependent() => Verify("""
        class C
        {
            void M(Kernel kernel, SvaDevice device, SimThread a, SimThread b)
            {
                device.Bind(a.AddressSpace);
                b.EnableTaggedAddresses(6);
                SimThread child = a.Fork().MainThread;
                child.EnableTaggedAddresses(6);
                SimThread other = kernel.Spawn().MainThread;
                other.EnableTaggedAddresses(6);
                other = kernel.Spawn().MainThread;
                device.Bind(other.AddressSpace);
            }
        }
        """);

    // The token scan copies a body's text into a per-thread buffer that is kept only up to 64K characters: a longer
    // body goes through a buffer of its own. Its only enable comes after the filler, so the scan must read the whole
    // copy; the short body is scanned in whichever buffer its thread holds.
    [Fact]
    public Task BodiesLongerThanTheKeptScanBufferStillReport()
    {
        string filler = string.Concat(System.Linq.Enumerable.Repeat("        x = x * 3 + 1; // filler for a long body\n", 2_000));
        return Verify($$"""
            class C
            {
                void Long(SimThread t, int x)
                {
                    t.CreateThread();
            {{filler}}
                    {|TPTR0006:t.EnableTaggedAddresses(6)|};
                }

                void Short(SimThread t)
                {
                    t.EnableTaggedAddresses(6);
                    {|TPTR0006:t.EnableTaggedAddresses(6)|};
                }
            }
            """);
    }

    [Fact]
    public Task EnableTwiceOrAfterThreadsIsEbusy() => Verify("""
        class C
        {
            void Twice(SimThread t)
            {
                t.EnableTaggedAddresses(6);
                {|TPTR0006:t.EnableTaggedAddresses(6)|};
            }

            void AfterThread(SimThread t)
            {
                SimThread worker = t.CreateThread();
                {|TPTR0006:worker.EnableTaggedAddresses(6)|};
            }

            void AfterClone(SimThread t)
            {
                t.Clone(CloneFlags.PthreadCreate);
                {|TPTR0006:t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)|};
            }

            void AfterVforkIsFine(SimThread t)
            {
                t.Vfork();
                t.EnableTaggedAddresses(6);
            }

            void ExecResets(SimThread t)
            {
                t.EnableTaggedAddresses(6);
                t.Exec();
                t.EnableTaggedAddresses(6);
            }
        }
        """);

    [Fact]
    public Task ConstructorInitializerAndBodyAreOneSequence() => Verify("""
        class C
        {
            // The thread is created in the initializer, the enable runs in the body: one sequence, reported once.
            public C(SimThread t) : this(t, t.CreateThread())
            {
                {|TPTR0006:t.EnableTaggedAddresses(6)|};
            }

            private C(SimThread t, SimThread worker)
            {
            }
        }
        """);

    [Fact]
    public Task InvalidBitCountsAreEinval() => Verify("""
        class C
        {
            void M(SimThread t, int n)
            {
                {|TPTR0007:t.EnableTaggedAddresses(0)|};
                {|TPTR0007:t.EnableTaggedAddresses(7)|};
                {|TPTR0007:t.EnableTaggedAddresses(-1)|};
                _ = {|TPTR0007:t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 15)|};
                t.EnableTaggedAddresses(n);
            }

            void Valid(SimThread t) => t.EnableTaggedAddresses(ArchPrctlOption.LamU57Bits);
        }
        """);

    // No address space can be named for an array element, so no order can be checked, but the bit count still can.
    [Fact]
    public Task BitCountIsCheckedWhenTheAddressSpaceIsUnknown() => Verify("""
        class C
        {
            void M(SimThread[] threads, SvaDevice device)
            {
                device.Bind(threads[1].AddressSpace);
                {|TPTR0007:threads[0].EnableTaggedAddresses(0)|};
            }
        }
        """);

    [Fact]
    public Task AnEnableSpelledWithAUnicodeEscapeIsStillSeen() => Verify("""
        class C
        {
            // The analyzer skips bodies whose text never spells an enable; an escaped name must not slip past that.
            void M(SimThread t)
            {
                {|TPTR0007:t.\u0045nableTaggedAddresses(0)|};
            }

            void N(SimThread t)
            {
                t.CreateThread();
                _ = {|TPTR0006:t.Arch\u0050rctl(ArchPrctlOption.EnableTaggedAddr, 6)|};
            }
        }
        """);

    [Fact]
    public Task KernelCheckOrderPicksTheFirstFailure() => Verify("""
        class C
        {
            // PASID without force is checked before the lock and before nr_bits.
            void M(SimThread t, SvaDevice device)
            {
                device.Bind(t.AddressSpace);
                t.CreateThread();
                {|TPTR0004:t.EnableTaggedAddresses(0)|};
            }

            // The lock is checked before nr_bits.
            void N(SimThread t)
            {
                t.CreateThread();
                {|TPTR0006:t.EnableTaggedAddresses(0)|};
            }
        }
        """);

    [Fact]
    public Task BranchesNeedTheMistakeOnEveryPath() => Verify("""
        class C
        {
            void Maybe(SimThread t, SvaDevice device, bool flag)
            {
                if (flag)
                {
                    device.Bind(t.AddressSpace);
                }

                t.EnableTaggedAddresses(6);
            }

            void ForcedOnOnePath(SimThread t, SvaDevice device, bool flag)
            {
                device.Bind(t.AddressSpace);
                if (flag)
                {
                    t.ForceTaggedSva();
                }

                t.EnableTaggedAddresses(6);
            }

            void Always(SimThread t, SvaDevice device, bool flag)
            {
                if (flag)
                {
                    device.Bind(t.AddressSpace);
                }
                else
                {
                    using var portal = new DsaDevice(t.Kernel).WorkQueues[0].Open(t);
                }

                {|TPTR0004:t.EnableTaggedAddresses(6)|};
            }

            void InLoop(SimThread t)
            {
                for (int i = 0; i < 2; i++)
                {
                    t.EnableTaggedAddresses(6);
                }
            }
        }
        """);

    [Fact]
    public async Task MessagesNameTheErrnoAndTheEarlierCall()
    {
        var test = AnalyzerVerifier<KernelOrderAnalyzer>.Create(Usings + """
            class C
            {
                void M(SimThread t, SvaDevice device)
                {
                    device.Bind(t.AddressSpace);
                    t.EnableTaggedAddresses(6);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.EnableAfterBind)
            .WithSpan(9, 9, 9, 35)
            .WithArguments("t.EnableTaggedAddresses(6)", "device.Bind(t.AddressSpace)"));
        await test.RunAsync();
        Assert.Contains("-EINVAL", DiagnosticDescriptors.EnableAfterBind.MessageFormat.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("-EBUSY", DiagnosticDescriptors.BindAfterEnable.MessageFormat.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("-EBUSY", DiagnosticDescriptors.EnableWhenLocked.MessageFormat.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("-EINVAL", DiagnosticDescriptors.InvalidTagBitCount.MessageFormat.ToString(), System.StringComparison.Ordinal);
    }
}
