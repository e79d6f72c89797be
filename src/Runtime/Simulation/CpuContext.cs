using System;
using System.Runtime.CompilerServices;

namespace TaggedPtr.Simulation;

/// <summary>
/// The CPU a simulated access runs on. Each host thread is one CPU with its own TLBs: one per address space it ran
/// recently (a tagged TLB, as with PCIDs), so switching between a few processes on one host thread neither flushes nor
/// allocates.
/// </summary>
/// <remarks>
/// <para>Tying the TLB to the host thread rather than to a <see cref="SimThread"/> keeps the shootdown protocol sound
/// even if two host threads drive the same simulated thread: each has its own <see cref="TranslationCache.Active"/>
/// flag.</para>
/// <para>A cache belongs to one address space for its whole life. When it leaves the host thread's set (evicted, or
/// retired because a simulated thread left that address space) it is unregistered and invalidated for good: a
/// <see cref="SimCpu"/> still holding it misses on every access and takes the slow path, which asks this class again.
/// That is what lets <see cref="SimCpu"/> skip any per-access check of which address space its cache is for.</para>
/// </remarks>
internal static class CpuContext
{
    private const int Capacity = 4;

    [ThreadStatic]
    private static TranslationCache? t_current;

    // Most recently used first; t_current is element 0.
    [ThreadStatic]
    private static TranslationCache?[]? t_recent;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TranslationCache For(AddressSpace space)
    {
        TranslationCache? cache = t_current;
        return cache is not null && ReferenceEquals(cache.Space, space) ? cache : Switch(space);
    }

    /// <summary>
    /// Drops this host thread's cache for <paramref name="space"/>, for a simulated thread that leaves it (exit, exec):
    /// a <see cref="SimCpu"/> the thread created before then misses from now on instead of hitting entries that another
    /// thread of <paramref name="space"/> may refill on this host thread.
    /// </summary>
    public static void Retire(AddressSpace space)
    {
        TranslationCache?[]? recent = t_recent;
        if (recent is null)
        {
            return;
        }

        int i = IndexOf(recent, space);
        if (i >= 0)
        {
            Drop(recent[i]!);
            Array.Copy(recent, i + 1, recent, i, recent.Length - i - 1);
            recent[^1] = null;
            t_current = recent[0];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TranslationCache Switch(AddressSpace space)
    {
        TranslationCache?[] recent = t_recent ??= new TranslationCache?[Capacity];
        int found = IndexOf(recent, space);
        TranslationCache cache;
        if (found >= 0)
        {
            cache = recent[found]!;
        }
        else
        {
            found = recent.Length - 1;
            if (recent[found] is { } evicted)
            {
                Drop(evicted);
            }

            cache = new TranslationCache(space, appliesLam: true);
            space.Register(cache);
        }

        Array.Copy(recent, 0, recent, 1, found);
        recent[0] = cache;
        t_current = cache;
        return cache;
    }

    private static int IndexOf(TranslationCache?[] recent, AddressSpace space)
    {
        for (int i = 0; i < recent.Length; i++)
        {
            if (recent[i] is { } cache && ReferenceEquals(cache.Space, space))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Drop(TranslationCache cache)
    {
        cache.Space.Unregister(cache);
        cache.Invalidate();
    }
}
