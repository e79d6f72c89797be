using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// Runs the taint analysis over one control-flow graph to a fixed point, then once more with an observer so every sink
/// and dereference is reported exactly once with the state that reaches it. Lambdas and local functions are analyzed
/// with their own graphs, starting from everything the enclosing body may have tagged (captured variables).
/// </summary>
internal static class TaintAnalysis
{
    private const int MaxNesting = 8;

    /// <summary>Analyzes <paramref name="graph"/> and its nested functions.</summary>
    public static void Run(ControlFlowGraph graph, KnownSymbols symbols, ITaintObserver observer, ISymbol? scope, CancellationToken cancellationToken) =>
        Run(graph, symbols, observer, scope, TaintState.Empty(), 0, cancellationToken);

    /// <summary>
    /// The quick screen: whether the body could report anything at all, evaluated on the operation tree without a
    /// graph, with every location read as holding every tag bit that any tagged-pointer type in the body has
    /// (<paramref name="sources"/>), except parameters, <c>this</c> and static members that no assignment in the body
    /// writes: those hold the default of their type, as in the precise analysis (<see cref="WrittenRoots"/>). Sound only when no operator in the body moves bits (shifts, multiplication,
    /// division, remainder on 64-bit values), because then every derived value's bits stay within the sources; the
    /// caller checks that. False means the precise analysis cannot report either, so its graph is never built.
    /// </summary>
    public static bool MayReport(IOperation body, KnownSymbols symbols, ulong sources, ISymbol? scope)
    {
        var screen = new Screen();
        new TaintWalker(symbols, TaintState.Empty(), screen, scope, null, sources, WrittenRoots.Of(body)).Eval(body);
        return screen.Hit;
    }

    /// <summary>
    /// Analyzes a body that <see cref="StraightLine.IsForTaint"/> accepts by walking its tree once, in execution order,
    /// with the observer: the body has one path, so that walk sees every operation with the state the graph's fixed
    /// point would give it, without building the graph.
    /// </summary>
    public static void RunInOrder(IBlockOperation body, KnownSymbols symbols, ITaintObserver observer, ISymbol? scope) =>
        new TaintWalker(symbols, TaintState.Empty(), observer, scope, lambdas: null).Eval(body);

    private static void Run(ControlFlowGraph graph, KnownSymbols symbols, ITaintObserver observer, ISymbol? scope, TaintState entry, int depth, CancellationToken cancellationToken)
    {
        TaintState[] inputs = ForwardDataflow.Run(
            graph,
            entry,
            (block, state) => TaintWalker.Transfer(symbols, block, state, null, scope, null),
            (left, right) => TaintState.Join(left, right, symbols.TagMaskOfFunction),
            (left, right) => left.SameAs(right),
            cancellationToken);

        var lambdas = new List<IFlowAnonymousFunctionOperation>();
        TaintState everything = entry;
        foreach (BasicBlock block in graph.Blocks)
        {
            TaintState output = TaintWalker.Transfer(symbols, block, inputs[block.Ordinal], observer, scope, lambdas);
            everything = TaintState.Join(everything, output, symbols.TagMaskOfFunction);
        }

        if (depth >= MaxNesting)
        {
            return;
        }

        foreach (IFlowAnonymousFunctionOperation lambda in lambdas)
        {
            ControlFlowGraph nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
            Run(nested, symbols, observer, lambda.Symbol, everything, depth + 1, cancellationToken);
        }

        foreach (IMethodSymbol localFunction in graph.LocalFunctions)
        {
            ControlFlowGraph nested = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
            Run(nested, symbols, observer, localFunction, everything, depth + 1, cancellationToken);
        }
    }

    private sealed class Screen : ITaintObserver
    {
        public bool Hit { get; private set; }

        public void OnSink(IOperation value, ulong mask, ISymbol sink, ISymbol? scope) => Hit |= mask != 0;

        public void OnDereference(IOperation pointer, ulong mask, IOperation dereference) => Hit = true;
    }
}
