using System;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// Recognises the compiler giving up on an expression nested too deep for its recursive binder and flow analysis
/// (thousands of levels): it throws <see cref="InsufficientExecutionStackException"/>, or its own internal exception
/// wrapping one. The compiler reports such code as CS8078 ("too long or complex to compile"); a fix must then offer
/// nothing rather than fail.
/// </summary>
internal static class StackExhaustion
{
    /// <summary>True when <paramref name="exception"/> is, or wraps, the compiler's stack-guard failure.</summary>
    public static bool Is(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is InsufficientExecutionStackException)
            {
                return true;
            }
        }

        return false;
    }
}
