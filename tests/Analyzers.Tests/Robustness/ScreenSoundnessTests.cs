using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>
/// The taint and kernel-order analyzers skip bodies their quick screens prove cannot report (or can report without a
/// graph). Over the corpus and hundreds of mutants, the
/// screened analyzer must report exactly what the unscreened one reports.
/// </summary>
public sealed class ScreenSoundnessTests
{
    private const int Seed = 0x5C2E;

    [Fact]
    public async Task ScreenNeverChangesTheDiagnostics()
    {
        var random = new Random(Seed);
        int compared = 0;
        int reported = 0;
        foreach (string program in MutationCorpus.Programs.Concat(ExtraPrograms))
        {
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(program).GetRoot().DescendantTokens().ToArray();
            for (int i = 0; i < 40; i++)
            {
                string source = i == 0 ? program : DeleteTokens(program, tokens, random);
                Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, source);
                if (i == 0)
                {
                    Assert.Empty(compilation.GetDiagnostics().WhereErrors());
                }

                string[] screened = await Run(compilation, new TaggedValueFlowAnalyzer());
                string[] full = await Run(compilation, new TaggedValueFlowAnalyzer(screen: false));
                Assert.Equal(full, screened);
                string[] screenedOrder = await Run(compilation, new KernelOrderAnalyzer());
                string[] fullOrder = await Run(compilation, new KernelOrderAnalyzer(screen: false));
                Assert.Equal(fullOrder, screenedOrder);
                reported += fullOrder.Length;
                compared++;
                reported += full.Length;
            }
        }

        Assert.True(reported > compared, $"{reported} diagnostics over {compared} programs: the comparison must see reports");
    }

    // Bodies the screen must not skip: taint through locals, struct fields, lambdas, conditional access, switches.
    private static readonly string[] ExtraPrograms =
    {
        """
        using System;
        using TaggedPtr;

        public struct Pair { public ulong A; public ulong B; }

        public static unsafe class Sinks
        {
            public static void Submit([SvaBound] ulong address) { }
            public static void SubmitNullable([SvaBound] ulong? address) { }
        }

        public unsafe class C
        {
            public void M(TaggedPtr<int> p, TaggedPtr<int>? maybe, int k, Pair pair)
            {
                pair.A = p.RawValue;
                Sinks.Submit(pair.A);
                Sinks.SubmitNullable(maybe?.RawValue);
                ulong chosen = k switch { 0 => p.RawValue, _ => p.Address };
                Sinks.Submit(chosen);
                (ulong x, ulong y) = (p.RawValue, p.Address);
                Sinks.Submit(x);
                Func<ulong> f = () => p.RawValue;
                Action g = () => Sinks.Submit(chosen);
                Local(p.RawValue);
                void Local(ulong value) => Sinks.Submit(value);
                object boxed = p.RawValue;
                Sinks.Submit((ulong)boxed);
                Sinks.Submit(p.RawValue & LamU57.UntagMask);
                long v = *(long*)(p.RawValue + 8);
            }

            public void Shifted(TaggedPtr<int> p) => Sinks.Submit(p.RawValue >> 3);

            public void Kernel(TaggedPtr.Simulation.SimThread t, TaggedPtr.Devices.SvaDevice d, bool flag)
            {
                t.EnableTaggedAddresses(flag ? 0 : 7);
                t.EnableTaggedAddresses(0);
                if (flag) { d.Bind(t.AddressSpace); }
                TaggedPtr.Simulation.SimThread u = t.CreateThread();
                u.EnableTaggedAddresses(6);
                System.Action a = () => t.EnableTaggedAddresses(9);
            }
        }
        """,

        // Kernel sequences without branches, which the kernel-order screen walks in tree order instead of a graph.
        """
        using System;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        public class K
        {
            private readonly SimThread _owner;

            public K(SimThread t) : this(t, t.CreateThread()) { t.EnableTaggedAddresses(6); }
            private K(SimThread t, SimThread worker) { _owner = t; }

            public void AfterThread(SimThread t) { SimThread worker = t.CreateThread(); t.EnableTaggedAddresses(6); }
            public void Twice(SimThread t) { t.EnableTaggedAddresses(6); t.EnableTaggedAddresses(6); }
            public void ForceEnableBind(SimThread t, SvaDevice d) { t.ForceTaggedSva(); t.EnableTaggedAddresses(6); d.Bind(t.AddressSpace); }
            public void EnableThenBind(SimThread t, SvaDevice d) { t.EnableTaggedAddresses(6); d.Bind(t.AddressSpace); }
            public void BindThenEnable(SimThread t, SvaDevice d) { SvaBinding b = d.Bind(t.AddressSpace); t.EnableTaggedAddresses(6); }
            public void ExecResets(SimThread t) { SimThread worker = t.CreateThread(); t.Exec(); t.EnableTaggedAddresses(6); }
            public void Reassigned(SimThread t, SimThread other) { SimThread x = t; x.CreateThread(); x = other; x.EnableTaggedAddresses(6); }
            public void Aliased(SimThread t) { SimThread alias = t; alias.CreateThread(); t.EnableTaggedAddresses(6); }
            public void InLambda(SimThread t) { t.CreateThread(); Action a = () => t.EnableTaggedAddresses(6); t.EnableTaggedAddresses(6); }
            public void Nested(SimThread t) { { t.CreateThread(); } { t.EnableTaggedAddresses(6); } }
            public long Raw(SimThread t) { t.CreateThread(); return t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6); }
            public void Expression(SimThread t) => t.CreateThread().EnableTaggedAddresses(6);
            public void Guarded(SimThread t, bool b) { t.CreateThread(); if (b) return; t.EnableTaggedAddresses(6); }
            public void Interpolated(SimThread t) { string s = $"{t.CreateThread()}"; t.EnableTaggedAddresses(6); }
            public void ConditionalAccess(SimProcess p, SvaDevice d) { d.Bind(p.AddressSpace); p?.MainThread.EnableTaggedAddresses(6); }
            public void ConditionalThread(SimThread t) { t?.CreateThread().CreateThread(); t?.EnableTaggedAddresses(6); }
            public void BranchingArgument(SimThread t, SvaDevice d, bool wide) { d.Bind(t.AddressSpace); t.EnableTaggedAddresses(wide ? 6 : 0); }
            public void DeadCode(SimThread t, SvaDevice d) { d.Bind(t.AddressSpace); goto enable; t.CreateThread(); enable: t.EnableTaggedAddresses(6); }
        }
        """,

        // Parameters, this and static members the screen may read as untagged only while no assignment writes them.
        """
        using System;
        using TaggedPtr;

        public struct Box { public ulong A; public Inner In; }
        public struct Inner { public ulong B; }

        public static class Sinks
        {
            public static void Submit([SvaBound] ulong address) { }
        }

        public class D
        {
            private static ulong s_shared;
            private ulong _field;
            private Box _box;

            public void Reassigned(TaggedPtr<int> p, ulong destination) { destination = p.RawValue; Sinks.Submit(destination); }
            public void Compound(TaggedPtr<int> p, ulong destination) { destination |= p.RawValue; Sinks.Submit(destination); }
            public void Coalesced(TaggedPtr<int> p, ulong? destination) { destination ??= p.RawValue; Sinks.Submit(destination.Value); }
            public void Nested(TaggedPtr<int> p, Box box) { box.In.B = p.RawValue; Sinks.Submit(box.In.B); }
            public void Deconstructed(TaggedPtr<int> p, ulong a, ulong b) { (a, b) = (p.Address, p.RawValue); Sinks.Submit(b); }
            public void Static(TaggedPtr<int> p) { s_shared = p.RawValue; Sinks.Submit(s_shared); }
            public void Field(TaggedPtr<int> p) { _field = p.RawValue; Sinks.Submit(this._field); }
            public void FieldOfField(TaggedPtr<int> p) { _box.A = p.RawValue; Sinks.Submit(_box.A); }
            public void InLambda(TaggedPtr<int> p, ulong destination) { Action set = () => destination = p.RawValue; set(); Sinks.Submit(destination); }
            public void Array(TaggedPtr<int> p, ulong[] slots) { slots[0] = p.RawValue; Sinks.Submit(slots[0]); }
            public void Untouched(TaggedPtr<int> p, ulong destination, Box box) { Sinks.Submit(destination); Sinks.Submit(box.In.B); Sinks.Submit(s_shared); }
        }
        """,

        // Locals the screen may read as their initializer only while nothing else writes them.
        """
        using System;
        using TaggedPtr;

        public struct Box { public ulong A; }

        public static class Sinks
        {
            public static void Submit([SvaBound] ulong address) { }
            public static void Set(out ulong value, ulong from) => value = from;
            public static void Swap(ref ulong value, ulong from) => value = from;
        }

        public unsafe class L
        {
            public void Single(TaggedPtr<int> p) { ulong raw = p.RawValue; ulong clean = p.Address; Sinks.Submit(raw); Sinks.Submit(clean); }
            public void Chained(TaggedPtr<int> p) { ulong raw = p.RawValue; ulong copy = raw + 8; Sinks.Submit(copy); }
            public void Reassigned(TaggedPtr<int> p) { ulong value = p.Address; value = p.RawValue; Sinks.Submit(value); }
            public void ByRef(TaggedPtr<int> p) { ulong value = p.Address; Sinks.Swap(ref value, p.RawValue); Sinks.Submit(value); }
            public void ByOut(TaggedPtr<int> p) { ulong value = p.Address; Sinks.Set(out value, p.RawValue); Sinks.Submit(value); }
            public void RefLocal(TaggedPtr<int> p) { ulong value = p.Address; ref ulong alias = ref value; alias = p.RawValue; Sinks.Submit(value); }
            public void Pointer(TaggedPtr<int> p) { ulong value = p.Address; ulong* at = &value; *at = p.RawValue; Sinks.Submit(value); }
            public void Incremented(TaggedPtr<int> p) { ulong value = p.RawValue; value++; Sinks.Submit(value); }
            public void StructField(TaggedPtr<int> p) { Box box = default; box.A = p.RawValue; Sinks.Submit(box.A); }
            public void InLoop(TaggedPtr<int> p, int n) { ulong last = 0; for (int i = 0; i < n; i++) { ulong here = last; Sinks.Submit(here); last = p.RawValue; } }
            public void Foreach(TaggedPtr<int>[] all) { foreach (TaggedPtr<int> each in all) { ulong raw = each.RawValue; Sinks.Submit(raw); } }
            public void LambdaWrites(TaggedPtr<int> p) { ulong value = p.Address; Action set = () => value = p.RawValue; set(); Sinks.Submit(value); }
            public void LocalFunction(TaggedPtr<int> p) { ulong raw = p.RawValue; Use(); void Use() => Sinks.Submit(raw); }
            public void Captured(TaggedPtr<int> p) { ulong raw = p.RawValue; Action use = () => Sinks.Submit(raw); use(); }
            public void Using(TaggedPtr<int> p) { using System.IO.MemoryStream stream = new(); ulong raw = p.RawValue; Sinks.Submit(raw + (ulong)stream.Length); }
        }
        """,
        // Straight-line bodies the taint analysis walks in tree order, and the shapes that must keep their graph: a ?:
        // whose branch writes, a struct-typed ?:, an object initializer (each loses taint in a tree walk).
        """
        using System;
        using TaggedPtr;

        public struct Pair { public ulong A; public ulong B; }

        public static unsafe class Sinks
        {
            public static void Submit([SvaBound] ulong address) { }
        }

        public unsafe class C
        {
            public void Choice(TaggedPtr<int> p, ulong other, bool c) { ulong raw = p.RawValue + 16; ulong chosen = raw > other ? raw : other; Sinks.Submit(chosen); }
            public void ChoiceOfRawValue(TaggedPtr<int> p, ulong other, bool c) { Sinks.Submit(c ? p.RawValue : other); Sinks.Submit((c ? p.RawValue : other) + 1); }
            public void ChoiceOfAddress(TaggedPtr<int> p, ulong other, bool c) { ulong chosen = c ? p.Address : other; Sinks.Submit(chosen); }
            public void NestedChoice(TaggedPtr<int> p, ulong other, bool c, bool d) { ulong chosen = c ? (d ? p.RawValue : 0UL) : other & 0xFFUL; Sinks.Submit(chosen); }
            public void BranchCleans(TaggedPtr<int> p, bool c) { ulong x = p.RawValue; ulong y = c ? (x = 0UL) : 1UL; Sinks.Submit(x + y); }
            public void BranchTaints(TaggedPtr<int> p, bool c) { ulong x = 0; ulong y = c ? (x = p.RawValue) : 1UL; Sinks.Submit(x); Sinks.Submit(y); }
            public void StructChoice(TaggedPtr<int> p, Pair a, bool c) { a.A = p.RawValue; Pair chosen = c ? a : default; Sinks.Submit(chosen.A); }
            public void Initializer(TaggedPtr<int> p) { var pair = new Pair { A = p.RawValue }; Sinks.Submit(pair.A); }
            public void Declarators(TaggedPtr<int> p) { ulong a = p.RawValue, b = a & 0xFFUL, c = a >> 3; Pair d = default; d.B = c; Sinks.Submit(b); Sinks.Submit(d.B); Sinks.Submit(a); }
            public ulong Expression(TaggedPtr<int> p) => p.RawValue;
            public void Dereference(TaggedPtr<int> p, bool c) { int* raw = (int*)(c ? p.RawValue : 0UL); *raw = 1; }
        }
        """,
    };

    private static async Task<string[]> Run(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        // The properties too: they choose the code fix, which must not depend on the path the analyzer took.
        return diagnostics.Select(d => d.Id + "@" + d.Location.SourceSpan + ":" + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) +
                                       string.Concat(d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ";" + p.Key + "=" + p.Value)))
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToArray();
    }

    private static string DeleteTokens(string source, SyntaxToken[] tokens, Random random)
    {
        // Deleting a token or two keeps most of a body intact, so the bodies stay interesting for the screen.
        var text = new System.Text.StringBuilder(source);
        foreach (SyntaxToken token in tokens.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).OrderByDescending(t => t.SpanStart))
        {
            text.Remove(token.SpanStart, token.Span.Length);
        }

        return text.ToString();
    }
}
