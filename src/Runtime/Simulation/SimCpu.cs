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
    private readonly AddressSpace _space;
    private readonly TranslationCache _cache;

    internal SimCpu(SimThread thread, AddressSpace space, TranslationCache cache)
    {
        _thread = thread;
        _space = space;
        _cache = cache;
    }

    /// <summary>The simulated thread.</summary>
    public SimThread Thread => _thread;

    /// <summary>Same as <see cref="SimThread.Load{T}(ulong)"/>.</summary>
    /// <exception cref="MemoryFaultException">The access faults.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe T Load<T>(ulong address)
        where T : unmanaged
    {
        TranslationCache cache = _cache;
        Volatile.Write(ref cache.Active, 1);
        if (ReferenceEquals(cache.Space, _space))
        {
            if (cache.TryTranslate(address, (uint)sizeof(T), (int)Protection.Read, out byte* host))
            {
                T value = Unsafe.ReadUnaligned<T>(host);
                Volatile.Write(ref cache.Active, 0);
                return value;
            }
        }

        Volatile.Write(ref cache.Active, 0);
        return _thread.Load<T>(address);
    }

    /// <summary>Same as <see cref="SimThread.Store{T}(ulong, T)"/>.</summary>
    /// <exception cref="MemoryFaultException">The access faults.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store<T>(ulong address, T value)
        where T : unmanaged
    {
        TranslationCache cache = _cache;
        Volatile.Write(ref cache.Active, 1);
        if (ReferenceEquals(cache.Space, _space))
        {
            if (cache.TryTranslate(address, (uint)sizeof(T), (int)Protection.Write, out byte* host))
            {
                Unsafe.WriteUnaligned(host, value);
                Volatile.Write(ref cache.Active, 0);
                return;
            }
        }

        Volatile.Write(ref cache.Active, 0);
        _thread.Store(address, value);
    }
}
