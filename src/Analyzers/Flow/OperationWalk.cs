using System;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// Every operation under a root, the root included, for <c>foreach</c>: parents before their children, siblings in no
/// promised order. It replaces <c>DescendantsAndSelf()</c> in the scans that run on every body: Roslyn's iterator
/// allocates an iterator and a stack of enumerators per call, which on a compilation of small bodies made the scans
/// cost more than the analyses they screen for. This walk keeps a few explicit stacks per thread (never recursion, so
/// no expression is too deep for it) and allocates nothing once they have grown.
/// </summary>
internal struct OperationWalk : IDisposable
{
    // A stack this large is dropped rather than kept, so a long-lived host (the IDE) keeps little after one huge body.
    private const int MaxKeptCapacity = 4096;

    // Walks nest (a scan that checks a subtree walks it too), so a thread keeps a few stacks, not one.
    private const int KeptStacks = 4;

    [ThreadStatic]
    private static Entry[]?[]? t_spares;

    private readonly bool _enterNestedFunctions;
    private readonly IOperation _root;
    private Entry[]? _pending;
    private int _count;
    private IOperation? _current;

    private OperationWalk(IOperation root, bool enterNestedFunctions)
    {
        _enterNestedFunctions = enterNestedFunctions;
        _root = root;
        _pending = null;
        _count = 0;
        _current = null;
    }

    /// <summary>
    /// The walk of <paramref name="root"/>. With <paramref name="enterNestedFunctions"/> false, lambdas and local
    /// functions are visited but not what is inside them.
    /// </summary>
    public static OperationWalk Of(IOperation root, bool enterNestedFunctions = true) => new(root, enterNestedFunctions);

    /// <summary>The current operation.</summary>
    public readonly IOperation Current => _current!;

    /// <summary>
    /// For <c>foreach</c>: the enumerator, which alone holds a stack (taken from the thread here, given back by its
    /// <see cref="Dispose"/>), so a copy of the walk can never give the same stack back twice.
    /// </summary>
    public readonly OperationWalk GetEnumerator()
    {
        OperationWalk enumerator = this;
        // Taken from the thread, not shared: a walk nested in another gets a stack of its own.
        enumerator._pending = Take() ?? new Entry[64];
        enumerator._pending[0].Operation = _root;
        enumerator._count = 1;
        return enumerator;
    }

    /// <summary>Advances to the next operation: the children of the current one are queued first.</summary>
    public bool MoveNext()
    {
        if (_pending is null)
        {
            return false;
        }

        if (_current is { } previous && (_enterNestedFunctions || previous.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction)))
        {
            foreach (IOperation child in previous.ChildOperations)
            {
                if (_count == _pending.Length)
                {
                    Array.Resize(ref _pending, _pending.Length * 2);
                }

                _pending[_count++].Operation = child;
            }
        }

        if (_count == 0)
        {
            _current = null;
            return false;
        }

        _count--;
        _current = _pending[_count].Operation;
        _pending[_count].Operation = null;
        return true;
    }

    /// <summary>Gives the stack back to the thread.</summary>
    public void Dispose()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            if (pending.Length <= MaxKeptCapacity)
            {
                Array.Clear(pending, 0, _count);
                Keep(pending);
            }
        }
    }

    private static Entry[]? Take()
    {
        Entry[]?[]? spares = t_spares;
        if (spares is not null)
        {
            for (int i = 0; i < spares.Length; i++)
            {
                if (spares[i] is { } spare)
                {
                    spares[i] = null;
                    return spare;
                }
            }
        }

        return null;
    }

    private static void Keep(Entry[] stack)
    {
        Entry[]?[] spares = t_spares ??= new Entry[]?[KeptStacks];
        for (int i = 0; i < spares.Length; i++)
        {
            if (spares[i] is null)
            {
                spares[i] = stack;
                return;
            }
        }
    }

    // A struct element: storing into an array of an interface type would check the element's type on every store.
    private struct Entry
    {
        public IOperation? Operation;
    }
}
