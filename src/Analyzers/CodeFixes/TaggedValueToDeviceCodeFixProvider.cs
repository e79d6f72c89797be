using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// TPTR0001/TPTR0002: hand the device the untagged address (first), or, for TPTR0001, declare LAM/SVA coexistence on
/// the enclosing method, the enclosing type or the assembly (three more actions). The diagnostic then disappears or
/// becomes TPTR0002.
/// </summary>
/// <remarks>
/// One provider with the untagging action registered first, on purpose: <c>dotnet format analyzers</c> applies, for a
/// diagnostic id, the first action of each provider in turn, so the safe rewrite must come before any declaration.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaggedValueToDeviceCodeFixProvider))]
[Shared]
public sealed class TaggedValueToDeviceCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "use the untagged address".</summary>
    public const string UntagKey = "TPTR.UseUntaggedAddress";

    /// <summary>Equivalence key of the method-scope declaration.</summary>
    public const string MethodKey = "TPTR.DeclareCoexistence.Method";

    /// <summary>Equivalence key of the type-scope declaration.</summary>
    public const string TypeKey = "TPTR.DeclareCoexistence.Type";

    /// <summary>Equivalence key of the assembly-scope declaration.</summary>
    public const string AssemblyKey = "TPTR.DeclareCoexistence.Assembly";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.TaggedValueToDevice, DiagnosticIds.TaggedValueToDeviceUnderCoexistence);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        Document document = context.Document;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.UntagFix, out string? kind) &&
                kind is not (null or DiagnosticProperties.UntagFixNone) &&
                node is ExpressionSyntax expression &&
                CanBind(model, expression, context.CancellationToken))
            {
                diagnostic.Properties.TryGetValue(DiagnosticProperties.TagMask, out string? maskText);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        kind == DiagnosticProperties.UntagFixUntagged ? "Use the untagged pointer (Untagged)" : "Use the untagged address",
                        cancellationToken => UntagRewrite.FixAsync(document, expression, kind, maskText, cancellationToken),
                        UntagKey),
                    diagnostic);
            }

            if (diagnostic.Id != DiagnosticIds.TaggedValueToDevice)
            {
                continue;
            }

            if (CoexistenceDeclaration.EnclosingMethod(node) is { } method)
            {
                string name = method is MethodDeclarationSyntax named ? named.Identifier.ValueText
                    : method is ConstructorDeclarationSyntax constructor ? constructor.Identifier.ValueText
                    : "this accessor";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare LAM/SVA coexistence on '{name}'",
                        cancellationToken => CoexistenceDeclaration.AddAttributeAsync(document, method, cancellationToken),
                        MethodKey),
                    diagnostic);
            }

            if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type &&
                model.GetDeclaredSymbol(type, context.CancellationToken) is { } typeSymbol)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare LAM/SVA coexistence on type '{typeSymbol.Name}'",
                        cancellationToken => CoexistenceDeclaration.AddToTypeAsync(document.Project.Solution, typeSymbol, cancellationToken),
                        TypeKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Declare LAM/SVA coexistence for the assembly",
                    cancellationToken => CoexistenceDeclaration.AddToAssemblyAsync(document.Project, cancellationToken),
                    AssemblyKey),
                diagnostic);
        }
    }

    // The rewrite asks for types inside the expression. An expression nested thousands deep makes the compiler's
    // binder give up (the build reports CS8078 there), and then there is nothing the rewrite could check.
    private static bool CanBind(SemanticModel model, ExpressionSyntax expression, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            _ = model.GetTypeInfo(expression, cancellationToken);
            return true;
        }
        catch (System.Exception exception) when (StackExhaustion.Is(exception))
        {
            return false;
        }
    }
}
