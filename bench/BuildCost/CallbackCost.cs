using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>The analyzers' callbacks alone on <see cref="AnalyzerWorkload"/> (see <see cref="CallbackHost"/>).</summary>
/// <param name="Methods">Methods in the workload.</param>
/// <param name="TaggedEvery">1: every method uses the runtime; N: every N-th does.</param>
/// <param name="Repetitions">Timed passes (after two untimed warm-ups).</param>
/// <param name="Bodies">Bodies the callbacks ran on.</param>
/// <param name="CompileMinMs">The fastest parse, bind and emit of the same workload, measured in the same run.</param>
/// <param name="CompileMs">The median of those compiles.</param>
/// <param name="PerAnalyzerMinMs">Each analyzer's fastest pass.</param>
/// <param name="PerAnalyzerMs">Each analyzer's median pass.</param>
/// <param name="Diagnostics">Diagnostics reported by one pass, by id: the same as a real analysis pass reports.</param>
/// <param name="ColdMs">Median of all analyzers' first pass on a new compilation with a new reference to the runtime (bodies
/// bound and operation trees built before the clock starts): the callbacks' work plus whatever they are first to compute
/// in a compilation (attributes of symbols, constants, members looked up by name).</param>
/// <param name="ColdMinMs">The fastest of those first passes.</param>
internal sealed record CallbackResult(
    int Methods,
    int TaggedEvery,
    int Repetitions,
    int Bodies,
    double CompileMinMs,
    double CompileMs,
    IReadOnlyDictionary<string, double> PerAnalyzerMinMs,
    IReadOnlyDictionary<string, double> PerAnalyzerMs,
    IReadOnlyDictionary<string, int> Diagnostics,
    double ColdMs,
    double ColdMinMs)
{
    /// <summary>The sum of the analyzers' fastest passes.</summary>
    public double TotalMinMs => PerAnalyzerMinMs.Values.Sum();

    /// <summary>The sum of the analyzers' median passes.</summary>
    public double TotalMs => PerAnalyzerMs.Values.Sum();
}

/// <summary>
/// Times TaggedPtr's analyzers' callbacks alone, over operation trees built once, many times: steady enough to tell a
/// 10 % change in the analyzers apart, which the whole-pass figures of the <c>analyzers</c> phase on this shared machine
/// cannot. It leaves out the driver's dispatch and the binding, which an analysis pass (and a build) adds.
/// </summary>
internal static class CallbackCost
{
    public static CallbackResult Run(int methods, int taggedEvery, int repetitions, ISourceGenerator[] generators, DiagnosticAnalyzer[] analyzers, IReadOnlyList<MetadataReference> references)
    {
        var sources = new List<KeyValuePair<string, string>>(AnalyzerWorkload.Sources(methods, taggedEvery));
        (Compilation withWrappers, HashSet<SyntaxTree> generated) = Roslyn.WithGeneratedSources(sources, generators, references);
        var host = new CallbackHost(withWrappers, generated.Contains);

        var compile = new List<double>();
        var times = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>(), StringComparer.Ordinal);
        IReadOnlyDictionary<string, int> found = new Dictionary<string, int>();
        for (int repetition = -2; repetition < repetitions; repetition++)
        {
            var reported = new List<Diagnostic>();
            Dictionary<string, double> pass = host.Run(analyzers, reported);
            if (repetition < 0)
            {
                continue;
            }

            foreach (KeyValuePair<string, double> each in pass)
            {
                times[each.Key].Add(each.Value);
            }

            found = reported.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (repetition % 4 == 0)
            {
                compile.Add(AnalyzerCost.Compile(sources.Concat(generated.Select(t => new KeyValuePair<string, string>(t.FilePath, t.GetText().ToString()))).ToList(), references));
            }
        }

        // First passes: a new compilation each time, with a new reference to the runtime so that its symbols (and
        // the attributes, constants and members the callbacks read from them) are built anew; only the framework's
        // symbols stay shared. They run after the warm passes, so the JIT has settled for both.
        var cold = new List<double>();
        PortableExecutableReference runtime = withWrappers.References.OfType<PortableExecutableReference>()
            .Single(r => r.FilePath is { } path && path.EndsWith("TaggedPtr.Runtime.dll", StringComparison.Ordinal));
        for (int repetition = 0; repetition < Math.Max(3, repetitions / 2); repetition++)
        {
            Compilation fresh = withWrappers.ReplaceReference(runtime, MetadataReference.CreateFromFile(runtime.FilePath!));
            var freshHost = new CallbackHost(fresh, tree => generated.Contains(tree));
            var reported = new List<Diagnostic>();
            cold.Add(freshHost.Run(analyzers, reported).Values.Sum());
            IReadOnlyDictionary<string, int> coldFound = reported.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (!coldFound.SequenceEqual(found))
            {
                throw new InvalidOperationException("A first pass reported other diagnostics than the repeated passes.");
            }
        }

        return new CallbackResult(
            methods,
            taggedEvery,
            repetitions,
            host.Bodies,
            compile.Min(),
            Stats.Median(compile),
            times.ToDictionary(p => p.Key, p => p.Value.Min(), StringComparer.Ordinal),
            times.ToDictionary(p => p.Key, p => Stats.Median(p.Value), StringComparer.Ordinal),
            found,
            Stats.Median(cold),
            cold.Min());
    }

}
