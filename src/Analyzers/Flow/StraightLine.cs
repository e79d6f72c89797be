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
    public static bool Is(IOperation body)
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
                if (@return.ReturnedValue is { } value && !IsSequentialExpression(value))
                {
                    return false;
                }

                continue;
            }

            if (!IsSequentialStatement(statement))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSequentialStatement(IOperation statement) => statement switch
    {
        IExpressionStatementOperation expression => IsSequentialExpression(expression.Operation),
        IVariableDeclarationGroupOperation declarations => IsSequentialExpression(declarations),
        IBlockOperation nested => Is(nested) && !EndsWithReturn(nested),
        IEmptyOperation => true,
        _ => false,
    };

    private static bool EndsWithReturn(IBlockOperation block) =>
        block.Operations.Length > 0 && block.Operations[block.Operations.Length - 1] is IReturnOperation;

    private static bool IsSequentialExpression(IOperation root)
    {
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IConditionalOperation:
                case ICoalesceOperation:
                case ICoalesceAssignmentOperation:
                case IConditionalAccessOperation:
                case ISwitchExpressionOperation:
                case IIsPatternOperation:
                case IThrowOperation:
                case IInterpolatedStringOperation:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                case IBinaryOperation { OperatorMethod: not null }:
                case IUnaryOperation { OperatorMethod: not null }:
                    return false;
                case IBranchOperation:
                case ILoopOperation:
                case ISwitchOperation:
                case ITryOperation:
                case IUsingOperation:
                case IUsingDeclarationOperation:
                case ILockOperation:
                case ILabeledOperation:
                case IReturnOperation:
                    return false;
            }
        }

        return true;
    }
}
