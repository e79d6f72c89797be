using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// TPTR0004/TPTR0005: call <c>ForceTaggedSva()</c> on a thread of the address space before the enable or the bind
/// the kernel would refuse. <c>ARCH_FORCE_TAGGED_SVA</c> is sticky and may come before either, so one call right
/// before the flagged statement is enough. The thread expression comes from the analyzer
/// (<see cref="DiagnosticProperties.ForceTarget"/>); without it no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertForceCallCodeFixProvider))]
[Shared]
public sealed class InsertForceCallCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action.</summary>
    public const string EquivalenceKey = "TPTR.InsertForceTaggedSva";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.EnableAfterBind, DiagnosticIds.BindAfterEnable);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ForceTarget, out string? target) || string.IsNullOrWhiteSpace(target) ||
                root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>() is not { } statement ||
                statement.Parent is not (BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax or IfStatementSyntax or ElseClauseSyntax
                    or WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or UsingStatementSyntax or LockStatementSyntax) ||
                ParseExpression(target!) is not { ContainsDiagnostics: false } receiver)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Call '{target}.ForceTaggedSva()' first",
                    cancellationToken => InsertAsync(document, statement, receiver, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> InsertAsync(Document document, StatementSyntax statement, ExpressionSyntax receiver, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        StatementSyntax force = ExpressionStatement(
                InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("ForceTaggedSva"))))
            .WithAdditionalAnnotations(Formatter.Annotation);
        SyntaxNode updated;
        switch (statement.Parent)
        {
            case BlockSyntax or SwitchSectionSyntax:
                updated = root.InsertNodesBefore(statement, new[] { OnItsOwnLine(force, statement) });
                break;
            case GlobalStatementSyntax global:
                updated = root.InsertNodesBefore(global, new[] { OnItsOwnLine(GlobalStatement(force), global) });
                break;
            default:
                // An embedded statement (if/else/loop body without braces) becomes a block of two statements.
                BlockSyntax block = Block(force, statement.WithoutLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
                updated = root.ReplaceNode(statement, block.WithTriviaFrom(statement));
                break;
        }

        return document.WithSyntaxRoot(updated);
    }

    // The new statement takes the indentation of the one it precedes (not its comments) and ends its own line.
    private static TNode OnItsOwnLine<TNode>(TNode node, SyntaxNode next)
        where TNode : SyntaxNode
    {
        SyntaxTriviaList leading = next.GetLeadingTrivia();
        SyntaxTrivia indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        SyntaxTrivia endOfLine = default;
        foreach (SyntaxTrivia trivia in next.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia;
            }
        }

        return node
            .WithLeadingTrivia(indentation == default ? TriviaList() : TriviaList(indentation))
            .WithTrailingTrivia(endOfLine == default ? TriviaList(ElasticCarriageReturnLineFeed) : TriviaList(endOfLine));
    }
}
