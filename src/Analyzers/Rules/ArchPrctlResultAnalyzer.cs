using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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

            start.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.ExpressionStatement);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        IOperation? expression = ((IExpressionStatementOperation)context.Operation).Operation;
        while (expression is IConversionOperation conversion)
        {
            expression = conversion.Operand;
        }

        if (expression is IInvocationOperation { TargetMethod: { Name: "ArchPrctl" or "PtraceArchPrctl" } method } invocation &&
            method.ReturnType.SpecialType == SpecialType.System_Int64 &&
            symbols.IsRuntimeType(method.ContainingType, "SimThread"))
        {
            string text = invocation.Syntax.ToString().Replace("\r", string.Empty).Replace("\n", " ");
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ArchPrctlResultIgnored, invocation.Syntax.GetLocation(), text));
        }
    }
}
