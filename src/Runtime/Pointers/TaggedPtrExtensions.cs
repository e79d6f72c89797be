using System;
using System.Runtime.CompilerServices;

namespace TaggedPtr;

/// <summary>
/// Members of <see cref="TaggedPtr{T}"/> and <see cref="TaggedPtr{T, TScheme}"/> that take the pointer by value.
/// Call them as instance members: <c>p.WithTag(5)</c>, <c>pointers[i].WithTag(t)</c>.
/// </summary>
/// <remarks>
/// <para>Why not instance methods: an instance method of a struct receives the address of its receiver. Called on an
/// array element (<c>pointers[i].WithTag(t)</c>, the common case in a loop over a table of pointers), C# evaluates the
/// element's address before the argument, and the JIT keeps that address in a register across the inlined range check
/// and loads through it; the loop then ran 1.14–1.25× the hand-written <c>(bits &amp; mask) | (tag &lt;&lt; 57)</c>.
/// Taken by value, the element is read once into a register and the loop is the hand-written one
/// (<c>docs/benchmarks.md</c>, issue 2).</para>
/// <para>What being an extension changes for callers: the <c>TaggedPtr</c> namespace must be imported
/// (<c>using TaggedPtr;</c>; code that spells <c>TaggedPtr.TaggedPtr&lt;int&gt;</c> or an alias without it gets CS1061),
/// a <c>dynamic</c> tag argument is not dispatched (CS1973), <c>p.WithTag</c> cannot become a delegate (CS1113), and an
/// extension of the same name in a nearer namespace wins. <c>TaggedPtrExtensions.WithTag(p, tag)</c> works in every
/// case.</para>
/// </remarks>
public static class TaggedPtrExtensions
{
    /// <summary>The same address with another tag.</summary>
    /// <typeparam name="T">The pointee.</typeparam>
    /// <param name="pointer">The pointer whose address is kept.</param>
    /// <param name="tag">The new tag, 0..63.</param>
    /// <returns><paramref name="pointer"/>'s address with <paramref name="tag"/> in bits 62:57.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> is above 63.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T> WithTag<T>(this TaggedPtr<T> pointer, ulong tag)
        where T : unmanaged => TaggedPtr<T>.SetTag(pointer, tag);

    /// <summary>The same address with another tag.</summary>
    /// <typeparam name="T">The pointee.</typeparam>
    /// <typeparam name="TScheme">Where the tag lives.</typeparam>
    /// <param name="pointer">The pointer whose address is kept.</param>
    /// <param name="tag">The new tag; it must fit in the scheme's <see cref="ITagScheme.TagBits"/> bits.</param>
    /// <returns><paramref name="pointer"/>'s address with <paramref name="tag"/> in the scheme's tag bits.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> does not fit in the scheme's tag bits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T, TScheme> WithTag<T, TScheme>(this TaggedPtr<T, TScheme> pointer, ulong tag)
        where T : unmanaged
        where TScheme : struct, ITagScheme => TaggedPtr<T, TScheme>.SetTag(pointer, tag);
}
