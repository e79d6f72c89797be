using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// TPTR0001: declare LAM/SVA coexistence (<c>[LamSvaCoexistence]</c>) on the enclosing method, the enclosing type or the
/// assembly; the diagnostic becomes TPTR0002. Three actions with three equivalence keys, so Fix All applies one scope.
/// </summary>
/// <remarks>
/// Fix All merges the edit of every diagnostic; identical edits merge into one. So each scope always picks the same
/// place for the same target: the first declaration of a partial type, and one document per project for the assembly
/// attribute (<c>AssemblyInfo.cs</c> if there is one, else the first document by path), never a duplicate attribute.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareCoexistenceCodeFixProvider))]
[Shared]
public sealed class DeclareCoexistenceCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of the method-scope action.</summary>
    public const string MethodKey = "TPTR.DeclareCoexistence.Method";

    /// <summary>Equivalence key of the type-scope action.</summary>
    public const string TypeKey = "TPTR.DeclareCoexistence.Type";

    /// <summary>Equivalence key of the assembly-scope action.</summary>
    public const string AssemblyKey = "TPTR.DeclareCoexistence.Assembly";

    private const string AttributeName = "global::TaggedPtr.LamSvaCoexistence";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TaggedValueToDevice);

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

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            Document document = context.Document;

            if (EnclosingMethod(node) is { } method)
            {
                string name = method is MethodDeclarationSyntax named ? named.Identifier.ValueText
                    : method is ConstructorDeclarationSyntax constructor ? constructor.Identifier.ValueText
                    : "this accessor";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare LAM/SVA coexistence on '{name}'",
                        cancellationToken => AddAttributeAsync(document, method, cancellationToken),
                        MethodKey),
                    diagnostic);
            }

            if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type &&
                model.GetDeclaredSymbol(type, context.CancellationToken) is { } typeSymbol)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare LAM/SVA coexistence on type '{typeSymbol.Name}'",
                        cancellationToken => AddToTypeAsync(document.Project.Solution, typeSymbol, cancellationToken),
                        TypeKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Declare LAM/SVA coexistence for the assembly",
                    cancellationToken => AddToAssemblyAsync(document.Project, cancellationToken),
                    AssemblyKey),
                diagnostic);
        }
    }

    // The member that owns the code: a lambda or local function inside it is covered by the member's attribute.
    private static SyntaxNode? EnclosingMethod(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax or ConstructorDeclarationSyntax or AccessorDeclarationSyntax:
                    return ancestor;
                case BaseTypeDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or IndexerDeclarationSyntax:
                    // Expression-bodied properties and field initializers have no method to carry the attribute.
                    return null;
            }
        }

        return null;
    }

    private static AttributeSyntax CoexistenceAttribute() =>
        Attribute(ParseName(AttributeName).WithAdditionalAnnotations(Simplifier.Annotation));

    private static async Task<Document> AddAttributeAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.AddAttribute(declaration, CoexistenceAttribute());
        return editor.GetChangedDocument();
    }

    private static async Task<Solution> AddToTypeAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        // The first declaration, by file and position, so every fix of a partial type edits the same one.
        SyntaxReference? first = type.DeclaringSyntaxReferences
            .OrderBy(reference => reference.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(reference => reference.Span.Start)
            .FirstOrDefault();
        if (first is null || solution.GetDocument(first.SyntaxTree) is not { } document)
        {
            return solution;
        }

        SyntaxNode declaration = await first.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        Document changed = await AddAttributeAsync(document, declaration, cancellationToken).ConfigureAwait(false);
        return changed.Project.Solution;
    }

    private static async Task<Solution> AddToAssemblyAsync(Project project, CancellationToken cancellationToken)
    {
        Document? target = project.Documents
            .Where(document => document.SupportsSyntaxTree && document.FilePath is not null)
            .OrderBy(document => string.Equals(document.Name, "AssemblyInfo.cs", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(document => document.FilePath, StringComparer.Ordinal)
            .FirstOrDefault();
        if (target is null || await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return project.Solution;
        }

        AttributeListSyntax list = AttributeList(
                AttributeTargetSpecifier(Token(SyntaxKind.AssemblyKeyword)),
                SingletonSeparatedList(CoexistenceAttribute()))
            .WithAdditionalAnnotations(Formatter.Annotation);
        CompilationUnitSyntax updated = root.WithAttributeLists(root.AttributeLists.Add(list));
        return target.WithSyntaxRoot(updated).Project.Solution;
    }
}
