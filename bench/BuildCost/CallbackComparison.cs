using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>
/// Two builds of the analyzers, A (the packed package's) and B (any other <c>TaggedPtr.Analyzers.dll</c>), timed by
/// <see cref="CallbackHost"/> in alternating passes over the same operation trees: drift in the machine's load falls
/// on both alike, so the ratio of their medians tells a change of a few percent apart. With <c>fresh</c>, every pass
/// runs on a compilation of its own with a new reference to the runtime (built off the clock), as a build's single
/// pass does: what the callbacks are first to compute for a symbol, and the caches they fill, count again on every
/// pass. For developing the analyzers; nothing of it goes into the report.
/// </summary>
internal static class CallbackComparison
{
    public static void Run(Workspace workspace, string otherAnalyzers, int methods, int repetitions, bool fresh)
    {
        (ISourceGenerator[] generators, DiagnosticAnalyzer[] a, IReadOnlyList<MetadataReference> references) = InProcess.Packed(workspace, "taggedptr-a");
        DiagnosticAnalyzer[] b = Components.Analyzers(Components.From("taggedptr-b", Path.GetDirectoryName(Path.GetFullPath(otherAnalyzers))!)
            .Load(Path.GetFileName(otherAnalyzers)));
        (Compilation withWrappers, HashSet<SyntaxTree> generated) = Roslyn.WithGeneratedSources(AnalyzerWorkload.Sources(methods, 1).ToList(), generators, references);
        // Warm passes share one compilation, and with it the analyzers' per-compilation caches (KnownSymbols), which a
        // build fills once: they time the walks, not the cache fills.
        CallbackHost? host = fresh ? null : new CallbackHost(withWrappers, generated.Contains);
        PortableExecutableReference runtime = withWrappers.References.OfType<PortableExecutableReference>()
            .Single(r => r.FilePath is { } path && path.EndsWith("TaggedPtr.Runtime.dll", StringComparison.Ordinal));

        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var diagnostics = new Dictionary<string, string>(StringComparer.Ordinal);
        var allocated = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int repetition = -2; repetition < repetitions; repetition++)
        {
            foreach ((string side, DiagnosticAnalyzer[] analyzers) in repetition % 2 == 0 ? new[] { ("A", a), ("B", b) } : new[] { ("B", b), ("A", a) })
            {
                var reported = new List<Diagnostic>();
                CallbackHost passHost = fresh
                    ? new CallbackHost(withWrappers.ReplaceReference(runtime, MetadataReference.CreateFromFile(runtime.FilePath!)), generated.Contains)
                    : host!;
                Dictionary<string, double> pass = passHost.Run(analyzers, reported);
                allocated[side] = string.Join(", ", passHost.Allocated.Select(p => $"{p.Key} {p.Value / 1024} KB"));
                diagnostics[side] = string.Join(", ", reported.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} × {g.Count()}"));
                if (repetition < 0)
                {
                    continue;
                }

                foreach (KeyValuePair<string, double> each in pass.Append(new KeyValuePair<string, double>("total", pass.Values.Sum())))
                {
                    string key = side + " " + each.Key;
                    (times.TryGetValue(key, out List<double>? list) ? list : times[key] = new List<double>()).Add(each.Value);
                }
            }
        }

        // Analyzers only one side has are listed alone (a build that adds or removes one is still comparable in total).
        foreach (string analyzer in times.Keys.Select(k => k[2..]).Distinct(StringComparer.Ordinal).Where(k => !times.ContainsKey("A " + k) || !times.ContainsKey("B " + k)))
        {
            string side = times.ContainsKey("A " + analyzer) ? "A" : "B";
            Console.WriteLine($"  {analyzer}: only in {side}, median {Stats.Ms(Stats.Median(times[side + " " + analyzer]))} ms");
        }

        foreach (string analyzer in times.Keys.Where(k => k.StartsWith("A ", StringComparison.Ordinal) && times.ContainsKey("B " + k[2..])).Select(k => k[2..]))
        {
            List<double> left = times["A " + analyzer];
            List<double> right = times["B " + analyzer];
            Console.WriteLine($"  {analyzer}: A median {Stats.Ms(Stats.Median(left))} ms (fastest {Stats.Ms(left.Min())}), B median {Stats.Ms(Stats.Median(right))} ms (fastest {Stats.Ms(right.Min())}), B/A {Stats.Ratio(Stats.Median(right) / Stats.Median(left))}");
        }

        Console.WriteLine($"  allocated A: {allocated["A"]}");
        Console.WriteLine($"  allocated B: {allocated["B"]}");
        Console.WriteLine($"  diagnostics A: {diagnostics["A"]}");
        Console.WriteLine($"  diagnostics B: {diagnostics["B"]}");
    }
}
