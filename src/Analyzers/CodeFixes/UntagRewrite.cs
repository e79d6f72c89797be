using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Analyzers.Symbols;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// The "use the untagged address" rewrite for TPTR0001/TPTR0002: <c>p.RawValue</c> becomes <c>p.Address</c>, a tagged
/// pointer passed as such becomes <c>p.Untagged</c>, and any other 64-bit value or pointer is masked with its scheme's
/// untag mask (<c>raw &amp; LamU57.UntagMask</c>), which the analyzer recognises as clean.
/// </summary>
internal static class UntagRewrite
{
    // Past this nesting anywhere in the member the new nodes get no simplifier annotation: simplifying binds the whole
    // member, and on a thread-pool thread (where the IDE and Fix All simplify) the compiler's flow analysis runs out of
    // stack on an expression a few thousand levels deep, even when the value fixed is a short one beside it. The fully
    // qualified text compiles the same.
    private const int SimplifiedDepth = 500;

    /// <summary>Rewrites <paramref name="expression"/> as the analyzer's <c>UntagFix</c> property says.</summary>
    public static async Task<Document> FixAsync(Document document, ExpressionSyntax expression, string kind, string? maskText, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || KnownSymbols.For(model.Compilation) is not { } symbols)
        {
            return document;
        }

        if (kind == DiagnosticProperties.UntagFixRawValue)
        {
            return await ReplaceRawValueAsync(document, expression, model, symbols, cancellationToken).ConfigureAwait(false);
        }

        ExpressionSyntax? replacement = kind switch
        {
            DiagnosticProperties.UntagFixUntagged => MemberAccess(expression, "Untagged"),
            DiagnosticProperties.UntagFixMask => Mask(expression, model, maskText, cancellationToken),
            _ => null,
        };
        return replacement is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, replacement));
    }

    // An edit of the text, not of the tree: each RawValue name becomes Address in place, and nothing else is touched.
    // (Replacing nodes rebuilds every node above them, which Roslyn refuses for an expression thousands deep.)
    private static async Task<Document> ReplaceRawValueAsync(
        Document document, ExpressionSyntax expression, SemanticModel model, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        TextChange[] changes;
        try
        {
            changes = expression.DescendantNodesAndSelf()
                .OfType<MemberAccessExpressionSyntax>()
                .Where(access => access.Name.Identifier.ValueText == "RawValue" &&
                                 symbols.IsTaggedPointerType(model.GetTypeInfo(access.Expression, cancellationToken).Type))
                .Select(access => new TextChange(access.Name.Identifier.Span, "Address"))
                .ToArray();
        }
        catch (System.Exception exception) when (StackExhaustion.Is(exception))
        {
            return document;
        }

        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return changes.Length == 0 ? document : document.WithText(text.WithChanges(changes));
    }

    private static ExpressionSyntax MemberAccess(ExpressionSyntax expression, string member) =>
        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Operand(expression.WithoutTrivia()), IdentifierName(member))
            .WithTriviaFrom(expression);

    private static ExpressionSyntax? Mask(ExpressionSyntax expression, SemanticModel model, string? maskText, CancellationToken cancellationToken)
    {
        if (!ulong.TryParse(maskText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong tagMask))
        {
            return null;
        }

        ITypeSymbol? type;
        try
        {
            type = model.GetTypeInfo(expression, cancellationToken).Type;
        }
        catch (System.Exception exception) when (StackExhaustion.Is(exception))
        {
            return null;
        }

        bool simplify = !IsDeeperThan(BoundWhole(expression), SimplifiedDepth);
        SyntaxAnnotation[] annotations = simplify ? new[] { Simplifier.Annotation, Formatter.Annotation } : new[] { Formatter.Annotation };
        ExpressionSyntax untagMask = UntagMaskExpression(tagMask, simplify);
        ExpressionSyntax operand = Operand(expression.WithoutTrivia());
        if (type?.SpecialType == SpecialType.System_UInt64)
        {
            return Parenthesized(BinaryExpression(SyntaxKind.BitwiseAndExpression, operand, untagMask), expression)
                .WithAdditionalAnnotations(annotations);
        }

        if (type is null)
        {
            return null;
        }

        // Other integers and pointers go through ulong and back, so the expression keeps its type.
        TypeSyntax typeSyntax = ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        ExpressionSyntax asUlong = CastExpression(PredefinedType(Token(SyntaxKind.ULongKeyword)), operand);
        ExpressionSyntax masked = ParenthesizedExpression(BinaryExpression(SyntaxKind.BitwiseAndExpression, asUlong, untagMask));
        return CastExpression(typeSyntax, masked)
            .WithTriviaFrom(expression)
            .WithAdditionalAnnotations(annotations);
    }

    // What the compiler binds together with the expression: its member (all top-level statements for one of them).
    private static SyntaxNode BoundWhole(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is GlobalStatementSyntax { Parent: { } unit })
            {
                return unit;
            }

            if (ancestor is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not NamespaceDeclarationSyntax and not FileScopedNamespaceDeclarationSyntax)
            {
                return ancestor;
            }
        }

        return node;
    }

    // An explicit stack: the expression may be nested deeper than a recursion could go.
    private static bool IsDeeperThan(SyntaxNode root, int limit)
    {
        var pending = new System.Collections.Generic.Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            (SyntaxNode node, int depth) = pending.Pop();
            if (depth > limit)
            {
                return true;
            }

            foreach (SyntaxNode child in node.ChildNodes())
            {
                pending.Push((child, depth + 1));
            }
        }

        return false;
    }

    // A & binds looser than most operators: keep the masked expression one operand wherever it lands.
    private static ExpressionSyntax Parenthesized(ExpressionSyntax masked, ExpressionSyntax original) =>
        (original.Parent is ArgumentSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
            ? masked
            : ParenthesizedExpression(masked)).WithTriviaFrom(original);

    private static ExpressionSyntax UntagMaskExpression(ulong tagMask, bool simplify)
    {
        string? scheme = (tagMask & ~KnownSymbols.LamU57TagMask) == 0 ? "LamU57"
            : (tagMask & ~KnownSymbols.LamU48TagMask) == 0 ? "LamU48"
            : (tagMask & ~KnownSymbols.ArmTbiTagMask) == 0 ? "ArmTbi"
            : null;
        if (scheme is null)
        {
            string literal = "0x" + (~tagMask).ToString("X16", CultureInfo.InvariantCulture) + "UL";
            return LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(literal, ~tagMask));
        }

        ExpressionSyntax access = MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            ParseName("global::TaggedPtr." + scheme),
            IdentifierName("UntagMask"));
        return simplify ? access.WithAdditionalAnnotations(Simplifier.Annotation) : access;
    }

    private static ExpressionSyntax Operand(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or LiteralExpressionSyntax or ThisExpressionSyntax
            ? expression
            : ParenthesizedExpression(expression);
}
