using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.CodeFixes;

/// <summary>Declaring LAM/SVA coexistence at method, type and assembly scope turns TPTR0001 into TPTR0002.</summary>
public sealed class DeclareCoexistenceFixTests
{
    private const string Sink = """

        public static class Dev
        {
            public static void Submit([SvaBound] ulong address) { }
        }
        """;

    private const string Before = """
        using TaggedPtr;

        class C
        {
            void M(TaggedPtr<int> p)
            {
                Dev.Submit({|TPTR0001:p.RawValue|});
                System.Action a = () => Dev.Submit({|TPTR0001:p.RawValue + 8|});
            }

            void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});
        }
        """;

    // The fixed code still has TPTR0002, which this provider can also fix (by untagging): the markup must count.
    private static Task Verify(string source, string fixedSource, string equivalenceKey)
    {
        var test = CodeFixVerifier<TaggedValueFlowAnalyzer, TaggedValueToDeviceCodeFixProvider>.Create(source, fixedSource, equivalenceKey);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public Task MethodScope() => Verify(
        Before + Sink,
        """
        using TaggedPtr;

        class C
        {
            [LamSvaCoexistence]
            void M(TaggedPtr<int> p)
            {
                Dev.Submit({|TPTR0002:p.RawValue|});
                System.Action a = () => Dev.Submit({|TPTR0002:p.RawValue + 8|});
            }

            [LamSvaCoexistence]
            void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});
        }
        """ + Sink,
        TaggedValueToDeviceCodeFixProvider.MethodKey);

    [Fact]
    public Task TypeScope() => Verify(
        Before + Sink,
        """
        using TaggedPtr;

        [LamSvaCoexistence]
        class C
        {
            void M(TaggedPtr<int> p)
            {
                Dev.Submit({|TPTR0002:p.RawValue|});
                System.Action a = () => Dev.Submit({|TPTR0002:p.RawValue + 8|});
            }

            void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});
        }
        """ + Sink,
        TaggedValueToDeviceCodeFixProvider.TypeKey);

    [Fact]
    public Task AssemblyScope() => Verify(
        Before + Sink,
        """
        using TaggedPtr;

        [assembly: LamSvaCoexistence]

        class C
        {
            void M(TaggedPtr<int> p)
            {
                Dev.Submit({|TPTR0002:p.RawValue|});
                System.Action a = () => Dev.Submit({|TPTR0002:p.RawValue + 8|});
            }

            void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});
        }
        """ + Sink,
        TaggedValueToDeviceCodeFixProvider.AssemblyKey);

    [Fact]
    public async Task PartialTypeAcrossFilesGetsOneAttribute()
    {
        var test = new CodeFixVerifier<TaggedValueFlowAnalyzer, TaggedValueToDeviceCodeFixProvider>.Test
        {
            CodeActionEquivalenceKey = TaggedValueToDeviceCodeFixProvider.TypeKey,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.TestState.Sources.Add("""
            using TaggedPtr;

            partial class C
            {
                void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});
            }
            """ + Sink);
        test.TestState.Sources.Add("""
            using TaggedPtr;

            partial class C
            {
                void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});
            }
            """);
        test.FixedState.Sources.Add("""
            using TaggedPtr;

            [LamSvaCoexistence]
            partial class C
            {
                void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});
            }
            """ + Sink);
        test.FixedState.Sources.Add("""
            using TaggedPtr;

            partial class C
            {
                void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task AssemblyAttributeLandsInOneDocumentForTheWholeProject()
    {
        var test = new CodeFixVerifier<TaggedValueFlowAnalyzer, TaggedValueToDeviceCodeFixProvider>.Test
        {
            CodeActionEquivalenceKey = TaggedValueToDeviceCodeFixProvider.AssemblyKey,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.TestState.Sources.Add(("/0/A.cs", "using TaggedPtr;\n\nclass A\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});\n}\n" + Sink));
        test.TestState.Sources.Add(("/0/B.cs", "using TaggedPtr;\n\nclass B\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});\n}\n"));
        test.FixedState.Sources.Add(("/0/A.cs", "using TaggedPtr;\n\n[assembly: LamSvaCoexistence]\n\nclass A\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});\n}\n" + Sink));
        test.FixedState.Sources.Add(("/0/B.cs", "using TaggedPtr;\n\nclass B\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});\n}\n"));
        await test.RunAsync();
    }
}
