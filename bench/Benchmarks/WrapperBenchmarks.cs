using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace TaggedPtr.Benchmarks;

/// <summary>
/// A generated wrapper (<see cref="BenchNodePtr"/>) against hand-written masking of the same layout and raw pointers,
/// on the same 1,024 pointers into the same buffer. The baseline of each category is the hand-written equivalent with
/// the same semantics: the setters of a field narrower than its type reject an out-of-range value, as WithX does, and the
/// unchecked variant is shown beside them to price the check itself. New field values come from arrays so the JIT cannot
/// prove them in range and drop the check from one side only.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class WrapperBenchmarks
{
    private const int Count = 1024;

    // The wrapper's layout, copied from BenchNodePtr.BitLayout: what a C# programmer would write by hand.
    private const ulong AddressMask = 0x00FF_FFFF_FFFF_FFFE;
    private const int VersionShift = 58;
    private const ulong VersionMax = 31;
    private const int ColorShift = 57;
    private const ulong MarkedBit = 1;

    private BenchNode* _buffer;
    private ulong[] _raw = null!;
    private ulong[] _hand = null!;
    private BenchNodePtr[] _wrapped = null!;
    private ulong[] _handOut = null!;
    private BenchNodePtr[] _wrappedOut = null!;
    private byte[] _versions = null!;
    private BenchColor[] _colors = null!;
    private bool[] _marks = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = (BenchNode*)NativeMemory.AlignedAlloc((nuint)(Count * 16 * sizeof(BenchNode)), 64);
        var random = new Random(42);
        _raw = new ulong[Count];
        _hand = new ulong[Count];
        _wrapped = new BenchNodePtr[Count];
        _handOut = new ulong[Count];
        _wrappedOut = new BenchNodePtr[Count];
        _versions = new byte[Count];
        _colors = new BenchColor[Count];
        _marks = new bool[Count];
        for (int i = 0; i < Count; i++)
        {
            BenchNode* node = _buffer + random.Next(Count * 16);
            node->Value = i;
            _raw[i] = (ulong)node;
            _wrapped[i] = new BenchNodePtr(node)
                .WithVersion((byte)random.Next(32))
                .WithColor((BenchColor)random.Next(2))
                .WithMarked(random.Next(2) == 1);
            _hand[i] = _wrapped[i].RawValue;
            _versions[i] = (byte)random.Next(32);
            _colors[i] = (BenchColor)random.Next(2);
            _marks[i] = random.Next(2) == 1;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => NativeMemory.AlignedFree(_buffer);

    [Benchmark(Description = "raw T* load")]
    [BenchmarkCategory("load")]
    public long RawLoad()
    {
        long sum = 0;
        ulong[] raw = _raw;
        for (int i = 0; i < raw.Length; i++)
        {
            sum += ((BenchNode*)raw[i])->Value;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "hand-written untag + load")]
    [BenchmarkCategory("load")]
    public long HandWrittenLoad()
    {
        long sum = 0;
        ulong[] hand = _hand;
        for (int i = 0; i < hand.Length; i++)
        {
            sum += ((BenchNode*)(hand[i] & AddressMask))->Value;
        }

        return sum;
    }

    [Benchmark(Description = "generated Target")]
    [BenchmarkCategory("load")]
    public long GeneratedLoad()
    {
        long sum = 0;
        BenchNodePtr[] wrapped = _wrapped;
        for (int i = 0; i < wrapped.Length; i++)
        {
            sum += wrapped[i].Target.Value;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "hand-written Version get")]
    [BenchmarkCategory("get 5-bit")]
    public ulong HandWrittenVersionGet()
    {
        ulong sum = 0;
        ulong[] hand = _hand;
        for (int i = 0; i < hand.Length; i++)
        {
            sum += (byte)((hand[i] >> VersionShift) & VersionMax);
        }

        return sum;
    }

    [Benchmark(Description = "generated Version")]
    [BenchmarkCategory("get 5-bit")]
    public ulong GeneratedVersionGet()
    {
        ulong sum = 0;
        BenchNodePtr[] wrapped = _wrapped;
        for (int i = 0; i < wrapped.Length; i++)
        {
            sum += wrapped[i].Version;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "hand-written Marked get")]
    [BenchmarkCategory("get low bool")]
    public int HandWrittenMarkedGet()
    {
        int count = 0;
        ulong[] hand = _hand;
        for (int i = 0; i < hand.Length; i++)
        {
            if ((hand[i] & MarkedBit) != 0)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "generated Marked")]
    [BenchmarkCategory("get low bool")]
    public int GeneratedMarkedGet()
    {
        int count = 0;
        BenchNodePtr[] wrapped = _wrapped;
        for (int i = 0; i < wrapped.Length; i++)
        {
            if (wrapped[i].Marked)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "hand-written Version set, unchecked")]
    [BenchmarkCategory("set 5-bit")]
    public void HandWrittenVersionSetUnchecked()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        byte[] versions = _versions;
        for (int i = 0; i < hand.Length; i++)
        {
            output[i] = (hand[i] & ~(VersionMax << VersionShift)) | ((ulong)versions[i] << VersionShift);
        }
    }

    /// <summary>The hand-written equivalent of WithVersion: same semantics, so it rejects a value that does not fit.</summary>
    [Benchmark(Baseline = true, Description = "hand-written Version set, range-checked")]
    [BenchmarkCategory("set 5-bit")]
    public void HandWrittenVersionSet()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        byte[] versions = _versions;
        for (int i = 0; i < hand.Length; i++)
        {
            ulong version = versions[i];
            if (version > VersionMax)
            {
                throw new ArgumentOutOfRangeException(nameof(version));
            }

            output[i] = (hand[i] & ~(VersionMax << VersionShift)) | (version << VersionShift);
        }
    }

    [Benchmark(Description = "generated WithVersion (range-checked)")]
    [BenchmarkCategory("set 5-bit")]
    public void GeneratedVersionSet()
    {
        BenchNodePtr[] wrapped = _wrapped;
        BenchNodePtr[] output = _wrappedOut;
        byte[] versions = _versions;
        for (int i = 0; i < wrapped.Length; i++)
        {
            output[i] = wrapped[i].WithVersion(versions[i]);
        }
    }

    /// <summary>The hand-written loop in C#'s order for <c>wrapped[i].WithVersion(v)</c>: the element, then the check.</summary>
    [Benchmark(Description = "hand-written Version set, element read first")]
    [BenchmarkCategory("set 5-bit")]
    public void HandWrittenVersionSetElementFirst()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        byte[] versions = _versions;
        for (int i = 0; i < hand.Length; i++)
        {
            ulong old = hand[i];
            ulong version = versions[i];
            if (version > VersionMax)
            {
                throw new ArgumentOutOfRangeException(nameof(version));
            }

            output[i] = (old & ~(VersionMax << VersionShift)) | (version << VersionShift);
        }
    }

    [Benchmark(Description = "generated WithVersion on a local")]
    [BenchmarkCategory("set 5-bit")]
    public void GeneratedVersionSetLocal()
    {
        BenchNodePtr[] wrapped = _wrapped;
        BenchNodePtr[] output = _wrappedOut;
        byte[] versions = _versions;
        for (int i = 0; i < wrapped.Length; i++)
        {
            BenchNodePtr node = wrapped[i];
            output[i] = node.WithVersion(versions[i]);
        }
    }

    [Benchmark(Description = "hand-written Color set, unchecked")]
    [BenchmarkCategory("set 1-bit enum")]
    public void HandWrittenColorSetUnchecked()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        BenchColor[] colors = _colors;
        for (int i = 0; i < hand.Length; i++)
        {
            output[i] = (hand[i] & ~(1UL << ColorShift)) | ((ulong)colors[i] << ColorShift);
        }
    }

    /// <summary>The hand-written equivalent of WithColor: an enum value outside the field's one bit is rejected.</summary>
    [Benchmark(Baseline = true, Description = "hand-written Color set, range-checked")]
    [BenchmarkCategory("set 1-bit enum")]
    public void HandWrittenColorSet()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        BenchColor[] colors = _colors;
        for (int i = 0; i < hand.Length; i++)
        {
            ulong color = (ulong)colors[i];
            if (color > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(color));
            }

            output[i] = (hand[i] & ~(1UL << ColorShift)) | (color << ColorShift);
        }
    }

    [Benchmark(Description = "generated WithColor (range-checked)")]
    [BenchmarkCategory("set 1-bit enum")]
    public void GeneratedColorSet()
    {
        BenchNodePtr[] wrapped = _wrapped;
        BenchNodePtr[] output = _wrappedOut;
        BenchColor[] colors = _colors;
        for (int i = 0; i < wrapped.Length; i++)
        {
            output[i] = wrapped[i].WithColor(colors[i]);
        }
    }

    /// <summary>A bool always fits its bit, so neither side has a check.</summary>
    [Benchmark(Baseline = true, Description = "hand-written Marked set")]
    [BenchmarkCategory("set low bool")]
    public void HandWrittenMarkedSet()
    {
        ulong[] hand = _hand;
        ulong[] output = _handOut;
        bool[] marks = _marks;
        for (int i = 0; i < hand.Length; i++)
        {
            output[i] = marks[i] ? hand[i] | MarkedBit : hand[i] & ~MarkedBit;
        }
    }

    [Benchmark(Description = "generated WithMarked")]
    [BenchmarkCategory("set low bool")]
    public void GeneratedMarkedSet()
    {
        BenchNodePtr[] wrapped = _wrapped;
        BenchNodePtr[] output = _wrappedOut;
        bool[] marks = _marks;
        for (int i = 0; i < wrapped.Length; i++)
        {
            output[i] = wrapped[i].WithMarked(marks[i]);
        }
    }
}
