using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>
/// TPTR0020: Roslyn's attribute search (<c>ForAttributeWithMetadataName</c>) skips every use of a <c>using</c> alias
/// after its first in a file, so those wrappers get no code. These tests run the real generator through the Roslyn of
/// the tests: the reports below are declarations it really skipped.
/// </summary>
public sealed class RepeatedAliasTests
{
    [Fact]
    public Task LaterUsesOfALocalAliasAreReported() => AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
        using TaggedPtr;
        using TP = TaggedPtr.TaggedPointerAttribute;

        namespace App
        {
            [TP(typeof(long))] public readonly partial struct First { }
            [{|TPTR0020:TP|}(typeof(long))] public readonly partial struct Second { }
            [TaggedPointer(typeof(long))] public readonly partial struct Direct { }
            [TaggedPtr.TaggedPointer(typeof(long))] public readonly partial struct Qualified { }

            public static class Outer
            {
                [{|TPTR0020:TP|}(typeof(int))] public readonly partial struct Nested { }
            }
        }
        """.Replace("public static class Outer", "public static partial class Outer"), runGenerator: true).RunAsync();

    [Fact]
    public async Task TheMessageNamesTheWrapperAndTheAlias()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TP = TaggedPtr.TaggedPointerAttribute;

            [TP(typeof(long))] public readonly partial struct First { }
            [TP(typeof(long))] public readonly partial struct Second { }
            """, runGenerator: true);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.WrapperNotSeenByGenerator)
            .WithSpan(4, 2, 4, 4)
            .WithArguments("Second", "TP"));
        await test.RunAsync();
    }

    [Fact]
    public Task AGlobalAliasIsSkippedTheSameWay()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            [GTP(typeof(long))] public readonly partial struct First { }
            [{|TPTR0020:GTP|}(typeof(long))] public readonly partial struct Second { }
            """, runGenerator: true);
        test.TestState.Sources.Add(("/0/Aliases.cs", "global using GTP = TaggedPtr.TaggedPointerAttribute;\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task AGenericAliasIsSkippedTheSameWay() => AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
        using LongPtr = TaggedPtr.TaggedPointerAttribute<long>;

        [LongPtr] public readonly partial struct First { }
        [{|TPTR0020:LongPtr|}] public readonly partial struct Second { }
        """, runGenerator: true).RunAsync();

    [Fact]
    public Task OneUsePerFileIsSeen()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TP = TaggedPtr.TaggedPointerAttribute;

            [TP(typeof(long))] public readonly partial struct First { }
            """, runGenerator: true);
        test.TestState.Sources.Add(("/0/Second.cs", """
            using TP = TaggedPtr.TaggedPointerAttribute;

            [TP(typeof(long))] public readonly partial struct Second { }
            """));
        return test.RunAsync();
    }

    // The one alias use of the file sits on a container the generator cannot use, so no file of the generator exists
    // in the compilation at all (found by fuzzing): the skipped wrapper is still reported.
    [Fact]
    public Task TheFirstUseOnAContainerStillHidesTheWrapper() => AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
        using TP = TaggedPtr.TaggedPointerAttribute;

        [{|CS0592:TP|}(typeof(long))]
        public partial interface {|TPTR0011:IOuter|}
        {
            [{|TPTR0020:TP|}(typeof(long))] public readonly partial struct Inner { }
        }
        """, runGenerator: true).RunAsync();

    // Where a generated part exists (as it will once the compiler's search sees every use), nothing is reported.
    [Fact]
    public Task AWrapperWithAGeneratedPartIsNotReported()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TP = TaggedPtr.TaggedPointerAttribute;

            [TP(typeof(long))] public readonly partial struct First { }
            [TP(typeof(long))] public readonly partial struct Second { }
            """, runGenerator: false);
        foreach (string name in new[] { "First", "Second" })
        {
            test.TestState.Sources.Add(($"/0/TaggedPtr.Generator/TaggedPtr.Generator.TaggedPointerGenerator/{name}.g.cs", $"readonly partial struct {name} {{ }}\n"));
        }

        return test.RunAsync();
    }

    // A declaration with a problem of its own gets that problem's rule, not this one.
    [Fact]
    public Task ADeclarationProblemIsReportedInstead() => AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
        using TP = TaggedPtr.TaggedPointerAttribute;

        [TP(typeof(long))] public readonly partial struct First { }
        [TP(typeof(long))] public readonly struct {|TPTR0010:Second|} { }
        """, runGenerator: true).RunAsync();
}
