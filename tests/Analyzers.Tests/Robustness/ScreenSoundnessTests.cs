using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>
/// The taint and kernel-order analyzers skip bodies their quick screens prove cannot report (or can report without a
/// graph). Over the corpus and hundreds of mutants, the
/// screened analyzer must report exactly what the unscreened one reports.
/// </summary>
public sealed class ScreenSoundnessTests
{
    private const int Seed = 0x5C2E;

    [Fact]
    public async Task ScreenNeverChangesTheDiagnostics()
    {
        var random = new Random(Seed);
        int compared = 0;
        int reported = 0;
        foreach (string program in MutationCorpus.Programs.Concat(ExtraPrograms))
        {
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(program).GetRoot().DescendantTokens().ToArray();
            for (int i = 0; i < 40; i++)
            {
                string source = i == 0 ? program : DeleteTokens(program, tokens, random);
                Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, source);
                if (i == 0)
                {
                    Assert.Empty(compilation.GetDiagnostics().WhereErrors());
                }

                string[] screened = await Run(compilation, new TaggedValueFlowAnalyzer());
                string[] full = await Run(compilation, new TaggedValueFlowAnalyzer(screen: false));
                Assert.Equal(full, screened);
                string[] screenedOrder = await Run(compilation, new KernelOrderAnalyzer());
                string[] fullOrder = await Run(compilation, new KernelOrderAnalyzer(screen: false));
                Assert.Equal(fullOrder, screenedOrder);
                reported += fullOrder.Length;
                compared++;
                reported += full.Length;
            }
        }

        Assert.True(reported > compared, $"{reported} diagnostics over {compared} programs: the comparison must see reports");
    }

    // Bodies the screen must not skip: taint through locals, struct fields, lambdas, conditional access, switches.
    private static readonly string[] ExtraPrograms =
    {
        """
        using System;
        using TaggedPtr;

        public struct Pair { public ulong A; public ulong B; }

        public static unsafe class Sinks
        {
            public static void Submit([SvaBound] ulong address) { }
            public static void SubmitNullable([SvaBound] ulong? address) { }
        }

        public unsafe class C
        {
            public void M(TaggedPtr<int> p, TaggedPtr<int>? maybe, int k, Pair pair)
            {
                pair.A = p.RawValue;
                Sinks.Submit(pair.A);
                Sinks.SubmitNullable(maybe?.RawValue);
                ulong chosen = k switch { 0 => p.RawValue, _ => p.Address };
                Sinks.Submit(chosen);
                (ulong x, ulong y) = (p.RawValue, p.Address);
                Sinks.Submit(x);
                Func<ulong> f = () => p.RawValue;
                Action g = () => Sinks.Submit(chosen);
                Local(p.RawValue);
                void Local(ulong value) => Sinks.Submit(value);
                object boxed = p.RawValue;
                Sinks.Submit((ulong)boxed);
                Sinks.Submit(p.RawValue & LamU57.UntagMask);
                long v = *(long*)(p.RawValue + 8);
            }

            public void Shifted(TaggedPtr<int> p) => Sinks.Submit(p.RawValue >> 3);

            public void Kernel(TaggedPtr.Simulation.SimThread t, TaggedPtr.Devices.SvaDevice d, bool flag)
            {
                t.EnableTaggedAddresses(flag ? 0 : 7);
                t.EnableTaggedAddresses(0);
                if (flag) { d.Bind(t.AddressSpace); }
                TaggedPtr.Simulation.SimThread u = t.CreateThread();
                u.EnableTaggedAddresses(6);
                System.Action a = () => t.EnableTaggedAddresses(9);
            }
        }
        """,
    };

    private static async Task<string[]> Run(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics.Select(d => d.Id + "@" + d.Location.SourceSpan + ":" + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToArray();
    }

    private static string DeleteTokens(string source, SyntaxToken[] tokens, Random random)
    {
        // Deleting a token or two keeps most of a body intact, so the bodies stay interesting for the screen.
        var text = new System.Text.StringBuilder(source);
        foreach (SyntaxToken token in tokens.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).OrderByDescending(t => t.SpanStart))
        {
            text.Remove(token.SpanStart, token.Span.Length);
        }

        return text.ToString();
    }
}
