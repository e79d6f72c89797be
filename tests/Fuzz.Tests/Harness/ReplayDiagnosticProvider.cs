using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>Gives Fix All the diagnostics the analyzers already reported, anchored in the workspace's documents.</summary>
internal sealed class ReplayDiagnosticProvider : FixAllContext.DiagnosticProvider
{
    private readonly IReadOnlyList<Diagnostic> _diagnostics;

    /// <summary>A provider of <paramref name="diagnostics"/> (all with locations in the workspace's trees).</summary>
    public ReplayDiagnosticProvider(IReadOnlyList<Diagnostic> diagnostics) => _diagnostics = diagnostics;

    /// <inheritdoc/>
    public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
    {
        SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        return _diagnostics.Where(diagnostic => diagnostic.Location.SourceTree == tree).ToImmutableArray();
    }

    /// <inheritdoc/>
    public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);

    /// <inheritdoc/>
    public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var trees = new HashSet<SyntaxTree>();
        foreach (Document document in project.Documents)
        {
            if (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false) is { } tree)
            {
                trees.Add(tree);
            }
        }

        return _diagnostics.Where(diagnostic => diagnostic.Location.SourceTree is { } tree && trees.Contains(tree)).ToImmutableArray();
    }
}
