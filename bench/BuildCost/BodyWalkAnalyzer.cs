using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

// Rules for analyzers that ship (target framework, extended rules, release tracking) do not apply: this one is created
// in this process by the harness and never loaded by a compiler.
#pragma warning disable RS1041, RS1036, RS2008

/// <summary>
/// Asks the driver for what TaggedPtr's analyzers ask for (every body's operation block, every invocation) and does
/// nothing with it: the allocations of an analysis pass with this analyzer are the driver's share, so a pass with
/// TaggedPtr's analyzers minus this one is what those analyzers allocate themselves.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BodyWalkAnalyzer : DiagnosticAnalyzer
{
    // A driver skips an analyzer none of whose diagnostics is enabled, so this one declares one it never reports.
    private static readonly DiagnosticDescriptor Unused = new(
        "TPBENCH0001", "Unused", "Unused", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterOperationBlockAction(_ => { });
        context.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.ObjectCreation);
    }
}
