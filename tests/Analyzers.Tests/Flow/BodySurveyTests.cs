using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Symbols;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Flow;

/// <summary>
/// The one walk per operation block that the taint, tag-range and arch_prctl rules share: what it collects, and that
/// every request for the same block gets the same survey, including requests that race.
/// </summary>
public sealed class BodySurveyTests
{
    private const string Source = """
        using TaggedPtr;
        using TaggedPtr.Simulation;

        public unsafe static class Subject
        {
            public static ulong Tagged(TaggedPtr<int> p, int* raw, SimThread t)
            {
                var q = p.WithTag(3);
                var r = new TaggedPtr<int>(raw, 1);
                var s = TaggedPtr<int>.FromAddress(0x1000);
                t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0);
                _ = t.ArchPrctl(ArchPrctlOption.GetUntagMask, 0x1000);
                return q.RawValue + r.RawValue + s.RawValue;
            }

            public static ulong Shifts(ulong bits) => bits >> 3;

            public static int Plain(int x)
            {
                var o = new object();
                string text = "With";
                return x * 2 + text.Length + o.GetHashCode() + Without();
            }

            static int Without() => 0;
        }
        """;

    [Fact]
    public void It_collects_the_calls_each_rule_checks()
    {
        (KnownSymbols symbols, Dictionary<string, IOperation> bodies) = Bodies();

        BodySurvey tagged = BodySurvey.Of(bodies["Tagged"], symbols, CancellationToken.None);
        Assert.Equal(KnownSymbols.LamU57TagMask, tagged.Sources);
        Assert.False(tagged.MovesBits);
        Assert.Equal(
            new[] { "p.WithTag(3)", "new TaggedPtr<int>(raw, 1)", "TaggedPtr<int>.FromAddress(0x1000)" }.OrderBy(x => x),
            tagged.TagRangeCalls.Select(call => call.Syntax.ToString()).OrderBy(x => x));
        // The discard is an assignment, not a dropped result.
        Assert.Equal(
            new[] { "t.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0)" },
            tagged.DroppedArchPrctlCalls.Select(call => call.Syntax.ToString()));

        BodySurvey shifts = BodySurvey.Of(bodies["Shifts"], symbols, CancellationToken.None);
        Assert.Equal(0UL, shifts.Sources);
        Assert.True(shifts.MovesBits);

        // The survey goes by name (the rule checks the target method); a creation of object is no tagged pointer.
        BodySurvey plain = BodySurvey.Of(bodies["Plain"], symbols, CancellationToken.None);
        Assert.Equal(0UL, plain.Sources);
        Assert.Equal(new[] { "Without()" }, plain.TagRangeCalls.Select(call => call.Syntax.ToString()));
        Assert.Empty(plain.DroppedArchPrctlCalls);
    }

    [Fact]
    public void The_same_block_gets_the_same_survey()
    {
        (KnownSymbols symbols, Dictionary<string, IOperation> bodies) = Bodies();

        BodySurvey first = BodySurvey.Of(bodies["Tagged"], symbols, CancellationToken.None);

        Assert.Same(first, BodySurvey.Of(bodies["Tagged"], symbols, CancellationToken.None));
        Assert.NotSame(first, BodySurvey.Of(bodies["Plain"], symbols, CancellationToken.None));
    }

    [Fact]
    public void Racing_requests_agree_on_one_survey()
    {
        for (int round = 0; round < 50; round++)
        {
            (KnownSymbols symbols, Dictionary<string, IOperation> bodies) = Bodies();
            (BodySurvey first, BodySurvey second) = Race.Twice(() => BodySurvey.Of(bodies["Tagged"], symbols, CancellationToken.None));

            Assert.Same(first, second);
        }
    }

    private static (KnownSymbols Symbols, Dictionary<string, IOperation> Bodies) Bodies()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, Source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        var bodies = new Dictionary<string, IOperation>();
        foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
            bodies[method.Identifier.Text] = model.GetOperation(body) ?? throw new Xunit.Sdk.XunitException("no operation for " + method.Identifier.Text);
        }

        return (KnownSymbols.For(compilation)!, bodies);
    }
}
