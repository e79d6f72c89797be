using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>
/// Expressions far deeper than people write (generated code, long constant tables): the compiler accepts them, so the
/// analyzers must finish on them with their findings and without an exception or a stack overflow (which would take
/// the compiler down with it).
/// </summary>
public sealed class DeepExpressionTests
{
    private const int Terms = 20_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sum_of_twenty_thousand_terms_still_reports_its_tagged_operand(bool withLoop)
    {
        var sum = new StringBuilder("p.RawValue");
        for (int i = 0; i < Terms; i++)
        {
            sum.Append(" + 1UL");
        }

        // The loop gives the body more than one path, so it goes through the control-flow graph, not the tree walk.
        string loop = withLoop ? "for (int i = 0; i < 2; i++) { } " : string.Empty;
        string source = $$"""
            public static class Deep
            {
                public static void Submit([TaggedPtr.SvaBound] ulong address) { }

                public static void Flow(TaggedPtr.TaggedPtr<int> p) { {{loop}}Submit({{sum}}); }

                public static void Start(TaggedPtr.Simulation.SimThread t) { {{loop}}t.EnableTaggedAddresses((int)({{sum.ToString().Replace("p.RawValue", "0UL")}})); }
            }
            """;

        var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(TestReferences.All, source));

        Assert.Empty(exceptions);
        Diagnostic flow = Assert.Single(diagnostics, d => d.Id == "TPTR0001");
        Assert.StartsWith("p.RawValue + 1UL", flow.Location.SourceTree!.ToString().Substring(flow.Location.SourceSpan.Start, 20));
        // 20,000 is above LAM_U57's 6 bits: the kernel-order rule evaluates the constant through the whole chain.
        Assert.Contains(diagnostics, d => d.Id == "TPTR0007");

        // The untag fix edits the text, so it completes on the whole sum too. (The coexistence fixes edit the tree
        // through Roslyn's SyntaxEditor, which refuses a tree this deep with InsufficientExecutionStackException.)
        string fixedText = await AnalyzerHarness.ApplyFixAsync(source, TestReferences.All, flow, "Use the untagged address");
        Assert.Equal(source.Replace("Submit(p.RawValue + 1UL", "Submit(p.Address + 1UL"), fixedText);
    }

    [Fact]
    public async Task Two_thousand_nested_conditionals_are_analyzed()
    {
        var nested = new StringBuilder();
        for (int i = 0; i < 2_000; i++)
        {
            nested.Append("c ? (");
        }

        nested.Append("p.RawValue");
        for (int i = 0; i < 2_000; i++)
        {
            nested.Append(") : 0UL");
        }

        string source = $$"""
            public static class Deep
            {
                public static void Submit([TaggedPtr.SvaBound] ulong address) { }

                public static void Flow(TaggedPtr.TaggedPtr<int> p, bool c) => Submit({{nested}});
            }
            """;

        CSharpCompilationCheck(source, out Compilation compilation);
        var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Empty(exceptions);
        Assert.Single(diagnostics, d => d.Id == "TPTR0001");
    }

    [Fact]
    public async Task Three_thousand_nested_blocks_are_analyzed()
    {
        string opening = string.Concat(Enumerable.Repeat("{ ", 3_000));
        string closing = string.Concat(Enumerable.Repeat("} ", 3_000));
        string source = $$"""
            public static class Deep
            {
                public static void Submit([TaggedPtr.SvaBound] ulong address) { }

                public static void Flow(TaggedPtr.TaggedPtr<int> p, TaggedPtr.Simulation.SimThread t)
                {
                    {{opening}}Submit(p.RawValue); t.EnableTaggedAddresses(6); t.EnableTaggedAddresses(6); {{closing}}
                }
            }
            """;

        CSharpCompilationCheck(source, out Compilation compilation);
        var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Empty(exceptions);
        Assert.Single(diagnostics, d => d.Id == "TPTR0001");
        Assert.Single(diagnostics, d => d.Id == "TPTR0006");
    }

    private static void CSharpCompilationCheck(string source, out Compilation compilation)
    {
        compilation = AnalyzerHarness.Compile(TestReferences.All, source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
