using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// TPTR0020: write the attribute's own name (<c>global::TaggedPtr.TaggedPointer</c>) where a repeated alias hid the
/// declaration from the generator. The name is fully qualified and not simplified, since simplifying would bring the
/// alias back.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WriteAttributeNameCodeFixProvider))]
[Shared]
public sealed class WriteAttributeNameCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "TPTR.WriteAttributeName";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WrapperNotSeenByGenerator);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AttributeName, out string? name) || string.IsNullOrEmpty(name) ||
                root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax alias ||
                alias.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute ||
                SyntaxFactory.ParseName(name!) is not { ContainsDiagnostics: false } replacement)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Write [{Shorten(name!)}] instead of [{alias.Identifier.ValueText}]",
                    cancellationToken => ReplaceAsync(document, attribute, replacement, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, AttributeSyntax attribute, NameSyntax replacement, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null
            ? document
            : document.WithSyntaxRoot(root.ReplaceNode(attribute.Name, replacement.WithTriviaFrom(attribute.Name)));
    }

    private static string Shorten(string name) => name.StartsWith("global::", System.StringComparison.Ordinal) ? name.Substring("global::".Length) : name;
}
