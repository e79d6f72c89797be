using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.BuildCost;

/// <summary>The in-process compilations: the synthetic projects' settings (net10.0 library, unsafe, nullable).</summary>
internal static class Roslyn
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static IReadOnlyList<MetadataReference> References(params string[] extra) =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Concat(extra.Select(path => MetadataReference.CreateFromFile(path)))
            .ToArray();

    /// <summary>Parses files keyed by name (placed under /synthetic) or by a generator's relative output path (kept).</summary>
    public static SyntaxTree[] Parse(IEnumerable<KeyValuePair<string, string>> sources) =>
        sources.Select(file => CSharpSyntaxTree.ParseText(
            file.Value, ParseOptions, file.Key.Contains('/', System.StringComparison.Ordinal) ? file.Key : Path.Combine("/synthetic", file.Key))).ToArray();

    public static CSharpCompilation Compilation(string name, IEnumerable<SyntaxTree> trees, IReadOnlyList<MetadataReference> references) =>
        CSharpCompilation.Create(
            name,
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug,
                deterministic: true));

    /// <summary>The workload with the generator's wrappers added, and which trees the generator wrote.</summary>
    public static (Compilation Compilation, HashSet<SyntaxTree> Generated) WithGeneratedSources(
        IReadOnlyList<KeyValuePair<string, string>> sources, ISourceGenerator[] generators, IReadOnlyList<MetadataReference> references)
    {
        CSharpCompilation seed = Compilation("Workload", Parse(sources), references);
        CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(seed, out Compilation withWrappers, out _);
        return (withWrappers, new HashSet<SyntaxTree>(withWrappers.SyntaxTrees.Skip(seed.SyntaxTrees.Length)));
    }
}
