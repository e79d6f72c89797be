using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// The same golden output checked through Microsoft.CodeAnalysis.Testing, which also compiles the result in a
/// workspace: a second, independent harness for the example.
/// </summary>
public sealed class TestingLibraryTests
{
    [Theory]
    [InlineData("IssueExample")]
    [InlineData("GenericNestedType")]
    [InlineData("RecordStruct")]
    public async Task Golden_output_passes_the_testing_library(string name)
    {
        Scenario scenario = Scenarios.Get(name);
        string expected = File.ReadAllText(Path.Combine(GoldenFile.Directory, name + ".verified.cs"));

        // Roslyn 5.9 checksums generated files with SHA-256 and 4.x with SHA-1, and the library compares the algorithm
        // too: take it from a real run instead of fixing it (toolchain notes, "checksum pitfall").
        SourceHashAlgorithm algorithm = GeneratorHarness.Run(scenario.Source).Sources[0].SourceText.ChecksumAlgorithm;

        var test = new CSharpSourceGeneratorTest<TaggedPointerGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestState =
            {
                Sources = { scenario.Source },
                GeneratedSources = { (typeof(TaggedPointerGenerator), scenario.HintName, SourceText.From(expected, Encoding.UTF8, algorithm)) },
            },
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            return solution
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithAllowUnsafe(true))
                .WithProjectParseOptions(projectId, GeneratorHarness.ParseOptions());
        });

        await test.RunAsync();
    }
}
