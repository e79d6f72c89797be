using System.Threading.Tasks;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.CodeFixes;

/// <summary>Inserting <c>ForceTaggedSva()</c> before the enable (TPTR0004) or the bind (TPTR0005).</summary>
public sealed class InsertForceCallFixTests
{
    private const string Usings = "using TaggedPtr.Devices;\nusing TaggedPtr.Simulation;\n\n";

    private static Task Verify(string source, string fixedSource) =>
        CodeFixVerifier<KernelOrderAnalyzer, InsertForceCallCodeFixProvider>.VerifyAsync(
            Usings + source, Usings + fixedSource, InsertForceCallCodeFixProvider.EquivalenceKey);

    [Fact]
    public Task BeforeEnableAfterBind() => Verify(
        """
        class C
        {
            void M(SimProcess process, SvaDevice device)
            {
                device.Bind(process.AddressSpace);
                // LAM for the allocator's tags.
                {|TPTR0004:process.MainThread.EnableTaggedAddresses(6)|};
            }
        }
        """,
        """
        class C
        {
            void M(SimProcess process, SvaDevice device)
            {
                device.Bind(process.AddressSpace);
                process.MainThread.ForceTaggedSva();
                // LAM for the allocator's tags.
                process.MainThread.EnableTaggedAddresses(6);
            }
        }
        """);

    [Fact]
    public Task BeforeBindAfterEnable() => Verify(
        """
        class C
        {
            void Thread(SimThread t, DsaWorkQueue wq)
            {
                t.EnableTaggedAddresses(6);
                using var portal = {|TPTR0005:wq.Open(t)|};
            }

            void Process(SimProcess p, SvaDevice device, bool again)
            {
                p.MainThread.EnableTaggedAddresses(6);
                if (again)
                    {|TPTR0005:device.Bind(p.AddressSpace)|};
            }

            void Space(SimThread t, SvaDevice device)
            {
                AddressSpace space = t.AddressSpace;
                t.EnableTaggedAddresses(6);
                {|TPTR0005:device.Bind(space)|};
            }
        }
        """,
        """
        class C
        {
            void Thread(SimThread t, DsaWorkQueue wq)
            {
                t.EnableTaggedAddresses(6);
                t.ForceTaggedSva();
                using var portal = wq.Open(t);
            }

            void Process(SimProcess p, SvaDevice device, bool again)
            {
                p.MainThread.EnableTaggedAddresses(6);
                if (again)
                {
                    p.MainThread.ForceTaggedSva();
                    device.Bind(p.AddressSpace);
                }
            }

            void Space(SimThread t, SvaDevice device)
            {
                AddressSpace space = t.AddressSpace;
                t.EnableTaggedAddresses(6);
                t.ForceTaggedSva();
                device.Bind(space);
            }
        }
        """);

    // ARCH_FORCE_TAGGED_SVA is sticky: Fix All inserts one call per thread and block, before the first flagged statement.
    [Fact]
    public Task FixAllInsertsOneCallPerThreadAndBlock() => Verify(
        """
        class C
        {
            void Two(SimThread t, SvaDevice a, SvaDevice b)
            {
                t.EnableTaggedAddresses(6);
                {|TPTR0005:a.Bind(t.AddressSpace)|};
                {|TPTR0005:b.Bind(t.AddressSpace)|};
            }

            void Other(SimThread u, SvaDevice a)
            {
                u.EnableTaggedAddresses(6);
                {|TPTR0005:a.Bind(u.AddressSpace)|};
            }
        }
        """,
        """
        class C
        {
            void Two(SimThread t, SvaDevice a, SvaDevice b)
            {
                t.EnableTaggedAddresses(6);
                t.ForceTaggedSva();
                a.Bind(t.AddressSpace);
                b.Bind(t.AddressSpace);
            }

            void Other(SimThread u, SvaDevice a)
            {
                u.EnableTaggedAddresses(6);
                u.ForceTaggedSva();
                a.Bind(u.AddressSpace);
            }
        }
        """);
}
