using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0003: constant tags out of range for the scheme or the generated field.</summary>
public sealed class TagRangeTests
{
    [Fact]
    public Task RuntimeTagsOutOfRange() => AnalyzerVerifier<TagRangeAnalyzer>.VerifyAsync("""
        using TaggedPtr;

        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> wide, TaggedPtr<int, ArmTbi> tbi, int* raw)
            {
                p.WithTag({|TPTR0003:64|});
                p.WithTag(63);
                wide.WithTag({|TPTR0003:0x8000|});
                wide.WithTag(0x7FFF);
                tbi.WithTag({|TPTR0003:256|});
                tbi.WithTag(255);
                _ = new TaggedPtr<int>(raw, {|TPTR0003:100|});
                _ = new TaggedPtr<int>(raw, 1);
                _ = new TaggedPtr<int>(raw);
                _ = TaggedPtr<int>.FromAddress(0x1000, {|TPTR0003:64UL|});
                _ = TaggedPtr<int, LamU48>.FromAddress(0x1000, tag: 40000);
                _ = TaggedPtr<int>.FromAddress(0x1000);
                ulong dynamic = 99;
                p.WithTag(dynamic);
            }

            void Generic<TScheme>(TaggedPtr<int, TScheme> q) where TScheme : struct, ITagScheme => q.WithTag(1000);
        }
        """.Replace("tag: 40000", "tag: {|TPTR0003:40000|}"));

    [Fact]
    public Task WrapperFieldsOutOfRange() => AnalyzerVerifier<TagRangeAnalyzer>.Create("""
        using TaggedPtr;

        public enum Color : byte { Red, Black }

        [TaggedPointer(typeof(long))]
        [TagField("Version", Bits = 5)]
        [TagField("Color", typeof(Color))]
        [LowTagField("Marked", typeof(bool))]
        public readonly partial struct NodePtr { }

        class C
        {
            void M(NodePtr n)
            {
                n.WithVersion({|TPTR0003:32|});
                n.WithVersion(31);
                n.WithColor({|TPTR0003:(Color)2|});
                n.WithColor(Color.Black);
                n.WithMarked(true);
            }
        }
        """, runGenerator: true).RunAsync();

    // The rule reads the survey of each operation block; every kind of body must reach it, as every operation reached
    // the operation action it was before.
    [Fact]
    public Task EveryKindOfBodyIsChecked() => AnalyzerVerifier<TagRangeAnalyzer>.VerifyAsync("""
        using TaggedPtr;

        unsafe class C
        {
            static readonly TaggedPtr<int> Field = TaggedPtr<int>.FromAddress(0x1000, {|TPTR0003:64UL|});
            TaggedPtr<int> Initialized { get; } = TaggedPtr<int>.FromAddress(0x1000, {|TPTR0003:65UL|});
            TaggedPtr<int> Bodied => Field.WithTag({|TPTR0003:66|});
            TaggedPtr<int> Accessor { get { return Field.WithTag({|TPTR0003:67|}); } }

            C(TaggedPtr<int> p) { }
            C() : this(TaggedPtr<int>.FromAddress(0x2000, {|TPTR0003:68UL|})) { }
            ~C() { _ = Field.WithTag({|TPTR0003:69|}); }

            public static C operator !(C c) { _ = Field.WithTag({|TPTR0003:70|}); return c; }

            void M(TaggedPtr<int> p, int* raw, int selector)
            {
                System.Func<TaggedPtr<int>> lambda = () => p.WithTag({|TPTR0003:71|});
                System.Func<TaggedPtr<int>> anonymous = delegate { return p.WithTag({|TPTR0003:72|}); };
                TaggedPtr<int> Local() => new TaggedPtr<int>(raw, {|TPTR0003:73|});
                static TaggedPtr<int> StaticLocal(TaggedPtr<int> q) => q.WithTag({|TPTR0003:74|});
                _ = selector switch { 0 => p.WithTag({|TPTR0003:75|}), _ => StaticLocal(Local()) };
                _ = TaggedPtrExtensions.WithTag(p, {|TPTR0003:76|});
            }
        }
        """);

    [Fact]
    public async Task MessageHasTheNumbers()
    {
        var test = AnalyzerVerifier<TagRangeAnalyzer>.Create("""
            using TaggedPtr;

            class C
            {
                void M(TaggedPtr.TaggedPtr<int> p) => p.WithTag(64);
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.TagOutOfRange)
            .WithSpan(5, 53, 5, 55)
            .WithArguments("Tag 64 does not fit the 6-bit tag of LAM_U57; the largest value is 63"));
        await test.RunAsync();
    }
}
