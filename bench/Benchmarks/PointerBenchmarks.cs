using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace TaggedPtr.Benchmarks;

/// <summary>
/// TaggedPtr&lt;T&gt; against hand-written masking and raw pointers, on the same 1,024 pointers into the same buffer.
/// The baseline of each category is the hand-written equivalent (what a C# programmer writes today).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class PointerBenchmarks
{
    private const int Count = 1024;
    private const ulong UntagMask = 0x81FF_FFFF_FFFF_FFFF;

    private int* _buffer;
    private ulong[] _raw = null!;
    private ulong[] _handTagged = null!;
    private TaggedPtr<int>[] _tagged = null!;
    private ulong[] _handOut = null!;
    private TaggedPtr<int>[] _taggedOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = (int*)NativeMemory.AlignedAlloc(Count * sizeof(int) * 16, 64);
        var random = new Random(42);
        _raw = new ulong[Count];
        _handTagged = new ulong[Count];
        _tagged = new TaggedPtr<int>[Count];
        _handOut = new ulong[Count];
        _taggedOut = new TaggedPtr<int>[Count];
        for (int i = 0; i < Count; i++)
        {
            int* p = _buffer + (random.Next(Count * 16));
            *p = i;
            ulong tag = (ulong)random.Next(64);
            _raw[i] = (ulong)p;
            _handTagged[i] = (ulong)p | (tag << 57);
            _tagged[i] = new TaggedPtr<int>(p, tag);
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
            sum += *(int*)raw[i];
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "hand-written untag + load")]
    [BenchmarkCategory("load")]
    public long HandWrittenLoad()
    {
        long sum = 0;
        ulong[] tagged = _handTagged;
        for (int i = 0; i < tagged.Length; i++)
        {
            sum += *(int*)(tagged[i] & UntagMask);
        }

        return sum;
    }

    [Benchmark(Description = "TaggedPtr<T>.Target")]
    [BenchmarkCategory("load")]
    public long TaggedPtrLoad()
    {
        long sum = 0;
        TaggedPtr<int>[] tagged = _tagged;
        for (int i = 0; i < tagged.Length; i++)
        {
            sum += tagged[i].Target;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "hand-written tag get")]
    [BenchmarkCategory("tag get")]
    public ulong HandWrittenTagGet()
    {
        ulong sum = 0;
        ulong[] tagged = _handTagged;
        for (int i = 0; i < tagged.Length; i++)
        {
            sum += (tagged[i] >> 57) & 0x3F;
        }

        return sum;
    }

    [Benchmark(Description = "TaggedPtr<T>.Tag")]
    [BenchmarkCategory("tag get")]
    public ulong TaggedPtrTagGet()
    {
        ulong sum = 0;
        TaggedPtr<int>[] tagged = _tagged;
        for (int i = 0; i < tagged.Length; i++)
        {
            sum += tagged[i].Tag;
        }

        return sum;
    }

    [Benchmark(Description = "hand-written tag set, unchecked")]
    [BenchmarkCategory("tag set")]
    public void HandWrittenTagSetUnchecked()
    {
        ulong[] tagged = _handTagged;
        ulong[] output = _handOut;
        for (int i = 0; i < tagged.Length; i++)
        {
            output[i] = (tagged[i] & UntagMask) | ((ulong)(i & 0x3F) << 57);
        }
    }

    /// <summary>The hand-written equivalent of WithTag: same semantics, so it rejects a tag that does not fit.</summary>
    [Benchmark(Baseline = true, Description = "hand-written tag set, range-checked")]
    [BenchmarkCategory("tag set")]
    public void HandWrittenTagSet()
    {
        ulong[] tagged = _handTagged;
        ulong[] output = _handOut;
        for (int i = 0; i < tagged.Length; i++)
        {
            ulong tag = (ulong)(i & 0x3F);
            if (tag > 0x3F)
            {
                throw new ArgumentOutOfRangeException(nameof(tag));
            }

            output[i] = (tagged[i] & UntagMask) | (tag << 57);
        }
    }

    [Benchmark(Description = "TaggedPtr<T>.WithTag (range-checked)")]
    [BenchmarkCategory("tag set")]
    public void TaggedPtrTagSet()
    {
        TaggedPtr<int>[] tagged = _tagged;
        TaggedPtr<int>[] output = _taggedOut;
        for (int i = 0; i < tagged.Length; i++)
        {
            output[i] = tagged[i].WithTag((ulong)(i & 0x3F));
        }
    }

    [Benchmark(Description = "hand-written tag set, element read first")]
    [BenchmarkCategory("tag set")]
    public void HandWrittenTagSetElementFirst()
    {
        ulong[] tagged = _handTagged;
        ulong[] output = _handOut;
        for (int i = 0; i < tagged.Length; i++)
        {
            ulong old = tagged[i];
            ulong tag = (ulong)(i & 0x3F);
            if (tag > 0x3F)
            {
                throw new ArgumentOutOfRangeException(nameof(tag));
            }

            output[i] = (old & UntagMask) | (tag << 57);
        }
    }

    [Benchmark(Description = "TaggedPtr<T>.WithTag on a local")]
    [BenchmarkCategory("tag set")]
    public void TaggedPtrTagSetLocal()
    {
        TaggedPtr<int>[] tagged = _tagged;
        TaggedPtr<int>[] output = _taggedOut;
        for (int i = 0; i < tagged.Length; i++)
        {
            TaggedPtr<int> p = tagged[i];
            output[i] = p.WithTag((ulong)(i & 0x3F));
        }
    }
}
