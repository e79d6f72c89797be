using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>One run of the generator over a compilation, with what it produced.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(CSharpCompilation input, Compilation output, GeneratorDriver driver, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        Input = input;
        Output = output;
        Driver = driver;
        DriverDiagnostics = driverDiagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    /// <summary>The compilation the generator saw.</summary>
    public CSharpCompilation Input { get; }

    /// <summary>The compilation with the generated files added.</summary>
    public Compilation Output { get; }

    /// <summary>The driver, to run again incrementally.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>Diagnostics the driver reported (CS8785 when the generator throws).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>The generator's result: sources, diagnostics, exception, tracked steps.</summary>
    public GeneratorRunResult Result { get; }

    /// <summary>The generated sources, by hint name.</summary>
    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The text of the only generated file.</summary>
    public string SingleSource => Assert.Single(Sources).SourceText.ToString();

    /// <summary>Every error or warning of the output compilation (the generated code included).</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>Asserts the generator neither threw nor reported anything, and the result compiles without a warning.</summary>
    public GeneratorRun AssertClean()
    {
        Assert.Null(Result.Exception);
        Assert.Empty(Result.Diagnostics);
        Assert.Empty(DriverDiagnostics);
        Assert.Empty(CompilationProblems.Select(d => d.ToString()));
        return this;
    }
}
