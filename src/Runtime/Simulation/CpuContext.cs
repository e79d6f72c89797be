using System;
using System.Runtime.CompilerServices;

namespace TaggedPtr.Simulation;

/// <summary>
/// The CPU a simulated access runs on. Each host thread is one CPU with its own TLB; running code of another address
/// space on it is a context switch (<c>switch_mm</c>), which flushes the TLB.
/// </summary>
/// <remarks>
/// Tying the TLB to the host thread rather than to a <see cref="SimThread"/> keeps the shootdown protocol sound even
/// if two host threads drive the same simulated thread: each has its own <see cref="TranslationCache.Active"/> flag.
/// </remarks>
internal static class CpuContext
{
    [ThreadStatic]
    private static TranslationCache? t_cache;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TranslationCache For(AddressSpace space)
    {
        TranslationCache? cache = t_cache;
        return cache is not null && ReferenceEquals(cache.Space, space) ? cache : Switch(space);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TranslationCache Switch(AddressSpace space)
    {
        TranslationCache? cache = t_cache;
        if (cache is null)
        {
            cache = new TranslationCache(space, appliesLam: true);
            t_cache = cache;
        }
        else
        {
            cache.Space.Unregister(cache);
            cache.Reset(space);
        }

        space.Register(cache);
        return cache;
    }
}
