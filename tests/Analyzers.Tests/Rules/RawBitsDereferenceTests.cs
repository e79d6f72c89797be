using System.Threading.Tasks;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0008: dereferencing the raw (tagged) bits instead of the untagged pointer.</summary>
public sealed class RawBitsDereferenceTests
{
    [Fact]
    public Task DereferencesOfRawBits() => AnalyzerVerifier<TaggedValueFlowAnalyzer>.VerifyAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using TaggedPtr;

        struct Node { public long Value; }

        unsafe class C
        {
            long M(TaggedPtr<Node> p, TaggedPtr<long> w, int i)
            {
                long a = {|TPTR0008:*(long*)p.RawValue|};
                long b = {|TPTR0008:((long*)(nuint)w.RawValue)[i]|};
                Node* node = (Node*)p.RawValue;
                long c = {|TPTR0008:node->Value|};
                {|TPTR0008:*(long*)(w.RawValue + 8)|} = 1;
                long d = Unsafe.Read<long>({|TPTR0008:(void*)w.RawValue|});
                var span = new Span<byte>({|TPTR0008:(void*)p.RawValue|}, 16);
                Buffer.MemoryCopy({|TPTR0008:(void*)p.RawValue|}, (void*)w.Address, 8, 8);
                return a + b + c + d + span.Length;
            }
        }
        """);

    [Fact]
    public Task UntaggedDereferencesAreFine() => AnalyzerVerifier<TaggedValueFlowAnalyzer>.VerifyAsync("""
        using System;
        using TaggedPtr;

        struct Node { public long Value; }

        unsafe class C
        {
            long M(TaggedPtr<Node> p, TaggedPtr<long> w, long* plain, ulong address)
            {
                long a = p.Pointer->Value;
                long b = *(long*)p.Address;
                long c = w.Pointer[2];
                long d = p.Target.Value + w[1];
                long e = *(long*)(p.RawValue & LamU57.UntagMask);
                long f = *plain + *(long*)address;
                var span = new Span<byte>((void*)p.Address, 16);
                ulong raw = p.RawValue;
                ulong tag = raw >> 57;
                return a + b + c + d + e + f + span.Length + (long)tag;
            }
        }
        """);
}
