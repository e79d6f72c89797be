using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// The pipeline caches: an edit elsewhere re-runs nothing that matters and regenerates no file; an edit to the wrapper
/// does regenerate it.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps =
    {
        TrackingNames.Declarations, TrackingNames.Wrappers, TrackingNames.GenericDeclarations, TrackingNames.GenericWrappers,
    };

    private const string Wrappers = """
        using TaggedPtr;

        namespace Demo
        {
            [TaggedPointer(typeof(Node))]
            [TagField("Version", Bits = 5)]
            public readonly partial struct NodePtr
            {
            }

            [TaggedPointer<Node>(Scheme = TagScheme.LamU48)]
            public readonly partial struct WidePtr
            {
            }

            /// <summary>A node.</summary>
            public struct Node
            {
                /// <summary>Payload.</summary>
                public long Value;
            }
        }
        """;

    private const string Unrelated = """
        namespace Demo
        {
            /// <summary>Unrelated code.</summary>
            public static class Helpers
            {
                /// <summary>Twice.</summary>
                public static int Twice(int x) => x * 2;
            }
        }
        """;

    [Fact]
    public void Every_step_is_tracked_by_name()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { Wrappers, Unrelated }).AssertClean();

        foreach (string step in Steps)
        {
            Assert.True(run.Result.TrackedSteps.ContainsKey(step), step);
        }

        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged_and_regenerates_nothing()
    {
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrappers, Unrelated }).AssertClean();
        CSharpCompilation edited = Replace(first.Input, 1, Unrelated.Replace("x * 2", "x + x"));

        GeneratorRun second = GeneratorHarness.RunAgain(first.Driver, edited);

        AssertAllOutputs(second, Steps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(
            second.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Adding_a_file_regenerates_nothing()
    {
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrappers }).AssertClean();
        CSharpCompilation added = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, (CSharpParseOptions)first.Input.SyntaxTrees[0].Options, "Added.cs"));

        GeneratorRun second = GeneratorHarness.RunAgain(first.Driver, added);

        AssertAllOutputs(second, Steps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(
            second.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Whitespace_edit_in_the_wrapper_file_gives_an_unchanged_model()
    {
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrappers, Unrelated }).AssertClean();
        CSharpCompilation edited = Replace(first.Input, 0, Wrappers.Replace("public readonly partial struct NodePtr", "public  readonly  partial  struct  NodePtr"));

        GeneratorRun second = GeneratorHarness.RunAgain(first.Driver, edited);

        AssertAllOutputs(second, new[] { TrackingNames.Wrappers }, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void Editing_the_wrapper_regenerates_it()
    {
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrappers, Unrelated }).AssertClean();
        CSharpCompilation edited = Replace(first.Input, 0, Wrappers.Replace("Bits = 5", "Bits = 4"));

        GeneratorRun second = GeneratorHarness.RunAgain(first.Driver, edited);

        var reasons = Outputs(second, TrackingNames.Wrappers).Select(o => o.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("WithVersion", second.Sources.Single(s => s.HintName == "Demo.NodePtr.g.cs").SourceText.ToString());
        Assert.Contains("15UL", second.Sources.Single(s => s.HintName == "Demo.NodePtr.g.cs").SourceText.ToString());
        Assert.NotEqual(Texts(first), Texts(second));
    }

    [Fact]
    public void Editing_the_pointee_in_another_file_reaches_the_wrapper()
    {
        const string Wrapper = """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Item))]
                [LowTagField("Mark", Bits = 3)]
                public readonly partial struct ItemPtr
                {
                }
            }
            """;
        const string Pointee = """
            namespace Demo
            {
                /// <summary>An item.</summary>
                public struct Item
                {
                    /// <summary>Payload.</summary>
                    public long Value;
                }
            }
            """;
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrapper, Pointee }).AssertClean();
        Assert.Single(first.Sources);

        // A 4-byte aligned pointee leaves 2 low bits: the 3-bit low field no longer fits, and the file disappears.
        GeneratorRun narrowed = GeneratorHarness.RunAgain(first.Driver, Replace(first.Input, 1, Pointee.Replace("long Value", "int Value")));
        Assert.Empty(narrowed.Sources);

        GeneratorRun widened = GeneratorHarness.RunAgain(narrowed.Driver, Replace(narrowed.Input, 1, Pointee));
        Assert.Equal(Texts(first), Texts(widened));
    }

    [Fact]
    public void Removing_the_attribute_removes_the_file()
    {
        GeneratorRun first = GeneratorHarness.Run(new[] { Wrappers }).AssertClean();
        GeneratorRun second = GeneratorHarness.RunAgain(first.Driver, Replace(first.Input, 0, Wrappers.Replace("[TaggedPointer(typeof(Node))]", string.Empty)));

        Assert.Equal(new[] { "Demo.WidePtr.g.cs" }, second.Sources.Select(s => s.HintName).ToArray());
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, old.FilePath));
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs)
            : Enumerable.Empty<(object, IncrementalStepRunReason)>();

    private static void AssertAllOutputs(GeneratorRun run, IEnumerable<string> steps, params IncrementalStepRunReason[] allowed)
    {
        int seen = 0;
        foreach (string step in steps)
        {
            foreach ((object _, IncrementalStepRunReason reason) in Outputs(run, step))
            {
                Assert.Contains(reason, allowed);
                seen++;
            }
        }

        Assert.True(seen > 0, "no tracked output was seen");
    }

    private static string[] Texts(GeneratorRun run) => run.Sources.Select(s => s.HintName + "\n" + s.SourceText).ToArray();
}
