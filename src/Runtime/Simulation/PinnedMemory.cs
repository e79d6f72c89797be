using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TaggedPtr.Simulation;

/// <summary>
/// Simulated memory pinned with <see cref="SimThread.Pin"/>: direct <see cref="Span{T}"/> and <c>ref</c> access to the
/// host bytes behind it. Like a page pinned with <c>get_user_pages</c>, the memory stays valid until disposal even if
/// the range is unmapped meanwhile (writes then no longer reach the address space).
/// </summary>
public sealed unsafe class PinnedMemory : IDisposable
{
    private readonly Backing _backing;
    private readonly byte* _host;
    private int _disposed;

    internal PinnedMemory(Backing backing, byte* host, int length, ulong address)
    {
        _backing = backing;
        _host = host;
        Length = length;
        Address = address;
        backing.AddReferences(1);
    }

    /// <summary>The simulated address that was pinned, as given (tag included).</summary>
    public ulong Address { get; }

    /// <summary>Pinned bytes.</summary>
    public int Length { get; }

    /// <summary>The pinned bytes.</summary>
    /// <exception cref="ObjectDisposedException">The pin was released.</exception>
    public Span<byte> Span => new(Host, Length);

    /// <summary>The pinned bytes as <typeparamref name="T"/> values.</summary>
    /// <exception cref="ObjectDisposedException">The pin was released.</exception>
    public Span<T> AsSpan<T>()
        where T : unmanaged => new(Host, Length / sizeof(T));

    /// <summary>A reference to the <typeparamref name="T"/> at the start of the pin.</summary>
    /// <exception cref="ArgumentException">The pin is shorter than <typeparamref name="T"/>.</exception>
    /// <exception cref="ObjectDisposedException">The pin was released.</exception>
    public ref T AsRef<T>()
        where T : unmanaged
    {
        if (sizeof(T) > Length)
        {
            throw new ArgumentException($"The pin holds {Length} bytes; {typeof(T).Name} needs {sizeof(T)}.");
        }

        return ref Unsafe.AsRef<T>(Host);
    }

    private byte* Host => Volatile.Read(ref _disposed) == 0 ? _host : throw new ObjectDisposedException(nameof(PinnedMemory));

    /// <summary>Releases the pin; the host memory may then be freed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _backing.Release(1);
        }
    }
}
