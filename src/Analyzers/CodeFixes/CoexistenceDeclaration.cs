using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TaggedPtr.Analyzers.CodeFixes;

/// <summary>
/// Declares LAM/SVA coexistence (<c>[LamSvaCoexistence]</c>) on a method, a type or the assembly.
/// </summary>
/// <remarks>
/// Fix All merges the edit of every diagnostic; identical edits merge into one. So each scope always picks the same
/// place for the same target: the first declaration of a partial type, and one document per project for the assembly
/// attribute (<c>AssemblyInfo.cs</c> if there is one, else the first document by path), never a duplicate attribute.
/// </remarks>
internal static class CoexistenceDeclaration
{
    private const string AttributeName = "global::TaggedPtr.LamSvaCoexistence";

    // The member that owns the code: a lambda or local function inside it is covered by the member's attribute.
    /// <summary>The method, constructor or accessor whose attribute covers <paramref name="node"/>, or null.</summary>
    public static SyntaxNode? EnclosingMethod(SyntaxNode node)
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

    /// <summary>Adds the attribute to a method, constructor or accessor.</summary>
    public static async Task<Document> AddAttributeAsync(Document document, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.AddAttribute(declaration, CoexistenceAttribute());
        return editor.GetChangedDocument();
    }

    /// <summary>Adds the attribute to the first declaration of a type.</summary>
    public static async Task<Solution> AddToTypeAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
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

    /// <summary>Adds the assembly attribute to the project's anchor document.</summary>
    public static async Task<Solution> AddToAssemblyAsync(Project project, CancellationToken cancellationToken)
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
