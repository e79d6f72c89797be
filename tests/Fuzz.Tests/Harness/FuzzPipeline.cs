using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Runs one input through everything the package ships, the way a build and the IDE would, and checks the promises of
/// issue 7: the generator (a <see cref="CSharpGeneratorDriver"/>, then an incremental re-run after an edit) and every
/// analyzer (<see cref="CompilationWithAnalyzers"/> with exceptions captured) never throw, no CS8784/CS8785 and no
/// AD0001 appear, and every generated file parses. It also checks what makes a swallowed exception visible: the
/// generator emits a wrapper exactly when the analyzers report no declaration problem for it, and generated code
/// compiles cleanly whenever the user's code does. Code fixes run in <see cref="FixRunner"/>.
/// </summary>
internal sealed class FuzzPipeline
{
    // TPTR0010-0017 and TPTR0019: the generator emits nothing for the type. TPTR0018 (no unsafe code) does not stop it.
    // TPTR0020: the compiler's attribute search never handed the type to the generator (a repeated alias).
    private static readonly ImmutableHashSet<string> DeclarationRules = ImmutableHashSet.Create(
        StringComparer.Ordinal, "TPTR0010", "TPTR0011", "TPTR0012", "TPTR0013", "TPTR0014", "TPTR0015", "TPTR0016", "TPTR0017", "TPTR0018", "TPTR0019", "TPTR0020");

    private const string RulePrefix = "TPTR";

    private readonly Components _components;
    private readonly FixRunner _fixes;

    /// <summary>A pipeline over <paramref name="components"/>.</summary>
    public FuzzPipeline(Components components)
    {
        _components = components;
        _fixes = new FixRunner(components);
    }

    /// <summary>
    /// The parse options of an input: its language version; documentation comments are checked as in a build with
    /// <c>GenerateDocumentationFile</c> on every fourth input (by seed), parsed only on the others (binding every cref of
    /// every generated member is a large share of a compilation this small).
    /// </summary>
    public static CSharpParseOptions ParseOptions(FuzzInput input) =>
        new(input.LanguageVersion, input.Seed % 4 == 0 ? DocumentationMode.Diagnose : DocumentationMode.Parse);

    /// <summary>The compilation options of an input: a library, nullable on, every warning wave, its unsafe setting.</summary>
    public static CSharpCompilationOptions CompilationOptions(FuzzInput input) =>
        new(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: input.AllowUnsafe,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            deterministic: true,
            concurrentBuild: false,
            // The fuzzed programs are not documented; generated code is, and its documentation is still checked.
            specificDiagnosticOptions: new[] { new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress) });

    /// <summary>Runs <paramref name="input"/>; <paramref name="fixAll"/> also runs Fix All for every fix offered.</summary>
    public async Task<FuzzResult> RunAsync(FuzzInput input, bool fixAll, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        CSharpParseOptions parseOptions = ParseOptions(input);
        ImmutableArray<SyntaxTree> trees = input.Files
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), parseOptions, file.Path, cancellationToken))
            .ToImmutableArray();
        bool syntacticallyValid = trees.All(tree => !HasErrors(tree.GetDiagnostics(cancellationToken)));
        CSharpCompilation compilation = CSharpCompilation.Create("FuzzSubject", trees, References.All, CompilationOptions(input));

        (Compilation output, ImmutableHashSet<SyntaxTree> generated) = RunGenerator(compilation, parseOptions, syntacticallyValid, failures, cancellationToken);

        var analyzerExceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => analyzerExceptions.Enqueue($"analyzer {analyzer.GetType().Name} threw: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> all = await output.WithAnalyzers(_components.Analyzers, options)
            .GetAllDiagnosticsAsync(cancellationToken)
            .ConfigureAwait(false);
        failures.AddRange(analyzerExceptions);
        foreach (Diagnostic diagnostic in all.Where(d => d.Id is "AD0001" or "CS8784" or "CS8785"))
        {
            failures.Add($"{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        ImmutableArray<Diagnostic> rules = all.Where(d => d.Id.StartsWith(RulePrefix, StringComparison.Ordinal)).ToImmutableArray();
        ImmutableArray<Diagnostic> compiler = all.Where(d => !d.Id.StartsWith(RulePrefix, StringComparison.Ordinal)).ToImmutableArray();
        int wrappers = CheckAgreement(output, generated, rules, failures, cancellationToken);
        CheckGeneratedCodeCompiles(input, compiler, generated, failures);

        FixRunner.Outcome fixes = await _fixes.RunAsync(input, rules, fixAll, failures, cancellationToken).ConfigureAwait(false);
        var counts = new FuzzCounts(
            Inputs: 1,
            SyntacticallyValidInputs: syntacticallyValid ? 1 : 0,
            CompilerDiagnostics: compiler.Length,
            AnalyzerDiagnostics: rules.Length,
            GeneratedFiles: generated.Count,
            WrappersChecked: wrappers,
            FixableDiagnostics: fixes.FixableDiagnostics,
            FixesApplied: fixes.ActionsApplied,
            FixAllApplied: fixes.FixAllApplied);
        return new FuzzResult(counts, failures, rules.Select(d => d.Id).ToImmutableSortedSet(StringComparer.Ordinal));
    }

    private (Compilation Output, ImmutableHashSet<SyntaxTree> Generated) RunGenerator(
        CSharpCompilation compilation, CSharpParseOptions parseOptions, bool syntacticallyValid, List<string> failures, CancellationToken cancellationToken)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            _components.Generators.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, cancellationToken);
        GeneratorDriverRunResult run = driver.GetRunResult();
        CheckRun(run, diagnostics, "run", failures);

        var generated = ImmutableHashSet.CreateBuilder<SyntaxTree>();
        foreach (GeneratedSourceResult source in run.Results.SelectMany(result => result.GeneratedSources))
        {
            generated.Add(source.SyntaxTree);
            CheckParses(source.HintName, source.SyntaxTree.GetDiagnostics(cancellationToken), syntacticallyValid, failures);

            // Parsed again from its text alone, as a build that writes generated files to disk (EmitCompilerGeneratedFiles) would.
            SyntaxTree reparsed = CSharpSyntaxTree.ParseText(source.SourceText, parseOptions, source.HintName, cancellationToken);
            CheckParses(source.HintName + " (re-parsed)", reparsed.GetDiagnostics(cancellationToken), syntacticallyValid, failures);
        }

        // What the IDE does on every keystroke: the same driver, an edited compilation. Cached steps must not throw either.
        if (compilation.SyntaxTrees.FirstOrDefault() is { } first)
        {
            SourceText text = first.GetText(cancellationToken);
            SyntaxTree edited = first.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n// edited\n")));
            GeneratorDriver again = driver.RunGeneratorsAndUpdateCompilation(
                compilation.ReplaceSyntaxTree(first, edited), out _, out ImmutableArray<Diagnostic> againDiagnostics, cancellationToken);
            CheckRun(again.GetRunResult(), againDiagnostics, "incremental re-run", failures);
        }

        return (output, generated.ToImmutable());
    }

    private static void CheckRun(GeneratorDriverRunResult run, ImmutableArray<Diagnostic> diagnostics, string what, List<string> failures)
    {
        foreach (GeneratorRunResult result in run.Results)
        {
            if (result.Exception is { } exception)
            {
                failures.Add($"generator {result.Generator.GetGeneratorType().Name} threw ({what}): {exception}");
            }
        }

        // The generator reports nothing by design (the analyzers explain invalid declarations), so any diagnostic here
        // is either CS8784/CS8785 or a broken promise.
        foreach (Diagnostic diagnostic in diagnostics.Concat(run.Diagnostics).Distinct())
        {
            failures.Add($"generator diagnostic ({what}): {diagnostic}");
        }
    }

    private static void CheckParses(string hintName, IEnumerable<Diagnostic> diagnostics, bool inputValid, List<string> failures)
    {
        Diagnostic? error = diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            failures.Add($"generated file {hintName} does not parse{(inputValid ? string.Empty : " (input has syntax errors)")}: {error}");
        }
    }

    // A wrapper is generated exactly when the analyzers report no declaration problem for it: a declaration dropped with
    // no report is an exception the generator swallowed (or a disagreement between the two halves of the package).
    private static int CheckAgreement(
        Compilation output, ImmutableHashSet<SyntaxTree> generated, ImmutableArray<Diagnostic> rules, List<string> failures, CancellationToken cancellationToken)
    {
        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (Diagnostic diagnostic in rules)
        {
            if (!IsDeclarationProblem(diagnostic, cancellationToken) || diagnostic.Location.SourceTree is not { } tree)
            {
                continue;
            }

            SyntaxNode node = tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration &&
                output.GetSemanticModel(tree).GetDeclaredSymbol(declaration, cancellationToken) is { } symbol)
            {
                reported.Add(symbol);
            }
        }

        int checkedWrappers = 0;
        foreach (INamedTypeSymbol type in AllTypes(output.Assembly.GlobalNamespace))
        {
            if (!type.GetAttributes().Any(attribute => IsWrapperAttribute(attribute.AttributeClass)))
            {
                continue;
            }

            if (!IsNamed(type))
            {
                // A declaration still being typed (no name yet): the compiler reports it, and nothing can reopen it.
                continue;
            }

            checkedWrappers++;
            // A generated file also reopens the wrapper's containers; only its innermost type is the wrapper it emits.
            bool emitted = type.DeclaringSyntaxReferences.Any(reference =>
                generated.Contains(reference.SyntaxTree) &&
                !reference.GetSyntax(cancellationToken).DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Any());
            bool explained = reported.Contains(type) || (!emitted && DeclaredTwice(output, type, cancellationToken));
            if (emitted == explained)
            {
                string name = type.ToDisplayString();
                failures.Add(emitted
                    ? $"wrapper {name} was generated although the analyzers report a declaration problem for it"
                    : $"wrapper {name} was not generated and no analyzer says why (a swallowed generator exception?)");
            }
        }

        return checkedWrappers;
    }

    // Two declarations of one full name (CS0101) or partial parts of different kinds (CS0261): the compiler rejects the
    // pair, and the generator makes no file for it, since no file could fit both (two would throw, CS8785). The
    // compiler may make two symbols of the pair and report on the other one's declaration, so names are compared.
    private static bool DeclaredTwice(Compilation output, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        foreach (Diagnostic diagnostic in output.GetDeclarationDiagnostics(cancellationToken: cancellationToken))
        {
            if (diagnostic.Id is "CS0101" or "CS0261" && diagnostic.Location.SourceTree is { } tree &&
                tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration &&
                output.GetSemanticModel(tree).GetDeclaredSymbol(declaration, cancellationToken) is { } declared &&
                declared.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamed(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Name.Length == 0 || current.TypeParameters.Any(parameter => parameter.Name.Length == 0))
            {
                return false;
            }
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDeclarationProblem(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (DeclarationRules.Contains(diagnostic.Id))
        {
            return true;
        }

        // TPTR0003 is also an enum member that does not fit its field, reported on the [TagField] attribute.
        return diagnostic.Id == "TPTR0003" && diagnostic.Location.SourceTree is { } tree &&
            tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not null;
    }

    // The attributes the generator's reader recognises (so a misspelled generic arity, which the compiler reports, is none).
    private static bool IsWrapperAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "TaggedPointerAttribute", Arity: <= 1, ContainingType: null, ContainingNamespace: { Name: "TaggedPtr", ContainingNamespace.IsGlobalNamespace: true } };

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (INamedTypeSymbol type in AllTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (INamedTypeSymbol nested in AllTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }

    // Generated code must be as clean as the code it joins: when the user's files compile without errors (and unsafe
    // code is allowed, which every wrapper needs and TPTR0018 reports), the generated files have no error or warning.
    private static void CheckGeneratedCodeCompiles(FuzzInput input, ImmutableArray<Diagnostic> compiler, ImmutableHashSet<SyntaxTree> generated, List<string> failures)
    {
        if (!input.AllowUnsafe || generated.IsEmpty ||
            compiler.Any(d => d.Severity == DiagnosticSeverity.Error && (d.Location.SourceTree is not { } tree || !generated.Contains(tree))))
        {
            return;
        }

        foreach (Diagnostic diagnostic in compiler)
        {
            if (diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Location.SourceTree is { } tree && generated.Contains(tree))
            {
                failures.Add($"generated code has {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic} although the user's code compiles");
            }
        }
    }

    private static bool HasErrors(IEnumerable<Diagnostic> diagnostics) => diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
