using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// A forward dataflow fixed point over a <see cref="ControlFlowGraph"/>: the state entering every basic block, given
/// the state at entry, a block transfer function and a join for merge points.
/// </summary>
/// <remarks>
/// Handlers (catch, filter, finally) and other reachable blocks that no edge reaches start from the entry state: the
/// rules built on this either lose a little precision there (taint) or report less (kernel order), never more.
/// Unreachable blocks (code after a <c>goto</c> or a <c>return</c>, the dead branch of a constant condition) never
/// run, so no state flows into them or out of them: each is looked at from the entry state. (Their state used to flow
/// on: merged into the block after them, at a label the live path jumps to, it erased the live path's kernel facts and
/// added taint that no run can carry.) The iteration count is bounded, so a transfer function that is not monotone
/// cannot hang the compiler.
/// </remarks>
internal static class ForwardDataflow
{
    private const int MaxVisitsPerBlock = 64;

    /// <summary>Computes the state entering each block, indexed by <see cref="BasicBlock.Ordinal"/>.</summary>
    public static TState[] Run<TState>(
        ControlFlowGraph graph,
        TState entry,
        Func<BasicBlock, TState, TState> transfer,
        Func<TState, TState, TState> join,
        Func<TState, TState, bool> same,
        CancellationToken cancellationToken)
        where TState : class
    {
        int count = graph.Blocks.Length;
        var input = new TState?[count];
        var queued = new bool[count];
        var queue = new Queue<int>();
        for (int i = 0; i < count; i++)
        {
            BasicBlock block = graph.Blocks[i];
            if (i == 0 || (block.IsReachable && block.Predecessors.IsEmpty))
            {
                Seed(i);
            }
        }

        // A handler starts where an exception arrives, not at an edge, so its first block starts from the entry state
        // even when an edge leads there too: a loop at the top of a catch gives it the loop's back edge, and it used to
        // wait for that edge forever, leaving the whole handler unanalyzed. (Regions nest as deep as the code: a stack,
        // not recursion.)
        var regions = new Stack<ControlFlowRegion>();
        regions.Push(graph.Root);
        while (regions.Count > 0)
        {
            foreach (ControlFlowRegion nested in regions.Pop().NestedRegions)
            {
                if (nested.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally &&
                    graph.Blocks[nested.FirstBlockOrdinal].IsReachable && input[nested.FirstBlockOrdinal] is null)
                {
                    Seed(nested.FirstBlockOrdinal);
                }

                regions.Push(nested);
            }
        }

        int budget = (count + 1) * MaxVisitsPerBlock;
        while (queue.Count > 0 && budget-- > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int ordinal = queue.Dequeue();
            queued[ordinal] = false;
            BasicBlock block = graph.Blocks[ordinal];
            TState output = transfer(block, input[ordinal] ?? entry);
            Propagate(block.FallThroughSuccessor?.Destination, output);
            Propagate(block.ConditionalSuccessor?.Destination, output);
        }

        var result = new TState[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = input[i] ?? entry;
        }

        return result;

        void Seed(int ordinal)
        {
            input[ordinal] = entry;
            queue.Enqueue(ordinal);
            queued[ordinal] = true;
        }

        void Propagate(BasicBlock? successor, TState output)
        {
            if (successor is null)
            {
                return;
            }

            int target = successor.Ordinal;
            if (!successor.IsReachable)
            {
                // A dead branch or dead code: it keeps the entry state, given at the end, and passes nothing on.
                return;
            }

            TState? previous = input[target];
            TState merged = previous is null ? output : join(previous, output);
            if (previous is null || !same(previous, merged))
            {
                input[target] = merged;
                if (!queued[target])
                {
                    queued[target] = true;
                    queue.Enqueue(target);
                }
            }
        }
    }
}
