using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Applies every code fix to every diagnostic it claims, in an <see cref="AdhocWorkspace"/> holding the input's files
/// and the generator (as the IDE holds them), and optionally Fix All for each fix offered. Each action's operations are
/// computed and every changed document is read and parsed: a fix must not throw, and must not turn a file that parsed
/// into one that does not.
/// </summary>
internal sealed class FixRunner
{
    private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ReplayDescriptors = new(StringComparer.Ordinal);

    private readonly Components _components;
    private readonly InProcessGeneratorReference _generator;
    private readonly ImmutableHashSet<string> _fixableIds;

    /// <summary>A runner over the fixes of <paramref name="components"/>.</summary>
    public FixRunner(Components components)
    {
        _components = components;
        _generator = new InProcessGeneratorReference(components.Generators);
        _fixableIds = components.FixableIds;
    }

    /// <summary>What the fixes exercised for one input.</summary>
    /// <param name="FixableDiagnostics">Diagnostics some fix claims.</param>
    /// <param name="ActionsApplied">Code actions computed and applied.</param>
    /// <param name="FixAllApplied">Fix All actions computed and applied.</param>
    public readonly record struct Outcome(int FixableDiagnostics, int ActionsApplied, int FixAllApplied);

    /// <summary>Runs the fixes for <paramref name="diagnostics"/> (computed on the input's own compilation).</summary>
    public async Task<Outcome> RunAsync(
        FuzzInput input, ImmutableArray<Diagnostic> diagnostics, bool fixAll, List<string> failures, CancellationToken cancellationToken)
    {
        var userPaths = input.Files.Select(file => file.Path).ToImmutableHashSet(StringComparer.Ordinal);
        Diagnostic[] fixable = diagnostics
            .Where(d => _fixableIds.Contains(d.Id) && d.Location.IsInSource && userPaths.Contains(d.Location.SourceTree!.FilePath))
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        if (fixable.Length == 0)
        {
            return default;
        }

        using var workspace = new AdhocWorkspace();
        Solution solution = CreateSolution(workspace, input);
        Project project = solution.Projects.Single();
        var documents = new Dictionary<string, Document>(StringComparer.Ordinal);
        var syntaxErrors = new Dictionary<DocumentId, bool>();
        foreach (Document document in project.Documents)
        {
            documents.Add(document.FilePath!, document);
            SyntaxTree tree = (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            syntaxErrors.Add(document.Id, tree.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error));
        }

        var local = new List<(Diagnostic Diagnostic, Document Document)>();
        foreach (Diagnostic diagnostic in fixable)
        {
            Document document = documents[diagnostic.Location.SourceTree!.FilePath];
            SyntaxTree tree = (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            local.Add((Reanchor(diagnostic, tree), document));
        }

        int applied = 0;
        var offered = new SortedDictionary<string, (CodeFixProvider Provider, string Key, Document Document)>(StringComparer.Ordinal);

        // The first report of each rule: a second report of the same rule in the same small program runs the same fix
        // code on the same shapes, and the CI time budget is better spent on more programs (Fix All still sees all).
        foreach ((Diagnostic diagnostic, Document document) in local.GroupBy(pair => pair.Diagnostic.Id, StringComparer.Ordinal).Select(group => group.First()))
        {
            foreach (CodeFixProvider provider in _components.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                string where = $"{provider.GetType().Name} on {diagnostic.Id} at {document.FilePath}{diagnostic.Location.GetLineSpan().Span}";
                var actions = new List<CodeAction>();
                try
                {
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken))
                        .ConfigureAwait(false);
                    foreach (CodeAction action in actions)
                    {
                        await ApplyAsync(action, solution, syntaxErrors, $"{where} ('{action.Title}')", failures, cancellationToken).ConfigureAwait(false);
                        applied++;
                        if (action.EquivalenceKey is { } key)
                        {
                            offered.TryAdd(provider.GetType().Name + "/" + key, (provider, key, document));
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"code fix threw: {where}: {exception}");
                }
            }
        }

        int fixAllApplied = 0;
        if (fixAll)
        {
            var provider = new ReplayDiagnosticProvider(local.Select(pair => pair.Diagnostic).ToArray());
            int scopeIndex = (int)(input.Seed % 3);
            foreach ((CodeFixProvider fix, string key, Document document) in offered.Values)
            {
                if (fix.GetFixAllProvider() is not { } fixAllProvider)
                {
                    continue;
                }

                FixAllScope[] scopes = fixAllProvider.GetSupportedFixAllScopes()
                    .Where(scope => scope is FixAllScope.Document or FixAllScope.Project or FixAllScope.Solution)
                    .ToArray();
                if (scopes.Length == 0)
                {
                    continue;
                }

                FixAllScope chosen = scopes[scopeIndex++ % scopes.Length];
                string where = $"Fix All ({chosen}) of {fix.GetType().Name} '{key}'";
                try
                {
                    var context = new FixAllContext(
                        document,
                        fix,
                        chosen,
                        key,
                        fix.FixableDiagnosticIds.Where(id => local.Any(pair => pair.Diagnostic.Id == id)),
                        provider,
                        cancellationToken);
                    if (await fixAllProvider.GetFixAsync(context).ConfigureAwait(false) is { } action)
                    {
                        await ApplyAsync(action, solution, syntaxErrors, where, failures, cancellationToken).ConfigureAwait(false);
                        fixAllApplied++;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"code fix threw: {where}: {exception}");
                }
            }
        }

        return new Outcome(fixable.Length, applied, fixAllApplied);
    }

    private Solution CreateSolution(AdhocWorkspace workspace, FuzzInput input)
    {
        ProjectId projectId = ProjectId.CreateNewId("FuzzSubject");
        var documents = input.Files
            .Select(file => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, file.Path),
                System.IO.Path.GetFileName(file.Path),
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(file.Text, Encoding.UTF8), VersionStamp.Default, file.Path)),
                filePath: file.Path))
            .ToArray();
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "FuzzSubject",
            "FuzzSubject",
            LanguageNames.CSharp,
            filePath: "/fuzz/FuzzSubject.csproj",
            compilationOptions: FuzzPipeline.CompilationOptions(input),
            parseOptions: FuzzPipeline.ParseOptions(input),
            documents: documents,
            metadataReferences: References.All,
            analyzerReferences: new AnalyzerReference[] { _generator });
        return workspace.AddSolution(SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Default, projects: new[] { project }));
    }

    // The diagnostic with its location in the workspace's tree (same text, same spans) and its message as reported.
    private static Diagnostic Reanchor(Diagnostic diagnostic, SyntaxTree tree)
    {
        DiagnosticDescriptor descriptor = ReplayDescriptors.GetOrAdd(diagnostic.Id, _ => new DiagnosticDescriptor(
            diagnostic.Id,
            diagnostic.Descriptor.Title,
            "{0}",
            diagnostic.Descriptor.Category,
            diagnostic.Descriptor.DefaultSeverity,
            isEnabledByDefault: true));
        return Diagnostic.Create(
            descriptor,
            Location.Create(tree, diagnostic.Location.SourceSpan),
            diagnostic.Severity,
            additionalLocations: null,
            diagnostic.Properties,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task ApplyAsync(
        CodeAction action, Solution original, Dictionary<DocumentId, bool> syntaxErrors, string where, List<string> failures, CancellationToken cancellationToken)
    {
        foreach (CodeActionOperation operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (operation is not ApplyChangesOperation apply)
            {
                continue;
            }

            foreach (ProjectChanges changes in apply.ChangedSolution.GetChanges(original).GetProjectChanges())
            {
                foreach (DocumentId id in changes.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true).Concat(changes.GetAddedDocuments()))
                {
                    Document changed = apply.ChangedSolution.GetDocument(id)!;
                    SyntaxTree tree = (await changed.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
                    bool hadErrors = syntaxErrors.TryGetValue(id, out bool before) && before;
                    Diagnostic? error = tree.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                    if (!hadErrors && error is not null)
                    {
                        failures.Add($"code fix broke the syntax of {changed.FilePath}: {where}: {error}\n--- fixed text ---\n{await changed.GetTextAsync(cancellationToken).ConfigureAwait(false)}");
                    }
                }
            }
        }
    }
}
