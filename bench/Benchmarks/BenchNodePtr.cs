namespace TaggedPtr.Benchmarks;

/// <summary>The pointee of the benchmarked wrapper: 16 bytes, 8-byte aligned, so the wrapper may use bit 0.</summary>
public struct BenchNode
{
    /// <summary>The payload the load benchmarks sum.</summary>
    public long Value;

    /// <summary>Padding that makes the node the size of a list node.</summary>
    public ulong Next;
}

/// <summary>A one-bit enum field.</summary>
public enum BenchColor : byte
{
    /// <summary>Red.</summary>
    Red,

    /// <summary>Black.</summary>
    Black,
}

/// <summary>
/// The example wrapper (LAM_U57; Version in bits 62:58, Color in bit 57, Marked in bit 0), written by the
/// generator. The hand-written baselines in <see cref="WrapperBenchmarks"/> use the masks of its <c>BitLayout</c>.
/// </summary>
[TaggedPointer(typeof(BenchNode))]
[TagField("Color", typeof(BenchColor), Bits = 1)]
[TagField("Version", Bits = 5)]
[LowTagField("Marked", typeof(bool), Bits = 1)]
public readonly partial struct BenchNodePtr;
