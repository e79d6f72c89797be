using System.Threading.Tasks;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.CodeFixes;

/// <summary>The "use the untagged address" fix for TPTR0001/TPTR0002, one by one and through Fix All.</summary>
public sealed class UseUntaggedAddressFixTests
{
    private const string Sinks = """

        public static unsafe class Dev
        {
            public static void Submit([SvaBound] ulong address) { }
            public static void SubmitLong([SvaBound] long address) { }
            public static void SubmitPointer([SvaBound] void* address) { }
            public static void SubmitTagged([SvaBound] TaggedPtr<int> pointer) { }
        }

        public struct Desc { [SvaBound] public ulong Source; }
        """;

    private static Task Verify(string source, string fixedSource) =>
        CodeFixVerifier<TaggedValueFlowAnalyzer, TaggedValueToDeviceCodeFixProvider>.VerifyAsync(
            "using TaggedPtr;\n" + source + Sinks,
            "using TaggedPtr;\n" + fixedSource + Sinks,
            TaggedValueToDeviceCodeFixProvider.UntagKey);

    [Fact]
    public Task RawValueBecomesAddress() => Verify(
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> q, Desc d)
            {
                Dev.Submit({|TPTR0001:p.RawValue|});
                Dev.Submit({|TPTR0001:p.RawValue + 64|});
                Dev.SubmitPointer({|TPTR0001:(void*)q.RawValue|});
                d.Source = {|TPTR0001:p.RawValue|};
            }
        }
        """,
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> q, Desc d)
            {
                Dev.Submit(p.Address);
                Dev.Submit(p.Address + 64);
                Dev.SubmitPointer((void*)q.Address);
                d.Source = p.Address;
            }
        }
        """);

    [Fact]
    public Task TaggedPointerBecomesUntagged() => Verify(
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p) => Dev.SubmitTagged({|TPTR0001:p.WithTag(3)|});
        }
        """,
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p) => Dev.SubmitTagged(p.WithTag(3).Untagged);
        }
        """);

    [Fact]
    public Task DerivedValuesAreMaskedWithTheSchemeMask() => Verify(
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> q)
            {
                ulong raw = p.RawValue;
                long wide = (long)q.RawValue;
                Dev.Submit({|TPTR0001:raw|});
                Dev.SubmitLong({|TPTR0001:wide|});
                [LamSvaCoexistence] void Local() => Dev.Submit({|TPTR0002:raw|});
            }
        }
        """,
        """
        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> q)
            {
                ulong raw = p.RawValue;
                long wide = (long)q.RawValue;
                Dev.Submit(raw & LamU57.UntagMask);
                Dev.SubmitLong((long)((ulong)wide & LamU48.UntagMask));
                [LamSvaCoexistence] void Local() => Dev.Submit(raw & LamU57.UntagMask);
            }
        }
        """);
}
