using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// What one walk over an operation block finds for the rules that read bodies: the tag bits of the tagged values in it
/// (the taint analysis starts only where there are some), whether an operator could move bits out of them, the calls
/// whose constant tag TPTR0003 checks, and the raw <c>arch_prctl</c> calls used as statements (TPTR0009).
/// </summary>
/// <remarks>
/// The walk is shared: the driver hands every analyzer the same operation blocks, so the first analyzer that asks
/// walks the block and the others read the result. Before, TPTR0003 and TPTR0009 were operation actions. Their own work
/// was small, but the driver called them back once for every invocation, object creation and statement of every body,
/// and in a build with <c>/reportanalyzer</c> those callbacks were charged about a fifth of the analyzers' time
/// (docs/benchmarks.md). Now they cost one callback per body, which usually finds the walk already done.
/// </remarks>
internal sealed class BodySurvey
{
    private static readonly IReadOnlyList<IOperation> None = new IOperation[0];
    private static readonly IReadOnlyList<IInvocationOperation> NoCalls = new IInvocationOperation[0];

    // Weak in the block, which the compiler's semantic model holds while any analyzer can still ask for it.
    private static readonly ConditionalWeakTable<IOperation, BodySurvey> Surveys = new();

    private BodySurvey(ulong sources, bool movesBits, IReadOnlyList<IOperation> tagRangeCalls, IReadOnlyList<IInvocationOperation> droppedArchPrctlCalls)
    {
        Sources = sources;
        MovesBits = movesBits;
        TagRangeCalls = tagRangeCalls;
        DroppedArchPrctlCalls = droppedArchPrctlCalls;
    }

    /// <summary>Every tag bit of every tagged-pointer type a value in the block has; 0 when there is none.</summary>
    public ulong Sources { get; }

    /// <summary>True when a shift, multiplication, division or remainder works on a value that can hold an address.</summary>
    public bool MovesBits { get; }

    /// <summary>
    /// Invocations named <c>FromAddress</c> or <c>With…</c>, and creations of the runtime's tagged-pointer types: the
    /// only operations whose constant tag TPTR0003 checks (it checks their target method further).
    /// </summary>
    public IReadOnlyList<IOperation> TagRangeCalls { get; }

    /// <summary>
    /// Calls of a method named <c>ArchPrctl</c> or <c>PtraceArchPrctl</c> that are a statement's whole expression (under
    /// its conversions), so their result is dropped (TPTR0009 checks the method further).
    /// </summary>
    public IReadOnlyList<IInvocationOperation> DroppedArchPrctlCalls { get; }

    /// <summary>The survey of <paramref name="block"/>, made on the first request for that block.</summary>
    public static BodySurvey Of(IOperation block, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        if (Surveys.TryGetValue(block, out BodySurvey? survey))
        {
            return survey;
        }

        // Two analyzers may walk the same block at once; both get the survey that was stored first.
        BodySurvey created = Walk(block, symbols, cancellationToken);
        return Surveys.GetValue(block, _ => created);
    }

    private static BodySurvey Walk(IOperation block, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        ulong sources = 0;
        bool movesBits = false;
        List<IOperation>? tagRangeCalls = null;
        List<IInvocationOperation>? droppedArchPrctlCalls = null;
        // Neighbouring operations mostly share a type: one remembered answer saves most of the symbol-keyed lookups.
        ITypeSymbol? lastType = null;
        ulong lastMask = 0;
        foreach (IOperation operation in OperationWalk.Of(block))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ITypeSymbol? type = operation.Type;
            if (!ReferenceEquals(type, lastType))
            {
                lastType = type;
                lastMask = symbols.TagMaskOf(type);
            }

            sources |= lastMask;
            // Kind before any interface test: the survey sees every operation of every body.
            BinaryOperatorKind kind = BinaryOperatorKind.None;
            switch (operation.Kind)
            {
                case OperationKind.Binary when operation is IBinaryOperation { OperatorMethod: null } binary:
                    kind = binary.OperatorKind;
                    break;
                case OperationKind.CompoundAssignment when operation is ICompoundAssignmentOperation { OperatorMethod: null } compound:
                    kind = compound.OperatorKind;
                    break;
                case OperationKind.Invocation when IsTagRangeCallName(((IInvocationOperation)operation).TargetMethod.Name):
                    (tagRangeCalls ??= new List<IOperation>()).Add(operation);
                    break;
                case OperationKind.ObjectCreation when symbols.IsRuntimeTaggedPtr(type):
                    (tagRangeCalls ??= new List<IOperation>()).Add(operation);
                    break;
                case OperationKind.ExpressionStatement when DroppedArchPrctlCall((IExpressionStatementOperation)operation) is { } call:
                    (droppedArchPrctlCalls ??= new List<IInvocationOperation>()).Add(call);
                    break;
            }

            if (kind is BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift
                    or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder &&
                type is not null && symbols.CanHoldAddress(type))
            {
                movesBits = true;
            }
        }

        return new BodySurvey(sources, movesBits, tagRangeCalls ?? None, droppedArchPrctlCalls ?? NoCalls);
    }

    private static bool IsTagRangeCallName(string name) =>
        name == "FromAddress" || (name.Length > 4 && name.StartsWith("With", System.StringComparison.Ordinal));

    private static IInvocationOperation? DroppedArchPrctlCall(IExpressionStatementOperation statement)
    {
        IOperation? expression = statement.Operation;
        while (expression is IConversionOperation conversion)
        {
            expression = conversion.Operand;
        }

        return expression is IInvocationOperation { TargetMethod.Name: "ArchPrctl" or "PtraceArchPrctl" } call ? call : null;
    }
}
