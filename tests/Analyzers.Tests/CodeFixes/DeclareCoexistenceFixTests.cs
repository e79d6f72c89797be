using System.Threading.Tasks;
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

    [Fact]
    public Task MethodScope() => CodeFixVerifier<TaggedValueFlowAnalyzer, DeclareCoexistenceCodeFixProvider>.VerifyAsync(
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
        DeclareCoexistenceCodeFixProvider.MethodKey);

    [Fact]
    public Task TypeScope() => CodeFixVerifier<TaggedValueFlowAnalyzer, DeclareCoexistenceCodeFixProvider>.VerifyAsync(
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
        DeclareCoexistenceCodeFixProvider.TypeKey);

    [Fact]
    public Task AssemblyScope() => CodeFixVerifier<TaggedValueFlowAnalyzer, DeclareCoexistenceCodeFixProvider>.VerifyAsync(
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
        DeclareCoexistenceCodeFixProvider.AssemblyKey);

    [Fact]
    public async Task PartialTypeAcrossFilesGetsOneAttribute()
    {
        var test = new CodeFixVerifier<TaggedValueFlowAnalyzer, DeclareCoexistenceCodeFixProvider>.Test
        {
            CodeActionEquivalenceKey = DeclareCoexistenceCodeFixProvider.TypeKey,
        };
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
        var test = new CodeFixVerifier<TaggedValueFlowAnalyzer, DeclareCoexistenceCodeFixProvider>.Test
        {
            CodeActionEquivalenceKey = DeclareCoexistenceCodeFixProvider.AssemblyKey,
        };
        test.TestState.Sources.Add(("/0/A.cs", "using TaggedPtr;\n\nclass A\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});\n}\n" + Sink));
        test.TestState.Sources.Add(("/0/B.cs", "using TaggedPtr;\n\nclass B\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|});\n}\n"));
        test.FixedState.Sources.Add(("/0/A.cs", "using TaggedPtr;\n\n[assembly: LamSvaCoexistence]\n\nclass A\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});\n}\n" + Sink));
        test.FixedState.Sources.Add(("/0/B.cs", "using TaggedPtr;\n\nclass B\n{\n    void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|});\n}\n"));
        await test.RunAsync();
    }
}
