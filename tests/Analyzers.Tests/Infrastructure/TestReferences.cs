using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>
/// Offline references for every test: the .NET 10 reference assemblies from Basic.Reference.Assemblies (no download at
/// test time) and the TaggedPtr.Runtime assembly this repository builds.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty reference set: the real references come from <see cref="All"/>.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    /// <summary>The runtime under test.</summary>
    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(typeof(DeviceAddress).Assembly.Location);

    /// <summary>Framework references plus the runtime.</summary>
    public static ImmutableArray<MetadataReference> All { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(Runtime).ToImmutableArray();

    /// <summary>Framework references only: a compilation that does not know TaggedPtr.</summary>
    public static ImmutableArray<MetadataReference> FrameworkOnly { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>Gives a test the offline references and the project settings its getters return when it runs.</summary>
    public static void Apply(AnalyzerTest<DefaultVerifier> test, Func<bool> allowUnsafe, Func<LanguageVersion> languageVersion)
    {
        test.ReferenceAssemblies = ReferenceAssemblies;
        test.TestState.AdditionalReferences.AddRange(All);
        test.SolutionTransforms.Add((solution, projectId) => Configure(solution, projectId, allowUnsafe(), languageVersion()));
    }

    /// <summary>Turns on unsafe code (every tagged-pointer program uses pointers) and a language version.</summary>
    public static Solution Configure(Solution solution, ProjectId projectId, bool allowUnsafe, LanguageVersion languageVersion)
    {
        Project? project = solution.GetProject(projectId);
        if (project?.CompilationOptions is CSharpCompilationOptions options)
        {
            solution = solution.WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(allowUnsafe));
        }

        if (project?.ParseOptions is CSharpParseOptions parse)
        {
            solution = solution.WithProjectParseOptions(projectId, parse.WithLanguageVersion(languageVersion));
        }

        return solution;
    }
}
