using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Generator;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Everything the package ships, found by reflection so a generator, analyzer or code fix added later is fuzzed without
/// editing this file: every <c>[Generator]</c> in TaggedPtr.Generator, every <c>[DiagnosticAnalyzer]</c> in
/// TaggedPtr.Analyzers and every <c>[ExportCodeFixProvider]</c> in TaggedPtr.Analyzers.CodeFixes, in name order.
/// </summary>
internal sealed class Components
{
    /// <summary>A set of components (tests pass deliberately broken ones to prove the harness notices).</summary>
    public Components(
        ImmutableArray<IIncrementalGenerator> generators,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        ImmutableArray<CodeFixProvider> codeFixes)
    {
        Generators = generators;
        Analyzers = analyzers;
        CodeFixes = codeFixes;
    }

    /// <summary>The shipped generators, analyzers and code fixes.</summary>
    public static Components Shipped { get; } = new(
        Discover<IIncrementalGenerator>(typeof(TaggedPointerGenerator).Assembly, type => type.GetCustomAttribute<GeneratorAttribute>() is not null),
        Discover<DiagnosticAnalyzer>(typeof(WrapperDeclarationAnalyzer).Assembly, type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null),
        Discover<CodeFixProvider>(typeof(MakePartialCodeFixProvider).Assembly, type => type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null));

    /// <summary>The incremental generators.</summary>
    public ImmutableArray<IIncrementalGenerator> Generators { get; }

    /// <summary>The diagnostic analyzers.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The code fix providers.</summary>
    public ImmutableArray<CodeFixProvider> CodeFixes { get; }

    /// <summary>Every diagnostic ID some code fix claims.</summary>
    public ImmutableHashSet<string> FixableIds => CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds).ToImmutableHashSet(StringComparer.Ordinal);

    private static ImmutableArray<T> Discover<T>(Assembly assembly, Func<Type, bool> exported)
        where T : class =>
        assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(type) && exported(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (T)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
