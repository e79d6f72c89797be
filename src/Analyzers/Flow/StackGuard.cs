using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// Keeps the recursive walks from overflowing the stack on expressions nested thousands deep (a generated sum of
/// 20,000 terms is one binary operation inside the next). A stack overflow cannot be caught: it would end the compiler
/// or the IDE. So past a depth that ordinary code never reaches, a walk asks whether the stack has room and, when it has
/// not, goes on on a fresh thread and waits for it: nothing is skipped, so no finding is lost.
/// </summary>
internal static class StackGuard
{
    /// <summary>Depth up to which a walk recurses without asking: far below what one thread's stack holds.</summary>
    public const int MaxUncheckedDepth = 64;

    /// <summary>True when the current thread's stack still has room for an ordinary recursion.</summary>
    public static bool HasRoom()
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own, from an empty stack, and returns its result.</summary>
    public static T RunOnEmptyStack<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).GetAwaiter().GetResult();
}
