using System.Threading.Tasks;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0001 and TPTR0002: a tagged value reaching an [SvaBound] sink, with and without declared coexistence.</summary>
public sealed class TaggedValueToDeviceTests
{
    // User-defined sinks: the rule must work for any [SvaBound] member, not only the runtime's device model.
    private const string Sinks = """

        public unsafe struct Desc
        {
            [TaggedPtr.SvaBound] public ulong Source;
            [TaggedPtr.SvaBound] public ulong Destination;
            public ulong Pattern;
            [TaggedPtr.SvaBound] public ulong Completion { get; set; }
            public ulong Size { get; set; }
        }

        public static unsafe class Dev
        {
            public static void Submit([TaggedPtr.SvaBound] ulong address, ulong length) { }
            public static void SubmitPointer([TaggedPtr.SvaBound] void* address) { }
            public static void SubmitNative([TaggedPtr.SvaBound] nuint address) { }
            public static void SubmitTagged([TaggedPtr.SvaBound] TaggedPtr.TaggedPtr<int> pointer) { }
            public static void SubmitDevice([TaggedPtr.SvaBound] TaggedPtr.DeviceAddress address) { }
            public static void Fill(ulong pattern, [TaggedPtr.SvaBound] ulong destination) { }
        }

        public class BaseDevice
        {
            public virtual void Dma([TaggedPtr.SvaBound] ulong address) { }
        }

        public sealed class DerivedDevice : BaseDevice
        {
            public override void Dma(ulong address) { }
        }
        """;

    private static Task Verify(string body) => AnalyzerVerifier<TaggedValueFlowAnalyzer>.VerifyAsync("using TaggedPtr;\n" + body + Sinks);

    [Fact]
    public Task RawValueToParameter() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|}, 64);
        }
        """);

    [Fact]
    public Task ConstructorInitializerAndBodyReportOnce() => Verify("""
        unsafe class C
        {
            // Two operation blocks (initializer and body) of one graph: each finding is reported once.
            public C(TaggedPtr<int> p) : this(p.RawValue)
            {
                Dev.Submit({|TPTR0001:p.RawValue|}, 64);
            }

            // Calls are not followed: the parameter holds whatever its type's default says (untagged).
            private C(ulong raw)
            {
                Dev.Submit(raw, 64);
            }
        }
        """);

    [Fact]
    public Task RawValueToFieldAndProperty() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p, Desc d)
            {
                d.Source = {|TPTR0001:p.RawValue|};
                d.Completion = {|TPTR0001:p.RawValue + 32|};
                d.Pattern = p.RawValue;
                d.Size = p.RawValue;
            }
        }
        """);

    [Fact]
    public Task ObjectInitializerAndWithExpression() => Verify("""
        unsafe class C
        {
            Desc M(TaggedPtr<int> p, Desc template)
            {
                var d = new Desc { Source = {|TPTR0001:p.RawValue|}, Pattern = p.RawValue };
                return template with { Destination = {|TPTR0001:p.RawValue|} };
            }
        }
        """);

    [Fact]
    public Task CastsArithmeticLocalsAndTernaries() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<long> p, bool flag, TaggedPtr<long>[] many)
            {
                ulong raw = p.RawValue;
                long signed = (long)raw;
                ulong back = (ulong)signed + 8;
                Dev.Submit({|TPTR0001:back|}, 8);
                Dev.SubmitPointer({|TPTR0001:(void*)p.RawValue|});
                Dev.SubmitNative({|TPTR0001:(nuint)p.RawValue|});
                ulong either = flag ? raw : p.Address;
                Dev.Submit({|TPTR0001:either|}, 8);
                Dev.Submit({|TPTR0001:(flag ? p : many[0]).RawValue|}, 8);
                Dev.Submit({|TPTR0001:((raw))|}, 8);
                Dev.Submit({|TPTR0001:raw | 0x10|}, 8);
                foreach (var item in many)
                {
                    Dev.Submit({|TPTR0001:item.RawValue|}, 8);
                }
            }
        }
        """);

    [Fact]
    public Task StructCopiesKeepTheTaint() => Verify("""
        struct Holder { public ulong Raw; public ulong Clean; }

        unsafe class C
        {
            void M(TaggedPtr<int> p)
            {
                Holder h = default;
                h.Raw = p.RawValue;
                h.Clean = p.Address;
                Holder copy = h;
                Dev.Submit({|TPTR0001:copy.Raw|}, 8);
                Dev.Submit(copy.Clean, 8);
                var tagged = p;
                Dev.Submit({|TPTR0001:tagged.RawValue|}, 8);
                ulong[] table = new ulong[4];
                table[1] = p.RawValue;
                Dev.Submit({|TPTR0001:table[2]|}, 8);
            }
        }
        """);

    [Fact]
    public Task TaggedPointerValueToTaggedSink() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p)
            {
                Dev.SubmitTagged({|TPTR0001:p|});
                Dev.SubmitTagged({|TPTR0001:p.WithTag(3)|});
                Dev.SubmitTagged(p.Untagged);
            }
        }
        """);

    [Fact]
    public Task OtherSchemesAndInheritedSinks() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int, LamU48> wide, TaggedPtr<int, ArmTbi> tbi, DerivedDevice device)
            {
                Dev.Submit({|TPTR0001:wide.RawValue|}, 8);
                Dev.Submit({|TPTR0001:tbi.RawValue|}, 8);
                device.Dma({|TPTR0001:wide.RawValue|});
                Dev.Fill(wide.RawValue, {|TPTR0001:tbi.RawValue|});
            }
        }
        """);

    [Fact]
    public Task LambdasAndLocalFunctionsSeeCapturedTaint() => Verify("""
        using System;

        unsafe class C
        {
            void M(TaggedPtr<int> p)
            {
                ulong raw = p.RawValue;
                Action a = () => Dev.Submit({|TPTR0001:raw|}, 1);
                Local();
                void Local() => Dev.Submit({|TPTR0001:raw|}, 2);
                Func<TaggedPtr<int>, ulong> f = q => q.Address;
                Action<TaggedPtr<int>> g = q => Dev.Submit({|TPTR0001:q.RawValue|}, 3);
            }
        }
        """);

    [Fact]
    public Task FieldInitializerAndConstructor() => Verify("""
        unsafe class C
        {
            static readonly TaggedPtr<int> Shared = default;
            Desc _d = new Desc { Source = {|TPTR0001:Shared.RawValue|} };

            C(TaggedPtr<int> p)
            {
                _d.Destination = {|TPTR0001:p.RawValue|};
            }
        }
        """);

    [Fact]
    public Task UntaggedValuesAreClean() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p, TaggedPtr<int, LamU48> wide, ulong plain, int* native)
            {
                Dev.Submit(p.Address, 8);
                Dev.Submit(p.Address + 64, 8);
                Dev.SubmitPointer(p.Pointer);
                Dev.SubmitNative((nuint)p.Pointer);
                Dev.Submit(plain, 8);
                Dev.SubmitPointer(native);
                Dev.Submit(DeviceAddress.From(p), 8);
                Dev.Submit(DeviceAddress.FromUntagged(p.Address).Add(8), 8);
                Dev.SubmitDevice(DeviceAddress.From(p));
                Dev.Submit(p.Untagged.RawValue, 8);
                var clean = p.Untagged;
                Dev.Submit(clean.RawValue, 8);
                Dev.Submit(p.RawValue & LamU57.UntagMask, 8);
                Dev.Submit(p.RawValue & 0x81FF_FFFF_FFFF_FFFFUL, 8);
                Dev.Submit(p.RawValue & ~DeviceAddress.ForbiddenBits, 8);
                Dev.Submit(wide.RawValue & LamU48.UntagMask, 8);
                Dev.Submit((uint)p.RawValue, 8);
                Dev.Submit(p.Tag, 8);
                Dev.Submit((ulong)p.IsNull.GetHashCode(), 8);
                Dev.Fill(p.RawValue, p.Address);
                Desc d = default;
                d.Pattern = p.RawValue;
                d.Source = p.Address;
            }
        }
        """);

    [Fact]
    public Task UntaggingBeforeTheSinkClearsTheLocal() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p, bool flag)
            {
                ulong raw = p.RawValue;
                raw = p.Address;
                Dev.Submit(raw, 8);
                ulong maybe = p.RawValue;
                if (flag)
                {
                    maybe = p.Address;
                }

                Dev.Submit({|TPTR0001:maybe|}, 8);
                ulong sure = p.RawValue;
                if (flag)
                {
                    sure = p.Address;
                }
                else
                {
                    sure &= LamU57.UntagMask;
                }

                Dev.Submit(sure, 8);
            }
        }
        """);

    [Fact]
    public Task MaskThatKeepsTagBitsIsStillTagged() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int, LamU48> wide, TaggedPtr<int> p)
            {
                Dev.Submit({|TPTR0001:wide.RawValue & LamU57.UntagMask|}, 8);
                Dev.Submit({|TPTR0001:p.RawValue & 0xFFFF_FFFF_FFFF_FFF0UL|}, 8);
                Dev.Submit({|TPTR0001:p.RawValue >> 1|}, 8);
            }
        }
        """);

    [Fact]
    public Task RuntimeDeviceModelSinksAndDataFields() => AnalyzerVerifier<TaggedValueFlowAnalyzer>.VerifyAsync("""
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        unsafe class C
        {
            void M(TaggedPtr<byte> src, TaggedPtr<byte> dst, TaggedPtr<byte> record, DsaPortal portal, SimThread thread)
            {
                var copy = DsaDescriptor.Memmove({|TPTR0001:src.RawValue|}, dst.Address, 64, {|TPTR0001:record.RawValue|});
                var fill = DsaDescriptor.Memfill(src.RawValue, {|TPTR0001:dst.RawValue|}, 64, record.Address);
                var compare = new DsaDescriptor { Source = src.Address, Source2 = {|TPTR0001:dst.RawValue|}, ComparePattern = dst.RawValue };
                compare.Pattern = src.RawValue;
                compare.CompletionAddress = DeviceAddress.From(record);
                portal.Enqcmd(thread, in copy);
                portal.Movdir64b(fill);
            }
        }
        """);

    // Code after a goto never runs, so what it assigns reaches nothing. (It did: the dead block's taint flowed into the
    // label and the untagged value at the sink was reported.)
    [Fact]
    public Task DeadCodeAddsNoTaint() => Verify("""
        unsafe class C
        {
            void M(TaggedPtr<int> p)
            {
                ulong x = p.Address;
                goto send;
                x = p.RawValue;
            send:
                Dev.Submit(x, 8);
            }
        }
        """);

    [Fact]
    public Task CoexistenceOnMethodGivesInformation() => Verify("""
        unsafe class C
        {
            [LamSvaCoexistence]
            void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|}, 8);

            void N(TaggedPtr<int> p) => Dev.Submit({|TPTR0001:p.RawValue|}, 8);
        }
        """);

    [Fact]
    public Task CoexistenceOnContainingTypeGivesInformation() => Verify("""
        [LamSvaCoexistence]
        unsafe class Outer
        {
            unsafe class Inner
            {
                void M(TaggedPtr<int> p)
                {
                    System.Action a = () => Dev.Submit({|TPTR0002:p.RawValue|}, 8);
                    Dev.Submit({|TPTR0002:p.RawValue|}, 8);
                }
            }
        }
        """);

    [Fact]
    public Task CoexistenceOnAssemblyGivesInformation() => Verify("""
        [assembly: LamSvaCoexistence]

        unsafe class C
        {
            void M(TaggedPtr<int> p) => Dev.Submit({|TPTR0002:p.RawValue|}, 8);
        }
        """);

    [Fact]
    public async Task MessageNamesTheSink()
    {
        var test = AnalyzerVerifier<TaggedValueFlowAnalyzer>.Create("using TaggedPtr;\n" + """
            unsafe class C
            {
                void M(TaggedPtr<int> p, Desc d) { Dev.Submit(p.RawValue, 1); d.Completion = p.RawValue; }
            }
            """ + Sinks);
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.TaggedValueToDevice)
            .WithSpan(4, 51, 4, 61).WithArguments("parameter", "Dev.Submit(address)"));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.TaggedValueToDevice)
            .WithSpan(4, 82, 4, 92).WithArguments("property", "Desc.Completion"));
        await test.RunAsync();
    }
}
