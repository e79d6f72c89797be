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
}
