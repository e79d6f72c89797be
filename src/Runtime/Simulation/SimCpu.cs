using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// A simulated thread running on the current host thread's CPU, for hot loops: the same accesses as
/// <see cref="SimThread.Load{T}(ulong)"/> and <see cref="SimThread.Store{T}(ulong, T)"/> without looking the CPU up
/// on every access. Obtain one with <see cref="SimThread.OnThisCpu"/>.
/// </summary>
/// <remarks>
/// It is a <c>ref struct</c> so that it cannot leave the host thread it was created on (it cannot be stored in a field,
/// captured by a lambda or awaited across): the TLB it holds belongs to that host thread.
/// </remarks>
public readonly ref struct SimCpu
{
    private readonly SimThread _thread;
    private readonly TranslationCache _cache;

    internal SimCpu(SimThread thread, TranslationCache cache)
    {
        _thread = thread;
        _cache = cache;
    }

    /// <summary>The simulated thread.</summary>
    public SimThread Thread => _thread;

    /// <summary>Same as <see cref="SimThread.Load{T}(ulong)"/>.</summary>
    /// <exception cref="MemoryFaultException">The access faults.</exception>
    /// <remarks>
    /// The cache is the one of the thread's address space when this value was made, and it stays so (see
    /// <see cref="CpuContext"/>): after the thread exits or execs, or after the host thread dropped it, it misses on every
    /// access, and the miss goes through the thread like any other access.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe T Load<T>(ulong address)
        where T : unmanaged
    {
        TranslationCache cache = _cache;
        Volatile.Write(ref cache.Active, 1);
        if (cache.TryTranslate(address, (uint)sizeof(T), write: false, out byte* host))
        {
            T value = Unsafe.ReadUnaligned<T>(host);
            Volatile.Write(ref cache.Active, 0);
            return value;
        }

        return LoadMiss<T>(cache, _thread, address);
    }

    /// <summary>Same as <see cref="SimThread.Store{T}(ulong, T)"/>.</summary>
    /// <exception cref="MemoryFaultException">The access faults.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store<T>(ulong address, T value)
        where T : unmanaged
    {
        TranslationCache cache = _cache;
        Volatile.Write(ref cache.Active, 1);
        if (cache.TryTranslate(address, (uint)sizeof(T), write: true, out byte* host))
        {
            Unsafe.WriteUnaligned(host, value);
            Volatile.Write(ref cache.Active, 0);
            return;
        }

        StoreMiss(cache, _thread, address, value);
    }

    // Out of line and static: the loop around an inlined hit keeps only the cache and the thread live for it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T LoadMiss<T>(TranslationCache cache, SimThread thread, ulong address)
        where T : unmanaged
    {
        Volatile.Write(ref cache.Active, 0);
        return thread.Load<T>(address);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreMiss<T>(TranslationCache cache, SimThread thread, ulong address, T value)
        where T : unmanaged
    {
        Volatile.Write(ref cache.Active, 0);
        thread.Store(address, value);
    }
}
