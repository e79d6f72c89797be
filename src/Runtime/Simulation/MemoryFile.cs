using System;

namespace TaggedPtr.Simulation;

/// <summary>
/// An in-memory file for the simulated <c>read()</c> and <c>write()</c>: the kernel copies between it and user memory
/// with <c>copy_to_user</c>/<c>copy_from_user</c>, which is where tagged user pointers meet <c>access_ok()</c>.
/// </summary>
public sealed class MemoryFile
{
    private readonly object _gate = new();
    private byte[] _data;
    private long _length;
    private long _position;

    /// <summary>Creates a file with the given content, positioned at its start.</summary>
    public MemoryFile(byte[]? content = null)
    {
        _data = content is null ? Array.Empty<byte>() : (byte[])content.Clone();
        _length = _data.Length;
    }

    /// <summary>The file position.</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }
    }

    /// <summary>A copy of the content.</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            return _data.AsSpan(0, (int)_length).ToArray();
        }
    }

    /// <summary>Runs <paramref name="copy"/> on the bytes from the position; advances by what it reports copied.</summary>
    internal long ReadFromPosition(ulong count, Func<ReadOnlyMemory<byte>, long> copy)
    {
        lock (_gate)
        {
            long available = Math.Max(0, _length - _position);
            int take = (int)Math.Min((ulong)available, Math.Min(count, int.MaxValue));
            long copied = copy(new ReadOnlyMemory<byte>(_data, (int)_position, take));
            if (copied > 0)
            {
                _position += copied;
            }

            return copied;
        }
    }

    /// <summary>Writes bytes at the position (growing the file) and advances.</summary>
    internal void WriteAtPosition(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            long end = _position + bytes.Length;
            if (end > _data.Length)
            {
                Array.Resize(ref _data, (int)Math.Max(end, _data.Length * 2L));
            }

            bytes.CopyTo(_data.AsSpan((int)_position));
            _position = end;
            _length = Math.Max(_length, end);
        }
    }
}
