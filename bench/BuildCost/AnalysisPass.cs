using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>One analysis pass over a fresh compilation of the workload: what it found, what it allocated, how long it took.</summary>
internal readonly record struct AnalysisPass(CompilationWithAnalyzers Analysis, ImmutableArray<Diagnostic> Diagnostics, long AllocatedBytes, double Ms)
{
    public static async Task<AnalysisPass> RunAsync(
        IReadOnlyList<KeyValuePair<string, string>> sources, IReadOnlyList<MetadataReference> references, IReadOnlyList<DiagnosticAnalyzer> analyzers)
    {
        CSharpCompilation fresh = Roslyn.Compilation("Workload", Roslyn.Parse(sources), references);
        CompilationWithAnalyzers analysis = fresh.WithAnalyzers(analyzers.ToImmutableArray(), AnalyzerCost.Options());
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = await analysis.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        double ms = clock.Elapsed.TotalMilliseconds;
        return new AnalysisPass(analysis, diagnostics, GC.GetTotalAllocatedBytes(precise: true) - before, ms);
    }
}
