using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every TaggedPtr analyzer (and, on request, every code fix) over raw source text outside the markup framework,
/// collecting any exception an analyzer or fix throws instead of letting Roslyn turn it into AD0001.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>Every analyzer the package ships.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new TaggedValueFlowAnalyzer(),
        new KernelOrderAnalyzer(),
        new TagRangeAnalyzer(),
        new ArchPrctlResultAnalyzer(),
        new WrapperDeclarationAnalyzer());

    /// <summary>Every code fix the package ships.</summary>
    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = ImmutableArray.Create<CodeFixProvider>(
        new TaggedValueToDeviceCodeFixProvider(),
        new InsertForceCallCodeFixProvider(),
        new MakePartialCodeFixProvider(),
        new FixOutOfBudgetFieldCodeFixProvider(),
        new WriteAttributeNameCodeFixProvider());

    /// <summary>A compilation of the sources with unsafe code allowed.</summary>
    public static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "Subject",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/File" + i + ".cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

    /// <summary>Runs the analyzers; returns their diagnostics and every exception they threw.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions.ToList());
    }

    /// <summary>
    /// Applies every code action offered for every diagnostic (each against the original document) and returns the
    /// exceptions thrown while computing or applying them.
    /// </summary>
    public static async Task<IReadOnlyList<Exception>> RunFixesAsync(string source, IEnumerable<MetadataReference> references, ImmutableArray<Diagnostic> diagnostics)
    {
        var exceptions = new List<Exception>();
        using var workspace = new AdhocWorkspace();
        Document document = AddDocument(workspace, source, references);
        Solution solution = document.Project.Solution;
        SyntaxTree? tree = await document.GetSyntaxTreeAsync();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Location.SourceTree?.FilePath != "/src/File0.cs" || tree is null)
            {
                continue;
            }

            // Re-anchor the diagnostic in the workspace's tree (same text, same spans).
            Diagnostic local = Diagnostic.Create(
                diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.Properties, diagnostic.GetMessage());
            foreach (CodeFixProvider provider in CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                try
                {
                    var context = new CodeFixContext(document, local, (action, _) => actions.Add(action), CancellationToken.None);
                    await provider.RegisterCodeFixesAsync(context);
                    foreach (CodeAction action in actions)
                    {
                        foreach (CodeActionOperation operation in await action.GetOperationsAsync(CancellationToken.None))
                        {
                            if (operation is ApplyChangesOperation apply)
                            {
                                foreach (DocumentId changed in apply.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                                {
                                    _ = await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync();
                                }
                            }
                        }
                    }
                }
                catch (Exception exception)
                {
                    exceptions.Add(new InvalidOperationException($"{provider.GetType().Name} on {diagnostic.Id} at {diagnostic.Location.SourceSpan}", exception));
                }
            }
        }

        return exceptions;
    }

    /// <summary>The text after applying the code action titled <paramref name="title"/> that is offered for <paramref name="diagnostic"/>.</summary>
    public static async Task<string> ApplyFixAsync(string source, IEnumerable<MetadataReference> references, Diagnostic diagnostic, string title)
    {
        using var workspace = new AdhocWorkspace();
        Document document = AddDocument(workspace, source, references);
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        Diagnostic local = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.Properties, diagnostic.GetMessage());
        var actions = new List<CodeAction>();
        foreach (CodeFixProvider provider in CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, local, (action, _) => actions.Add(action), CancellationToken.None));
        }

        CodeAction chosen = actions.Single(action => action.Title == title);
        ApplyChangesOperation apply = (await chosen.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        return (await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private static Document AddDocument(AdhocWorkspace workspace, string source, IEnumerable<MetadataReference> references)
    {
        ProjectId projectId = ProjectId.CreateNewId();
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Subject", "Subject", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: references))
            .AddDocument(documentId, "File0.cs", SourceText.From(source), filePath: "/src/File0.cs");
        return solution.GetDocument(documentId)!;
    }
}
