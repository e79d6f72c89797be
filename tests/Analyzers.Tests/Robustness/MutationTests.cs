using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>
/// A seeded mutation test: valid programs broken the way an editor breaks them (deleted, duplicated and inserted
/// tokens, truncation, hostile literals). No analyzer and no code fix may throw on any of them.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 0x7A66;
    private const int MutantsPerProgram = 100;

    private static readonly string[] Insertions =
    {
        "(", ")", "{", "}", ";", "=", ".", ",", "*", "&", "[", "]", "RawValue", "default", "null", "ref", "out", "new",
        "typeof(", "<", ">", "=>", "?", ":", "unsafe", "partial", "static", "0xFFFFFFFFFFFFFFFF", "-1", "2147483648",
        "\"text\"", "[SvaBound]", "[LamSvaCoexistence]", "[TagField(\"X\", Bits = -3)]", "with", "stackalloc", "goto L;", "L:",
    };

    private readonly ITestOutputHelper _output;

    public MutationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task AnalyzersAndFixesNeverThrowOnMutatedPrograms()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        int mutants = 0;
        int diagnosticsSeen = 0;
        for (int program = 0; program < MutationCorpus.Programs.Length; program++)
        {
            string original = MutationCorpus.Programs[program];
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(original).GetRoot().DescendantTokens().ToArray();
            for (int i = 0; i < MutantsPerProgram; i++)
            {
                int mutantSeed = random.Next();
                string mutant = Mutate(original, tokens, new Random(mutantSeed));
                mutants++;
                Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, mutant);
                var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(compilation);
                diagnosticsSeen += diagnostics.Length;
                List<Exception> all = exceptions.ToList();

                // Fixes are heavier (a workspace per run): every fourth mutant is enough to cover them.
                if (i % 4 == 0)
                {
                    all.AddRange(await AnalyzerHarness.RunFixesAsync(mutant, TestReferences.All, diagnostics));
                }

                if (all.Count > 0)
                {
                    failures.Add($"program {program}, mutant seed {mutantSeed}: {all[0]}");
                }
            }
        }

        _output.WriteLine($"{mutants} mutants, {diagnosticsSeen} diagnostics");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
        Assert.True(diagnosticsSeen > mutants, "the corpus should keep producing diagnostics while it is mutated");
    }

    [Fact]
    public async Task TheUnmutatedCorpusIsCleanAndProducesEveryKindOfRule()
    {
        var ids = new HashSet<string>();
        foreach (string program in MutationCorpus.Programs)
        {
            var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(AnalyzerHarness.Compile(TestReferences.All, program));
            Assert.Empty(exceptions);
            ids.UnionWith(diagnostics.Select(d => d.Id));
            Assert.Empty(await AnalyzerHarness.RunFixesAsync(program, TestReferences.All, diagnostics));
        }

        foreach (string id in new[] { "TPTR0001", "TPTR0002", "TPTR0003", "TPTR0004", "TPTR0005", "TPTR0006", "TPTR0007", "TPTR0008", "TPTR0009", "TPTR0010", "TPTR0011", "TPTR0012", "TPTR0013" })
        {
            Assert.True(ids.Contains(id), id + " missing; seen: " + string.Join(", ", ids.OrderBy(x => x)));
        }
    }

    private static string Mutate(string source, SyntaxToken[] tokens, Random random)
    {
        int edits = 1 + random.Next(3);
        var text = new StringBuilder(source);
        for (int e = 0; e < edits && tokens.Length > 0; e++)
        {
            SyntaxToken token = tokens[random.Next(tokens.Length)];
            int start = Math.Min(token.SpanStart, text.Length);
            int length = Math.Min(token.Span.Length, text.Length - start);
            switch (random.Next(6))
            {
                case 0:
                    text.Remove(start, length);
                    break;
                case 1:
                    text.Insert(start, text.ToString(start, length) + " ");
                    break;
                case 2:
                    text.Insert(start, Insertions[random.Next(Insertions.Length)] + " ");
                    break;
                case 3:
                    text.Length = start;
                    break;
                case 4 when token.IsKind(SyntaxKind.NumericLiteralToken):
                    text.Remove(start, length).Insert(start, random.Next(4) switch { 0 => "-1", 1 => "0", 2 => "18446744073709551615", _ => "64" });
                    break;
                default:
                    SyntaxToken other = tokens[random.Next(tokens.Length)];
                    int otherStart = Math.Min(other.SpanStart, text.Length);
                    int otherLength = Math.Min(other.Span.Length, text.Length - otherStart);
                    text.Insert(start, text.ToString(otherStart, otherLength) + " ");
                    break;
            }
        }

        return text.ToString();
    }
}
