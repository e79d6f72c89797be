using System.Threading.Tasks;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0009: the -errno of the raw arch_prctl forms must not be dropped.</summary>
public sealed class ArchPrctlResultTests
{
    [Fact]
    public Task IgnoredResultsAreReported() => AnalyzerVerifier<ArchPrctlResultAnalyzer>.VerifyAsync("""
        using TaggedPtr.Simulation;

        class C
        {
            void M(SimThread t, SimThread tracee)
            {
                {|TPTR0009:t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6)|};
                {|TPTR0009:t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0, SyscallAbi.X64)|};
                {|TPTR0009:t.PtraceArchPrctl(tracee, ArchPrctlOption.GetUntagMask, 0x1000)|};
                System.Action a = () => {|TPTR0009:t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|};
            }

            void Bodied(SimThread t) => {|TPTR0009:t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|};
        }
        """);

    // The rule reads the survey of each operation block; every kind of body must reach it, as every statement reached
    // the operation action it was before.
    [Fact]
    public Task EveryKindOfBodyIsChecked() => AnalyzerVerifier<ArchPrctlResultAnalyzer>.VerifyAsync("""
        using TaggedPtr.Simulation;

        class C
        {
            readonly SimThread _t;

            C(SimThread t)
            {
                _t = t;
                {|TPTR0009:t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|};
            }

            ~C() { {|TPTR0009:_t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|}; }

            int Property { set { {|TPTR0009:_t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|}; } }

            public static C operator !(C c) { {|TPTR0009:c._t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|}; return c; }

            void M()
            {
                Local();
                void Local() { {|TPTR0009:_t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|}; }
                System.Action anonymous = delegate { {|TPTR0009:_t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)|}; };
            }
        }
        """);

    [Fact]
    public Task CheckedOrDiscardedResultsAreFine() => AnalyzerVerifier<ArchPrctlResultAnalyzer>.VerifyAsync("""
        using TaggedPtr.Simulation;

        class C
        {
            long M(SimThread t)
            {
                _ = t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0);
                long result = t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6);
                if (t.ArchPrctl(ArchPrctlOption.GetMaxTagBits, 0x2000) < 0)
                {
                    return -1;
                }

                t.ForceTaggedSva();
                t.EnableTaggedAddresses(6);
                System.Func<long> f = () => t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0);
                return result + t.ArchPrctl(ArchPrctlOption.GetUntagMask, 0x3000);
            }
        }

        class Unrelated
        {
            public long ArchPrctl(int option, ulong arg) => 0;
            void M() => ArchPrctl(1, 2);
        }
        """);
}
