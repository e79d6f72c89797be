using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// Recognises bodies whose control-flow graph is a single path: statements run in the order of the operation tree,
/// children before their parent, so a walk of the tree sees what a walk of the graph would.
/// </summary>
/// <remarks>
/// Anything that branches, loops, jumps, yields, protects (try, using, lock), throws, or evaluates an operand
/// conditionally (<c>?:</c>, <c>??</c>, <c>?.</c>, <c>&amp;&amp;</c>, <c>||</c>, switch expressions, patterns,
/// interpolated-string handlers, user-defined operators) disqualifies the body, and so does a <c>return</c> before the
/// last statement (the graph would treat what follows as unreachable). The check errs on the strict side: it looks into
/// lambdas too, whose bodies always end in a return, so a body with a lambda keeps its graph.
/// </remarks>
internal static class StraightLine
{
    /// <summary>True when <paramref name="body"/> has exactly one path.</summary>
    public static bool Is(IOperation body) => Is(body, forTaint: false);

    /// <summary>
    /// True when the taint analysis may walk <paramref name="body"/> in tree order and get exactly what the graph gives.
    /// Stricter than <see cref="Is(IOperation)"/> where the graph's lowering carries taint the tree does not show
    /// (object and collection initializers, <c>with</c>, anonymous objects, deconstruction, tuples, nested functions,
    /// which the graph analyzes separately), and looser in one place: a value-typed <c>?:</c> whose branches write
    /// nothing. Both branches then start from the same state and leave it unchanged, so joining their values is
    /// what the graph's join of the two paths computes.
    /// </summary>
    public static bool IsForTaint(IOperation body) => Is(body, forTaint: true);

    private static bool Is(IOperation body, bool forTaint)
    {
        if (body is not IBlockOperation block)
        {
            return false;
        }

        for (int i = 0; i < block.Operations.Length; i++)
        {
            IOperation statement = block.Operations[i];
            bool last = i == block.Operations.Length - 1;
            if (statement is IReturnOperation { Kind: OperationKind.Return } @return && last)
            {
                if (@return.ReturnedValue is { } value && !IsSequentialExpression(value, forTaint))
                {
                    return false;
                }

                continue;
            }

            if (!IsSequentialStatement(statement, forTaint))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSequentialStatement(IOperation statement, bool forTaint) => statement switch
    {
        IExpressionStatementOperation expression => IsSequentialExpression(expression.Operation, forTaint),
        IVariableDeclarationGroupOperation declarations => IsSequentialExpression(declarations, forTaint),
        IBlockOperation nested => Is(nested, forTaint) && !EndsWithReturn(nested),
        IEmptyOperation => true,
        _ => false,
    };

    private static bool EndsWithReturn(IBlockOperation block) =>
        block.Operations.Length > 0 && block.Operations[block.Operations.Length - 1] is IReturnOperation;

    // Switches on Kind, not on interfaces: this runs on every operation of every candidate body, and each interface
    // test is a search of the operation class's interface list.
    private static bool IsSequentialExpression(IOperation root, bool forTaint)
    {
        foreach (IOperation operation in OperationWalk.Of(root))
        {
            switch (operation.Kind)
            {
                case OperationKind.Conditional when forTaint && IsValueChoice((IConditionalOperation)operation):
                    continue;
                case OperationKind.ObjectOrCollectionInitializer:
                case OperationKind.With:
                case OperationKind.AnonymousObjectCreation:
                case OperationKind.DeconstructionAssignment:
                case OperationKind.DeclarationExpression:
                case OperationKind.Tuple:
                case OperationKind.AnonymousFunction:
                case OperationKind.LocalFunction:
                case OperationKind.DelegateCreation:
                    if (forTaint)
                    {
                        return false;
                    }

                    break;
                case OperationKind.Binary:
                    if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } or
                        IBinaryOperation { OperatorMethod: not null })
                    {
                        return false;
                    }

                    break;
                case OperationKind.Unary:
                    if (operation is IUnaryOperation { OperatorMethod: not null })
                    {
                        return false;
                    }

                    break;
                case OperationKind.Conditional:
                case OperationKind.Coalesce:
                case OperationKind.CoalesceAssignment:
                case OperationKind.ConditionalAccess:
                case OperationKind.SwitchExpression:
                case OperationKind.IsPattern:
                case OperationKind.Throw:
                case OperationKind.InterpolatedString:
                case OperationKind.Branch:
                case OperationKind.Loop:
                case OperationKind.Switch:
                case OperationKind.Try:
                case OperationKind.Using:
                case OperationKind.UsingDeclaration:
                case OperationKind.Lock:
                case OperationKind.Labeled:
                case OperationKind.Return:
                case OperationKind.YieldReturn:
                case OperationKind.YieldBreak:
                    return false;
            }
        }

        return true;
    }

    // c ? a : b of a primitive or pointer type (no tracked fields to copy) whose branches store nothing.
    private static bool IsValueChoice(IConditionalOperation conditional)
    {
        if (conditional.IsRef || conditional.WhenFalse is null || conditional.Type is not { } type ||
            (type.SpecialType == SpecialType.None && type is not IPointerTypeSymbol))
        {
            return false;
        }

        return WritesNothing(conditional.WhenTrue) && WritesNothing(conditional.WhenFalse);
    }

    private static bool WritesNothing(IOperation branch)
    {
        foreach (IOperation operation in OperationWalk.Of(branch))
        {
            switch (operation.Kind)
            {
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                case OperationKind.DeconstructionAssignment:
                case OperationKind.Increment:
                case OperationKind.Decrement:
                case OperationKind.DeclarationExpression:
                    return false;
                case OperationKind.Argument when operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    return false;
            }
        }

        return true;
    }
}
