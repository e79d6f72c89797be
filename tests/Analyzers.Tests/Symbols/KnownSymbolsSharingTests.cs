using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Analyzers.Symbols;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Symbols;

/// <summary>
/// Every analyzer of one compilation gets the same <see cref="KnownSymbols"/>, so its caches are filled once per
/// compilation rather than once per analyzer; another compilation (the IDE's next edit) gets its own.
/// </summary>
public sealed class KnownSymbolsSharingTests
{
    private const string Source = """
        using TaggedPtr;
        public static class Use
        {
            public static ulong Mask(TaggedPtr<byte> p) => p.RawValue;
        }
        """;

    [Fact]
    public void OneCompilationHasOneInstance()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, Source);

        KnownSymbols? first = KnownSymbols.For(compilation);
        KnownSymbols? second = KnownSymbols.For(compilation);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Same(compilation, first!.Compilation);
    }

    [Fact]
    public void AnotherCompilationGetsItsOwnInstanceWithItsOwnSymbols()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, Source);
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "public static class Added { }", new CSharpParseOptions(LanguageVersion.Latest), path: "/src/Added.cs"));

        KnownSymbols? original = KnownSymbols.For(compilation);
        KnownSymbols? next = KnownSymbols.For(edited);

        Assert.NotNull(next);
        Assert.NotSame(original, next);
        Assert.Same(edited, next!.Compilation);
        Assert.True(SymbolEqualityComparer.Default.Equals(edited.GetTypeByMetadataName("TaggedPtr.TaggedPtr`1"), next.TaggedPtr1));
    }

    [Fact]
    public void ConcurrentFirstCallsAgreeOnOneInstance()
    {
        // Fresh compilations, each asked for by two threads released together, so that both often find no instance
        // and both create one: one must be kept, and both callers must get that one.
        Compilation template = AnalyzerHarness.Compile(TestReferences.All, Source);
        for (int round = 0; round < 50; round++)
        {
            Compilation compilation = template.WithAssemblyName("Round" + round);
            (KnownSymbols? first, KnownSymbols? second) = Race.Twice(() => KnownSymbols.For(compilation));

            Assert.NotNull(first);
            Assert.Same(first, second);
            Assert.Same(first, KnownSymbols.For(compilation));
        }
    }

    [Fact]
    public void ACompilationWithoutTheRuntimeGetsNone()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.FrameworkOnly, "public static class Plain { }");

        Assert.Null(KnownSymbols.For(compilation));
        Assert.Null(KnownSymbols.For(compilation));
    }
}
