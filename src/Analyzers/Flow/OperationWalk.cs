using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// Every operation under a root, the root included, for <c>foreach</c>: parents before their children, siblings in no
/// promised order. It replaces <c>DescendantsAndSelf()</c> in the scans that run on every body: Roslyn's iterator
/// allocates an iterator and a stack of enumerators per call, which on a compilation of small bodies made the scans
/// cost more than the analyses they screen for. This walk keeps one explicit stack per thread (never recursion, so no
/// expression is too deep for it) and allocates nothing once that stack has grown.
/// </summary>
internal struct OperationWalk : IDisposable
{
    // A stack this large is dropped rather than kept, so a long-lived host (the IDE) keeps little after one huge body.
    private const int MaxKeptCapacity = 4096;

    [ThreadStatic]
    private static Stack<IOperation>? t_spare;

    private readonly bool _enterNestedFunctions;
    private Stack<IOperation>? _pending;
    private IOperation? _current;
    private int _peak;

    private OperationWalk(IOperation root, bool enterNestedFunctions)
    {
        _enterNestedFunctions = enterNestedFunctions;
        // Taken from the thread, not shared: a walk nested in another (a callback that walks a subtree) gets its own.
        _pending = t_spare ?? new Stack<IOperation>();
        t_spare = null;
        _pending.Push(root);
        _current = null;
        _peak = 1;
    }

    /// <summary>
    /// The walk of <paramref name="root"/>. With <paramref name="enterNestedFunctions"/> false, lambdas and local
    /// functions are visited but not what is inside them.
    /// </summary>
    public static OperationWalk Of(IOperation root, bool enterNestedFunctions = true) => new(root, enterNestedFunctions);

    /// <summary>The current operation.</summary>
    public readonly IOperation Current => _current!;

    /// <summary>For <c>foreach</c>.</summary>
    public readonly OperationWalk GetEnumerator() => this;

    /// <summary>Advances to the next operation: the children of the current one are queued first.</summary>
    public bool MoveNext()
    {
        Stack<IOperation>? pending = _pending;
        if (pending is null)
        {
            return false;
        }

        if (_current is { } previous && (_enterNestedFunctions || previous is not (IAnonymousFunctionOperation or ILocalFunctionOperation)))
        {
            foreach (IOperation child in previous.ChildOperations)
            {
                pending.Push(child);
            }
        }

        if (pending.Count > _peak)
        {
            _peak = pending.Count;
        }

        if (pending.Count == 0)
        {
            _current = null;
            return false;
        }

        _current = pending.Pop();
        return true;
    }

    /// <summary>Gives the stack back to the thread.</summary>
    public void Dispose()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            if (_peak <= MaxKeptCapacity)
            {
                pending.Clear();
                t_spare = pending;
            }
        }
    }
}
