using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>
/// Two builds of the analyzers, A (the packed package's) and B (any other <c>TaggedPtr.Analyzers.dll</c>), each run by
/// Roslyn's own analyzer driver in a whole analysis pass on a fresh compilation, the two sides alternating: the
/// driver's telemetry per analyzer, B/A of the medians. Unlike <see cref="CallbackComparison"/>, this sees what only
/// the driver brings: its locks on symbols and reporting, its shared control-flow graphs, a pass where every symbol
/// is new. It is noisier (every pass also binds the workload), so it needs more repetitions. For developing the
/// analyzers; nothing of it goes into the report.
/// </summary>
internal static class DriverComparison
{
    // Room for a whole pass (parse, bind, analyze: about 150 MB on the 2,000-method workload) without a collection.
    private const long NoGcBytes = 240L * 1024 * 1024;

    public static async Task RunAsync(Workspace workspace, string otherAnalyzers, int methods, int repetitions)
    {
        (ISourceGenerator[] generators, DiagnosticAnalyzer[] a, IReadOnlyList<MetadataReference> references) = InProcess.Packed(workspace, "taggedptr-a");
        DiagnosticAnalyzer[] b = Components.Analyzers(Components.From("taggedptr-b", Path.GetDirectoryName(Path.GetFullPath(otherAnalyzers))!)
            .Load(Path.GetFileName(otherAnalyzers)));
        var sources = new List<KeyValuePair<string, string>>(AnalyzerWorkload.Sources(methods, 1));
        (Compilation withWrappers, HashSet<SyntaxTree> generated) = Roslyn.WithGeneratedSources(sources, generators, references);
        sources.AddRange(withWrappers.SyntaxTrees.Where(generated.Contains).Select(tree => new KeyValuePair<string, string>(tree.FilePath, tree.GetText().ToString())));

        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var diagnostics = new Dictionary<string, string>(StringComparer.Ordinal);
        var collected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int repetition = -2; repetition < repetitions; repetition++)
        {
            foreach ((string side, DiagnosticAnalyzer[] analyzers) in repetition % 2 == 0 ? new[] { ("A", a), ("B", b) } : new[] { ("B", b), ("A", a) })
            {
                // No collection inside the pass: a pause that lands in one analyzer's callback is charged to it by
                // the telemetry, and made the medians of the same build differ by 2x between runs.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                bool noGc = GC.TryStartNoGCRegion(NoGcBytes);
                AnalysisPass pass = await AnalysisPass.RunAsync(sources, references, analyzers).ConfigureAwait(false);
                if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
                else
                {
                    collected[side] = collected.GetValueOrDefault(side) + 1;
                }

                diagnostics[side] = string.Join(", ", pass.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} × {g.Count()}"));
                if (repetition < 0)
                {
                    continue;
                }

                double total = 0;
                foreach (DiagnosticAnalyzer analyzer in analyzers)
                {
                    double ms = (await pass.Analysis.GetAnalyzerTelemetryInfoAsync(analyzer, default).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
                    total += ms;
                    Add(times, side + " " + analyzer.GetType().Name, ms);
                }

                Add(times, side + " total", total);
            }
        }

        foreach (string analyzer in times.Keys.Where(k => k.StartsWith("A ", StringComparison.Ordinal) && times.ContainsKey("B " + k[2..])).Select(k => k[2..]))
        {
            List<double> left = times["A " + analyzer];
            List<double> right = times["B " + analyzer];
            Console.WriteLine($"  {analyzer}: A median {Stats.Ms(Stats.Median(left))} ms (fastest {Stats.Ms(left.Min())}), B median {Stats.Ms(Stats.Median(right))} ms (fastest {Stats.Ms(right.Min())}), B/A {Stats.Ratio(Stats.Median(right) / Stats.Median(left))}");
        }

        Console.WriteLine($"  passes with a collection: A {collected.GetValueOrDefault("A")}, B {collected.GetValueOrDefault("B")}");
        Console.WriteLine($"  diagnostics A: {diagnostics["A"]}");
        Console.WriteLine($"  diagnostics B: {diagnostics["B"]}");
    }

    private static void Add(Dictionary<string, List<double>> times, string key, double ms) =>
        (times.TryGetValue(key, out List<double>? list) ? list : times[key] = new List<double>()).Add(ms);
}
