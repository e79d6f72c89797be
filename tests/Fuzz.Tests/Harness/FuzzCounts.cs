namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>What one or more inputs exercised; added up across inputs in a fixed order, so the totals are reproducible.</summary>
/// <param name="Inputs">Inputs run.</param>
/// <param name="SyntacticallyValidInputs">Inputs whose files all parsed without errors.</param>
/// <param name="CompilerDiagnostics">Compiler diagnostics of the compilation the analyzers saw.</param>
/// <param name="AnalyzerDiagnostics">TaggedPtr diagnostics reported by the analyzers.</param>
/// <param name="GeneratedFiles">Files the generator added; each was parsed and checked for syntax errors.</param>
/// <param name="WrappersChecked">Attributed types whose generated file was compared with the analyzers' verdict.</param>
/// <param name="FixableDiagnostics">Analyzer diagnostics some code fix claims.</param>
/// <param name="FixesApplied">Code actions computed and applied (one per offered action per diagnostic).</param>
/// <param name="FixAllApplied">Fix All runs (document, project or solution scope) computed and applied.</param>
internal readonly record struct FuzzCounts(
    int Inputs,
    int SyntacticallyValidInputs,
    int CompilerDiagnostics,
    int AnalyzerDiagnostics,
    int GeneratedFiles,
    int WrappersChecked,
    int FixableDiagnostics,
    int FixesApplied,
    int FixAllApplied)
{
    /// <summary>Field-by-field sum.</summary>
    public static FuzzCounts operator +(FuzzCounts left, FuzzCounts right) => new(
        left.Inputs + right.Inputs,
        left.SyntacticallyValidInputs + right.SyntacticallyValidInputs,
        left.CompilerDiagnostics + right.CompilerDiagnostics,
        left.AnalyzerDiagnostics + right.AnalyzerDiagnostics,
        left.GeneratedFiles + right.GeneratedFiles,
        left.WrappersChecked + right.WrappersChecked,
        left.FixableDiagnostics + right.FixableDiagnostics,
        left.FixesApplied + right.FixesApplied,
        left.FixAllApplied + right.FixAllApplied);

    /// <summary>One line for the test output (and for docs/reliability.md).</summary>
    public override string ToString() =>
        $"inputs {Inputs} (syntactically valid {SyntacticallyValidInputs}), compiler diagnostics {CompilerDiagnostics}, " +
        $"analyzer diagnostics {AnalyzerDiagnostics}, generated files parsed {GeneratedFiles}, wrappers checked {WrappersChecked}, " +
        $"fixable diagnostics {FixableDiagnostics}, fixes applied {FixesApplied}, fix-all runs {FixAllApplied}";
}
