using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
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
    /// <remarks>
    /// Not the batch fixer: it would insert one call per flagged statement, and the flag is sticky, so a block that binds
    /// two devices after one enable would get the same call twice. Fix All inserts one call per receiver and block,
    /// before the first flagged statement there.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || !TryGetTarget(root, diagnostic, out StatementSyntax? statement, out ExpressionSyntax? receiver))
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Call '{receiver}.ForceTaggedSva()' first",
                    cancellationToken => InsertAsync(document, statement, receiver, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // The first flagged statement per (block, receiver); an embedded statement is its own block.
        var first = new Dictionary<(SyntaxNode Block, string Receiver), (StatementSyntax Statement, ExpressionSyntax Receiver)>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (!TryGetTarget(root, diagnostic, out StatementSyntax? statement, out ExpressionSyntax? receiver))
            {
                continue;
            }

            SyntaxNode block = statement.Parent is BlockSyntax or SwitchSectionSyntax ? statement.Parent : statement;
            var key = (block, receiver.ToString());
            if (!first.TryGetValue(key, out var earlier) || statement.SpanStart < earlier.Statement.SpanStart)
            {
                first[key] = (statement, receiver);
            }
        }

        List<(StatementSyntax Statement, ExpressionSyntax Receiver)> targets = first.Values.Distinct().ToList();
        SyntaxNode tracked = root.TrackNodes(targets.Select(target => target.Statement));
        foreach (var (statement, receiver) in targets)
        {
            if (tracked.GetCurrentNode(statement) is { } current)
            {
                tracked = Insert(tracked, current, receiver);
            }
        }

        return document.WithSyntaxRoot(tracked);
    }

    /// <summary>The statement to put the call before and the thread to call it on, from the analyzer's properties.</summary>
    private static bool TryGetTarget(SyntaxNode root, Diagnostic diagnostic, [NotNullWhen(true)] out StatementSyntax? statement, [NotNullWhen(true)] out ExpressionSyntax? receiver)
    {
        statement = null;
        receiver = null;
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ForceTarget, out string? target) || string.IsNullOrWhiteSpace(target) ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>() is not { } found ||
            found.Parent is not (BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax or IfStatementSyntax or ElseClauseSyntax
                or WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or UsingStatementSyntax or LockStatementSyntax) ||
            ParseExpression(target!) is not { ContainsDiagnostics: false } parsed)
        {
            return false;
        }

        statement = found;
        receiver = parsed;
        return true;
    }

    private static async Task<Document> InsertAsync(Document document, StatementSyntax statement, ExpressionSyntax receiver, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(Insert(root, statement, receiver));
    }

    private static SyntaxNode Insert(SyntaxNode root, StatementSyntax statement, ExpressionSyntax receiver)
    {
        StatementSyntax force = ExpressionStatement(
                InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("ForceTaggedSva"))))
            .WithAdditionalAnnotations(Formatter.Annotation);
        switch (statement.Parent)
        {
            case BlockSyntax or SwitchSectionSyntax:
                return root.InsertNodesBefore(statement, new[] { OnItsOwnLine(force, statement) });
            case GlobalStatementSyntax global:
                return root.InsertNodesBefore(global, new[] { OnItsOwnLine(GlobalStatement(force), global) });
            default:
                // An embedded statement (if/else/loop body without braces) becomes a block of two statements.
                BlockSyntax block = Block(force, statement.WithoutLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(statement, block.WithTriviaFrom(statement));
        }
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
