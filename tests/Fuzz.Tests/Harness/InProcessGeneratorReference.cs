using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Hands the workspace the generator instances themselves, as the IDE does with the package's analyzer assembly, so the
/// documents a code fix sees have the generated members (no file loading, no second copy of the assembly).
/// </summary>
internal sealed class InProcessGeneratorReference : AnalyzerReference
{
    private readonly ImmutableArray<ISourceGenerator> _generators;

    /// <summary>A reference carrying <paramref name="generators"/>.</summary>
    public InProcessGeneratorReference(ImmutableArray<IIncrementalGenerator> generators) =>
        _generators = generators.Select(GeneratorExtensions.AsSourceGenerator).ToImmutableArray();

    /// <inheritdoc/>
    public override string FullPath => "/fuzz/analyzers/TaggedPtr.Generator.dll";

    /// <inheritdoc/>
    public override string Display => "TaggedPtr.Generator (in process)";

    /// <inheritdoc/>
    public override object Id => this;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => ImmutableArray<DiagnosticAnalyzer>.Empty;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => ImmutableArray<DiagnosticAnalyzer>.Empty;

    /// <inheritdoc/>
    public override ImmutableArray<ISourceGenerator> GetGenerators(string language) =>
        language == LanguageNames.CSharp ? _generators : ImmutableArray<ISourceGenerator>.Empty;

    /// <inheritdoc/>
    public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;

    /// <inheritdoc/>
    [Obsolete("Use GetGenerators(string language) or GetGeneratorsForAllLanguages().")]
    public override ImmutableArray<ISourceGenerator> GetGenerators() => _generators;
}
