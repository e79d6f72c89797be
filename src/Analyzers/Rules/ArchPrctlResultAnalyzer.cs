using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Rules;

/// <summary>
/// TPTR0009: the raw <c>arch_prctl</c> forms (<c>SimThread.ArchPrctl</c>, <c>SimThread.PtraceArchPrctl</c>) report
/// failure only as a negative return value; a call used as a statement drops it. An explicit discard (<c>_ = …</c>)
/// says the caller meant it and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArchPrctlResultAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ArchPrctlResultIgnored);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed: a dropped result there is not the user's to fix.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysis.Flags);
        context.EnableConcurrentExecution();
        KnownSymbols.WhenRuntimeIsReferenced(context, (start, symbols) =>
        {
            if (symbols.SimThread is null)
            {
                return;
            }

            // One callback per body, not one per statement: the survey of the body names the few statements to check.
            start.RegisterOperationBlockAction(block => Analyze(block, symbols));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, KnownSymbols symbols)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (IInvocationOperation call in BodySurvey.Of(block, symbols, context.CancellationToken).DroppedArchPrctlCalls)
            {
                IMethodSymbol method = call.TargetMethod;
                if (method.ReturnType.SpecialType == SpecialType.System_Int64 && symbols.IsRuntimeType(method.ContainingType, "SimThread"))
                {
                    string text = call.Syntax.ToString().Replace("\r", string.Empty).Replace("\n", " ");
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ArchPrctlResultIgnored, call.Syntax.GetLocation(), text));
                }
            }
        }
    }
}
