using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>The phases that load the packages' components into this process's Roslyn.</summary>
internal static class InProcess
{
    public static List<IncrementalResult> Incremental(Workspace workspace, int count)
    {
        string taggedPtr = workspace.TaggedPtrPackage;
        string vogen = workspace.VogenPackage;
        Assembly ourGenerator = Components.From("taggedptr", Path.Combine(taggedPtr, "analyzers", "dotnet", "cs")).Load("TaggedPtr.Generator.dll");

        // The SDK's compiler (Roslyn 5.x) picks Vogen's newest build, roslyn4.12; that is the one measured here too.
        Assembly vogenGenerator = Components.From("vogen", Path.Combine(vogen, "analyzers", "dotnet", "roslyn4.12", "cs"), Path.Combine(vogen, "analyzers", "dotnet", "cs"))
            .Load("Vogen.dll");

        var results = new List<IncrementalResult>
        {
            IncrementalProbe.Run("TaggedPtr", Flavor.TaggedPtr, count, () => Components.Generators(ourGenerator),
                Roslyn.References(Path.Combine(taggedPtr, "lib", "net10.0", "TaggedPtr.Runtime.dll"))),
            IncrementalProbe.Run("Vogen", Flavor.Vogen, count, () => Components.Generators(vogenGenerator),
                Roslyn.References(Path.Combine(vogen, "lib", "net10.0", "Vogen.SharedTypes.dll"))),
        };
        foreach (IncrementalResult result in results)
        {
            System.Console.WriteLine($"  {result}");
        }

        return results;
    }

    /// <summary>The issue's workload (every method uses tagged pointers and devices), then a mixed one (every tenth).</summary>
    public static async Task<List<AnalyzerResult>> AnalyzersAsync(Workspace workspace, int methods, int repetitions)
    {
        (ISourceGenerator[] generators, DiagnosticAnalyzer[] analyzers, IReadOnlyList<MetadataReference> references) = Packed(workspace, "taggedptr-analyzers");
        var results = new List<AnalyzerResult>();
        foreach (int taggedEvery in new[] { 1, 10 })
        {
            AnalyzerResult result = await AnalyzerCost.RunAsync(methods, taggedEvery, repetitions, generators, analyzers, references).ConfigureAwait(false);
            System.Console.WriteLine($"  1 in {taggedEvery}: compile {Stats.Ms(result.CompileMs)} ms, analyzers {Stats.Ms(result.AnalyzerMs)} ms ({Stats.Percent(result.TelemetryShare)}); fastest {Stats.Ms(result.CompileMinMs)} / {Stats.Ms(result.AnalyzerMinMs)} ms ({Stats.Percent(result.MinimumShare)}); allocated: compile {Stats.Ms(result.CompileAllocatedBytes / 1e6)} MB, analyzers {Stats.Ms(result.AnalyzerAllocatedBytes / 1e6)} MB; marginal pass time {Stats.Ms(result.MarginalMs)} ms ({Stats.Percent(result.MarginalShare)})");
            foreach (KeyValuePair<string, double> each in result.PerAnalyzerMs)
            {
                System.Console.WriteLine($"    {each.Key}: {Stats.Ms(each.Value)} ms");
            }

            System.Console.WriteLine($"    diagnostics: {string.Join(", ", result.Diagnostics)}");
            results.Add(result);
        }

        return results;
    }

    /// <summary>The analyzers' callbacks alone, on the issue's workload and the mixed one (see <see cref="CallbackCost"/>).</summary>
    public static List<CallbackResult> AnalyzerCallbacks(Workspace workspace, int methods, int repetitions)
    {
        (ISourceGenerator[] generators, DiagnosticAnalyzer[] analyzers, IReadOnlyList<MetadataReference> references) = Packed(workspace, "taggedptr-callbacks");
        var results = new List<CallbackResult>();
        foreach (int taggedEvery in new[] { 1, 10 })
        {
            CallbackResult result = CallbackCost.Run(methods, taggedEvery, repetitions, generators, analyzers, references);
            System.Console.WriteLine($"  1 in {taggedEvery}: {result.Bodies} bodies; callbacks fastest {Stats.Ms(result.TotalMinMs)} ms, median {Stats.Ms(result.TotalMs)} ms; first pass on a fresh compilation median {Stats.Ms(result.ColdMs)} ms, fastest {Stats.Ms(result.ColdMinMs)} ms; compile fastest {Stats.Ms(result.CompileMinMs)} ms ({Stats.Percent(result.TotalMinMs / result.CompileMinMs)}), median {Stats.Ms(result.CompileMs)} ms");
            foreach (KeyValuePair<string, double> each in result.PerAnalyzerMinMs.OrderByDescending(p => p.Value))
            {
                System.Console.WriteLine($"    {each.Key}: fastest {Stats.Ms(each.Value)} ms, median {Stats.Ms(result.PerAnalyzerMs[each.Key])} ms");
            }

            System.Console.WriteLine($"    diagnostics: {string.Join(", ", result.Diagnostics)}");
            results.Add(result);
        }

        return results;
    }

    /// <summary>The packed package's generator and analyzers, loaded into a context of their own, and its runtime as a reference.</summary>
    internal static (ISourceGenerator[] Generators, DiagnosticAnalyzer[] Analyzers, IReadOnlyList<MetadataReference> References) Packed(Workspace workspace, string contextName)
    {
        Components context = Components.From(contextName, Path.Combine(workspace.TaggedPtrPackage, "analyzers", "dotnet", "cs"));
        return (
            Components.Generators(context.Load("TaggedPtr.Generator.dll")),
            Components.Analyzers(context.Load("TaggedPtr.Analyzers.dll")),
            Roslyn.References(Path.Combine(workspace.TaggedPtrPackage, "lib", "net10.0", "TaggedPtr.Runtime.dll")));
    }
}
