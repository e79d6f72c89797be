using System.Threading.Tasks;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>Generated wrappers are tagged pointers too: their raw bits are tagged, their untagged members are not.</summary>
public sealed class GeneratedWrapperFlowTests
{
    private const string Declarations = """
        using TaggedPtr;
        using TaggedPtr.Devices;

        public unsafe struct Node { public long Value; }

        [TaggedPointer(typeof(Node))]
        [TagField("Version", Bits = 5)]
        [LowTagField("Marked", typeof(bool))]
        public readonly partial struct NodePtr { }

        [TaggedPointer(typeof(Node), Scheme = TagScheme.None)]
        [LowTagField("Marked", typeof(bool))]
        public readonly partial struct LowOnly { }

        """;

    [Fact]
    public Task WrapperRawBitsReachTheDeviceModel() => AnalyzerVerifier<TaggedValueFlowAnalyzer>.Create(Declarations + """
        unsafe class C
        {
            DsaDescriptor M(NodePtr n, LowOnly low, ulong completion)
            {
                var copy = DsaDescriptor.Memmove({|TPTR0001:n.RawValue|}, n.Address, 64, completion);
                copy.Destination = {|TPTR0001:low.RawValue|};
                copy.Destination = {|TPTR0001:low.RawValue & LamU57.UntagMask|};
                copy.Destination = low.Address;
                copy.Source = (ulong)n.Pointer;
                copy.Source = n.Untagged.RawValue;
                var fill = DsaDescriptor.Memfill(n.RawValue, n.Address, 64, completion);
                return copy;
            }
        }
        """, runGenerator: true).RunAsync();

    [Fact]
    public Task WrapperRawBitsDereferenced() => AnalyzerVerifier<TaggedValueFlowAnalyzer>.Create(Declarations + """
        unsafe class C
        {
            long M(NodePtr n) => {|TPTR0008:((Node*)n.RawValue)->Value|} + n.Pointer->Value;
        }
        """, runGenerator: true).RunAsync();
}
