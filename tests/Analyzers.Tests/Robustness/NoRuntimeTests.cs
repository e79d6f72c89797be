using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>In a compilation that does not reference TaggedPtr.Runtime the analyzers register nothing and report nothing.</summary>
public sealed class NoRuntimeTests
{
    // Looks like TaggedPtr code (same names, even a look-alike SvaBound attribute in a TaggedPtr namespace), but the
    // runtime is not referenced, so TaggedPtr.TaggedPtr`1 does not resolve.
    private const string LookAlike = """
        namespace TaggedPtr
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class SvaBoundAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class TaggedPointerAttribute : System.Attribute { public TaggedPointerAttribute(System.Type t) { } }

            public struct Ptr { public ulong RawValue; public ulong Address; }

            [TaggedPointer(typeof(string))]
            public class NotAWrapper { }

            public static unsafe class Use
            {
                public static void Submit([SvaBound] ulong address) { }
                public static long ArchPrctl(int option, ulong arg) => 0;
                public static long M(Ptr p)
                {
                    Submit(p.RawValue);
                    ArchPrctl(0x4002, 0);
                    return *(long*)p.RawValue;
                }
            }
        }
        """;

    [Fact]
    public async Task NothingIsReportedAndNothingThrows()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.FrameworkOnly, LookAlike);
        Assert.Empty(compilation.GetDiagnostics().WhereErrors());
        var (diagnostics, exceptions) = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task NoActionIsRegisteredBeyondTheCompilationStart()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.FrameworkOnly, LookAlike);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(AnalyzerHarness.Analyzers, options);
        _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        foreach (DiagnosticAnalyzer analyzer in AnalyzerHarness.Analyzers)
        {
            AnalyzerTelemetryInfo telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.OperationBlockActionsCount);
            Assert.Equal(0, telemetry.OperationActionsCount);
            Assert.Equal(0, telemetry.SymbolActionsCount);
            Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        }
    }

    [Fact]
    public async Task WithTheRuntimeTheSameAnalyzersDoRegister()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, "class C { }");
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty), null, false, true);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(AnalyzerHarness.Analyzers, options);
        _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        int registered = 0;
        foreach (DiagnosticAnalyzer analyzer in AnalyzerHarness.Analyzers)
        {
            AnalyzerTelemetryInfo telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            registered += telemetry.OperationBlockActionsCount + telemetry.OperationActionsCount + telemetry.SymbolActionsCount;
        }

        Assert.True(registered >= AnalyzerHarness.Analyzers.Length, $"only {registered} actions registered");
    }
}
