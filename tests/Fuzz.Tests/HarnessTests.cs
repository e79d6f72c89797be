using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using TaggedPtr.Fuzz.Tests.Harness;

namespace TaggedPtr.Fuzz.Tests;

/// <summary>
/// The harness notices what it exists to notice: a generator, an analyzer or a code fix that throws fails the input. A
/// passing fuzz run means something only if these fail when they should.
/// </summary>
public sealed class HarnessTests
{
    // One valid wrapper and one that is not partial (TPTR0010, which "make partial" fixes).
    private const string Replay = """
        //# seed: 0x0000000000000001
        //# langversion: latest
        //# unsafe: true
        //# origin: hand-written
        //# file: /fuzz/Wrappers.cs
        using TaggedPtr;

        namespace Demo;

        public struct Node { public long Value; }

        [TaggedPointer(typeof(Node))]
        [TagField("Version", Bits = 5)]
        public readonly partial struct NodePtr;

        [TaggedPointer(typeof(Node))]
        public readonly struct Whole { }

        """;

    private static readonly FuzzInput Input = FuzzInput.FromReplayText(Replay);

    [Fact]
    public async Task The_shipped_components_pass_the_sample_input()
    {
        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(Input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal(2, result.Counts.WrappersChecked);
        Assert.Equal(1, result.Counts.GeneratedFiles);
        Assert.True(result.Counts.FixesApplied >= 1);
        Assert.Contains("TPTR0010", result.RuleIds);
    }

    [Fact]
    public async Task A_throwing_generator_fails_the_input()
    {
        var components = new Components(
            ImmutableArray.Create<IIncrementalGenerator>(new ThrowingGenerator()), Components.Shipped.Analyzers, Components.Shipped.CodeFixes);

        FuzzResult result = await new FuzzPipeline(components).RunAsync(Input, fixAll: false, CancellationToken.None);

        Assert.Contains(result.Failures, failure => failure.Contains("CS8785", StringComparison.Ordinal));
        Assert.Contains(result.Failures, failure => failure.Contains(nameof(ThrowingGenerator) + " threw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_analyzer_fails_the_input()
    {
        var components = new Components(
            Components.Shipped.Generators, Components.Shipped.Analyzers.Add(new ThrowingAnalyzer()), Components.Shipped.CodeFixes);

        FuzzResult result = await new FuzzPipeline(components).RunAsync(Input, fixAll: false, CancellationToken.None);

        Assert.Contains(result.Failures, failure => failure.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_code_fix_fails_the_input()
    {
        var components = new Components(
            Components.Shipped.Generators, Components.Shipped.Analyzers, ImmutableArray.Create<CodeFixProvider>(new ThrowingCodeFix()));

        FuzzResult result = await new FuzzPipeline(components).RunAsync(Input, fixAll: false, CancellationToken.None);

        Assert.Contains(result.Failures, failure => failure.StartsWith("code fix threw: " + nameof(ThrowingCodeFix), StringComparison.Ordinal));
    }

    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (_, _) => throw new InvalidOperationException("deliberate"));
    }

#pragma warning disable RS1036 // A test double, never shipped.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1036
    {
#pragma warning disable RS2008 // A test double's rule: never released, so never tracked.
        private static readonly DiagnosticDescriptor Rule = new("FUZZ0001", "Never", "Never", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("deliberate"), SymbolKind.NamedType);
        }
    }

    private sealed class ThrowingCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TPTR0010");

        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => throw new InvalidOperationException("deliberate");
    }
}
