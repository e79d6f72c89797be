using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles test sources against the .NET 10 reference assemblies (offline, from Basic.Reference.Assemblies) and the
/// runtime, runs the generator with step tracking, and loads the result.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>.NET 10 and TaggedPtr.Runtime.</summary>
    public static readonly IReadOnlyList<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(TagScheme).Assembly.Location))
            .ToArray();

    /// <summary>Parse options with documentation comments checked, as <c>GenerateDocumentationFile</c> does.</summary>
    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new(version, DocumentationMode.Diagnose);

    /// <summary>
    /// A library compilation of <paramref name="sources"/>: unsafe allowed, nullable on, every warning wave enabled (the
    /// SDK's default for new target frameworks), optionally with checked arithmetic.
    /// </summary>
    public static CSharpCompilation Compile(
        IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, string assemblyName = "Scenario", bool checkOverflow = false)
    {
        CSharpParseOptions options = ParseOptions(version);
        SyntaxTree[] trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, options, path: "Input" + i + ".cs")).ToArray();
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                checkOverflow: checkOverflow,
                warningLevel: 9999,
                deterministic: true));
    }

    /// <summary>Runs the generator on <paramref name="source"/>.</summary>
    public static GeneratorRun Run(string source, LanguageVersion version = LanguageVersion.Latest) => Run(new[] { source }, version);

    /// <summary>Runs the generator on <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest) =>
        Run(Compile(sources, version));

    /// <summary>Runs a fresh driver on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        return RunAgain(driver, compilation);
    }

    /// <summary>Runs <paramref name="driver"/> (which may hold state from an earlier run) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun RunAgain(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
        return new GeneratorRun(compilation, output, driver, diagnostics);
    }

    /// <summary>A driver that tracks every step, parsing generated files with <paramref name="options"/>.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions options) =>
        CSharpGeneratorDriver.Create(
            new[] { new TaggedPointerGenerator().AsSourceGenerator() },
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Emits the output compilation and loads it.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
