using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>The analyzers' cost on <see cref="AnalyzerWorkload"/>, medians over the repetitions.</summary>
/// <param name="Methods">Methods in the workload.</param>
/// <param name="TaggedEvery">1: every method uses the runtime; N: every N-th does, the rest are plain.</param>
/// <param name="Repetitions">Timed repetitions (after one untimed warm-up).</param>
/// <param name="CompileMs">Parse, bind and emit the workload plus its generated wrappers: the compilation's own time.</param>
/// <param name="AnalyzerMs">Time spent inside TaggedPtr's analyzers (Roslyn's telemetry, sequential analysis).</param>
/// <param name="PerAnalyzerMs">Median telemetry time per analyzer.</param>
/// <param name="Diagnostics">Diagnostics the analyzers reported, by id (proves they ran on real findings).</param>
/// <param name="CompileMinMs">The fastest compile: on a shared machine load only ever adds time.</param>
/// <param name="AnalyzerMinMs">The fastest analyzer run.</param>
/// <param name="CompileAllocatedBytes">Bytes the compile allocates (median); unlike time, steady from run to run.</param>
/// <param name="AnalyzerAllocatedBytes">Bytes TaggedPtr's analyzers allocate themselves (median): an analysis pass with them
/// minus a pass with <see cref="BodyWalkAnalyzer"/>, which makes the driver build the same operation trees.</param>
/// <param name="MarginalMs">An analysis pass with TaggedPtr's analyzers minus one with <see cref="BodyWalkAnalyzer"/>
/// (median of the per-repetition differences): what the analyzers add to a pass that binds every body anyway, garbage
/// collections they cause included and those the binding causes excluded.</param>
internal sealed record AnalyzerResult(
    int Methods,
    int TaggedEvery,
    int Repetitions,
    double CompileMs,
    double AnalyzerMs,
    IReadOnlyDictionary<string, double> PerAnalyzerMs,
    IReadOnlyDictionary<string, int> Diagnostics,
    double CompileMinMs = 0,
    double AnalyzerMinMs = 0,
    double CompileAllocatedBytes = 0,
    double AnalyzerAllocatedBytes = 0,
    double MarginalMs = double.NaN)
{
    /// <summary>The marginal time as a share of the compilation's own time.</summary>
    public double MarginalShare => MarginalMs / CompileMs;

    /// <summary>Analyzer time as a share of the compilation's own time (the measure).</summary>
    public double TelemetryShare => AnalyzerMs / CompileMs;

    /// <summary>The same share from the fastest run of each side.</summary>
    public double MinimumShare => CompileMinMs > 0 ? AnalyzerMinMs / CompileMinMs : double.NaN;
}

/// <summary>
/// Prices the analyzers as the issue asks: analyzer time on a synthetic compilation of N methods as a share of the
/// compilation's own time. Both sides are measured in this process on fresh compilations of the same text, so neither
/// benefits from the other's caches; the generator runs once up front and its output is compiled as source, as in a
/// build. A wall-clock "with minus without" is not taken here: CompilationWithAnalyzers binds every method once for the
/// analyzers and Emit binds it again, which csc does not do; the analyzers-build phase measures that difference in real
/// builds instead.
/// </summary>
internal static class AnalyzerCost
{
    public static async Task<AnalyzerResult> RunAsync(
        int methods, int taggedEvery, int repetitions, ISourceGenerator[] generators, DiagnosticAnalyzer[] analyzers, IReadOnlyList<MetadataReference> references)
    {
        var sources = new List<KeyValuePair<string, string>>(AnalyzerWorkload.Sources(methods, taggedEvery));
        (Compilation withWrappers, HashSet<SyntaxTree> generated) = Roslyn.WithGeneratedSources(sources, generators, references);
        foreach (SyntaxTree tree in withWrappers.SyntaxTrees.Where(generated.Contains))
        {
            // The generator's own path: the analyzers recognise generated members by it, as they do in a build.
            sources.Add(new KeyValuePair<string, string>(tree.FilePath, tree.GetText().ToString()));
        }

        Diagnostic[] errors = withWrappers.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The analyzer workload does not compile:\n" + string.Join('\n', errors.Take(10)));
        }

        var compile = new List<double>();
        var analyzer = new List<double>();
        var compileBytes = new List<double>();
        var analyzerBytes = new List<double>();
        var marginal = new List<double>();
        var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>(), StringComparer.Ordinal);
        IReadOnlyDictionary<string, int> found = new Dictionary<string, int>();

        // Repetition 0 warms the JIT for the compiler and the analyzers and is not recorded.
        for (int repetition = 0; repetition <= repetitions; repetition++)
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            double compileMs = Compile(sources, references);
            long compileAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            // The two passes alternate which goes first, so neither always inherits the other's garbage.
            var driverOnly = new DiagnosticAnalyzer[] { new BodyWalkAnalyzer() };
            AnalysisPass driver = default;
            if (repetition % 2 == 0)
            {
                driver = await AnalysisPass.RunAsync(sources, references, driverOnly).ConfigureAwait(false);
            }

            AnalysisPass pass = await AnalysisPass.RunAsync(sources, references, analyzers).ConfigureAwait(false);
            if (repetition % 2 != 0)
            {
                driver = await AnalysisPass.RunAsync(sources, references, driverOnly).ConfigureAwait(false);
            }

            CompilationWithAnalyzers telemetry = pass.Analysis;
            ImmutableArray<Diagnostic> diagnostics = pass.Diagnostics;
            double analyzerMs = 0;
            foreach (DiagnosticAnalyzer each in analyzers)
            {
                double ms = (await telemetry.GetAnalyzerTelemetryInfoAsync(each, default).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
                analyzerMs += ms;
                if (repetition > 0)
                {
                    perAnalyzer[each.GetType().Name].Add(ms);
                }
            }

            if (repetition > 0)
            {
                compile.Add(compileMs);
                analyzer.Add(analyzerMs);
                compileBytes.Add(compileAllocated);
                analyzerBytes.Add(pass.AllocatedBytes - driver.AllocatedBytes);
                marginal.Add(pass.Ms - driver.Ms);
            }

            found = diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (diagnostics.Any(d => d.Id == "AD0001"))
            {
                throw new InvalidOperationException("An analyzer threw (AD0001): " + diagnostics.First(d => d.Id == "AD0001"));
            }
        }

        return new AnalyzerResult(
            methods,
            taggedEvery,
            repetitions,
            Stats.Median(compile),
            Stats.Median(analyzer),
            perAnalyzer.ToDictionary(p => p.Key, p => Stats.Median(p.Value), StringComparer.Ordinal),
            found,
            compile.Min(),
            analyzer.Min(),
            Stats.Median(compileBytes),
            Stats.Median(analyzerBytes),
            Stats.Median(marginal));
    }

    /// <summary>Parse, bind and emit: what csc does with no analyzers.</summary>
    internal static double Compile(List<KeyValuePair<string, string>> sources, IReadOnlyList<MetadataReference> references)
    {
        var clock = Stopwatch.StartNew();
        CSharpCompilation compilation = Roslyn.Compilation("Workload", Roslyn.Parse(sources), references);
        Emit(compilation);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Sequential analysis: on 2 shared cores concurrency would only blur the telemetry.</summary>
    internal static CompilationWithAnalyzersOptions Options() =>
        new(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);

    private static void Emit(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        if (!compilation.Emit(stream).Success)
        {
            throw new InvalidOperationException("The analyzer workload failed to emit.");
        }
    }
}
