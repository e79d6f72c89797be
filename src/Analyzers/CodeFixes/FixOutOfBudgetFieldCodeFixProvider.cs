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
/// TPTR0013/TPTR0014: make the fields fit the budget by removing the last field of the region, or by narrowing it by
/// exactly the excess (<c>Bits = 5</c> → <c>Bits = 4</c>). The analyzer computes both and passes them in
/// <see cref="Diagnostic.Properties"/>; an action is offered only when it makes the declaration fit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixOutOfBudgetFieldCodeFixProvider))]
[Shared]
public sealed class FixOutOfBudgetFieldCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of the removal.</summary>
    public const string RemoveKey = "TPTR.RemoveField";

    /// <summary>Equivalence key of the narrowing.</summary>
    public const string NarrowKey = "TPTR.NarrowField";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.HighFieldsOverBudget, DiagnosticIds.LowFieldsOverAlignment);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.FieldName, out string? field) || field is null ||
                root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
            {
                continue;
            }

            Document document = context.Document;
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.FittingBits, out string? bitsText) &&
                int.TryParse(bitsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int bits) && bits > 0 &&
                attribute.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "Bits") is { } bitsArgument)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Narrow '{field}' to {bits} bits",
                        cancellationToken => NarrowAsync(document, bitsArgument, bits, cancellationToken),
                        NarrowKey),
                    diagnostic);
            }

            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.RemovalFits))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove tag field '{field}'",
                        cancellationToken => RemoveAsync(document, attribute, cancellationToken),
                        RemoveKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> NarrowAsync(Document document, AttributeArgumentSyntax argument, int bits, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        ExpressionSyntax value = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(bits)).WithTriviaFrom(argument.Expression);
        return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, value));
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || attribute.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        // The last attribute of its list takes the whole list (and its line) with it.
        SyntaxNode? updated = list.Attributes.Count == 1
            ? root.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)
            : root.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia);
        return updated is null ? document : document.WithSyntaxRoot(updated);
    }
}
