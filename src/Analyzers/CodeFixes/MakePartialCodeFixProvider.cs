using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// TPTR0010: make the wrapper, or the containing type a report names, <c>partial</c> so the generated half can join
/// them. Each report edits one declaration (its depth comes from the analyzer), so Fix All merges the identical edits
/// that sibling wrappers make to a shared containing type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "TPTR.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WrapperNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.PartialDepth, out string? depthText) ||
                !int.TryParse(depthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int depth) || depth < 0 ||
                root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not { } node ||
                node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Skip(depth).FirstOrDefault() is not { } declaration ||
                declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{declaration.Identifier.ValueText}' partial",
                    cancellationToken => MakePartialAsync(document, declaration, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, AddPartial(declaration)));
    }

    // "partial" goes last among the modifiers, right before the keyword; with no modifiers it takes the keyword's
    // leading trivia (indentation, or the line after the attributes).
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count > 0)
        {
            return type.AddModifiers(Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space));
        }

        SyntaxToken keyword = type.Keyword;
        SyntaxToken partial = Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
        return type
            .WithKeyword(keyword.WithLeadingTrivia(TriviaList()))
            .WithModifiers(TokenList(partial));
    }
}
