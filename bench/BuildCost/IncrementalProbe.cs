using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.BuildCost;

/// <summary>What one generator did on the synthetic project, run by a <c>CSharpGeneratorDriver</c> as the IDE runs it.</summary>
/// <param name="Name">TaggedPtr or Vogen.</param>
/// <param name="Declarations">Declarations in the project.</param>
/// <param name="GeneratedFiles">Files the first run generated.</param>
/// <param name="WarmRunMs">Generator time of a full run with a fresh driver, after a first run warmed the JIT.</param>
/// <param name="RegeneratedAfterUnrelatedEdit">Generated files whose output step ran as New or Modified in the run after
/// an edit to a file that mentions no declaration.</param>
/// <param name="ChangedTextsAfterUnrelatedEdit">Generated files whose text differs after that edit (should be 0 for
/// both: the probe checks the generators are deterministic).</param>
/// <param name="IncrementalRunMs">Generator time of that second run.</param>
/// <param name="CompilationErrors">Errors in the compilation with the generated files (0, or the probe is broken).</param>
/// <param name="GeneratedLines">Lines of all generated files.</param>
/// <param name="GeneratedMembers">Members (methods, constructors, operators, properties, fields, events) declared in
/// the generated files: csc's per-wrapper cost follows this count more than the line count.</param>
internal sealed record IncrementalResult(
    string Name,
    int Declarations,
    int GeneratedFiles,
    double WarmRunMs,
    int RegeneratedAfterUnrelatedEdit,
    int ChangedTextsAfterUnrelatedEdit,
    double IncrementalRunMs,
    int CompilationErrors,
    int GeneratedLines,
    int GeneratedMembers);

/// <summary>
/// Runs a generator twice with <c>trackIncrementalGeneratorSteps</c> on: once on the synthetic project, once after an
/// unrelated edit, and counts the generated files whose output step was New or Modified the second time. A file whose
/// output step is Cached was not produced again.
/// </summary>
internal static class IncrementalProbe
{
    public static IncrementalResult Run(string name, Flavor flavor, int count, Func<ISourceGenerator[]> generators, IReadOnlyList<MetadataReference> references)
    {
        CSharpParseOptions parseOptions = Roslyn.ParseOptions;
        SortedDictionary<string, string> sources = Synthetic.Sources(flavor, count);
        CSharpCompilation compilation = Roslyn.Compilation("Synthetic" + name, Roslyn.Parse(sources), references);

        // First run with one driver only warms the JIT for the generator's code; the timed run uses a fresh driver, so
        // nothing is cached, as in a command-line build.
        Driver(generators()).RunGenerators(compilation);
        GeneratorDriver driver = Driver(generators()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        double warmMs = driver.GetTimingInfo().ElapsedTime.TotalMilliseconds;
        GeneratorDriverRunResult first = driver.GetRunResult();
        int errors = generated.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath.EndsWith(Synthetic.UnrelatedFile, StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            unrelated, CSharpSyntaxTree.ParseText(Synthetic.Unrelated(1), parseOptions, unrelated.FilePath));
        GeneratorDriver second = driver.RunGenerators(edited);
        GeneratorDriverRunResult again = second.GetRunResult();

        return new IncrementalResult(
            name,
            count,
            first.GeneratedTrees.Length,
            warmMs,
            Regenerated(again),
            ChangedTexts(first, again),
            second.GetTimingInfo().ElapsedTime.TotalMilliseconds,
            errors,
            first.GeneratedTrees.Sum(tree => tree.GetText().Lines.Count),
            first.GeneratedTrees.Sum(tree => tree.GetRoot().DescendantNodes().Count(node =>
                node is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax
                    and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax and not Microsoft.CodeAnalysis.CSharp.Syntax.DelegateDeclarationSyntax)));
    }

    private static GeneratorDriver Driver(ISourceGenerator[] generators) =>
        CSharpGeneratorDriver.Create(
            generators,
            parseOptions: Roslyn.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Files produced again: every source an output step emitted while New or Modified.</summary>
    private static int Regenerated(GeneratorDriverRunResult run)
    {
        int files = 0;
        foreach (GeneratorRunResult generator in run.Results)
        {
            if (generator.TrackedOutputSteps.IsEmpty && generator.GeneratedSources.Length > 0)
            {
                // A generator without incremental output steps (ISourceGenerator) produces everything on every run.
                files += generator.GeneratedSources.Length;
                continue;
            }

            foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> step in generator.TrackedOutputSteps)
            {
                foreach (IncrementalGeneratorRunStep runStep in step.Value)
                {
                    foreach ((object value, IncrementalStepRunReason reason) in runStep.Outputs)
                    {
                        if (reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified)
                        {
                            files += SourcesIn(value);
                        }
                    }
                }
            }
        }

        return files;
    }

    /// <summary>An output step's value is (sources, diagnostics); count the sources.</summary>
    private static int SourcesIn(object value) =>
        value is ITuple { Length: > 0 } tuple && tuple[0] is ICollection sources ? sources.Count : 1;

    private static int ChangedTexts(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        Dictionary<string, string> before = first.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return second.Results.SelectMany(r => r.GeneratedSources)
            .Count(s => !before.TryGetValue(s.HintName, out string? text) || text != s.SourceText.ToString());
    }
}
