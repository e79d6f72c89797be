using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TaggedPtr.Analyzers.Symbols;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Analyzers.Rules;

/// <summary>
/// TPTR0010–TPTR0020 (and TPTR0003 for enum members): why the generator produced nothing for a <c>[TaggedPointer]</c>
/// declaration. Every problem comes from the generator's own reader and layout calculator, with their numbers
/// ("6 tag bits available in LAM_U57, 7 requested"); this analyzer only chooses the rule and the location.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WrapperDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TagOutOfRange,
        DiagnosticDescriptors.WrapperNotPartial,
        DiagnosticDescriptors.WrapperNotStruct,
        DiagnosticDescriptors.PointeeNotUnmanaged,
        DiagnosticDescriptors.HighFieldsOverBudget,
        DiagnosticDescriptors.LowFieldsOverAlignment,
        DiagnosticDescriptors.FieldsOverlap,
        DiagnosticDescriptors.FieldNameCollides,
        DiagnosticDescriptors.UnsupportedLanguageVersion,
        DiagnosticDescriptors.UnsafeCodeNotAllowed,
        DiagnosticDescriptors.InvalidFieldDeclaration,
        DiagnosticDescriptors.WrapperNotSeenByGenerator);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed: the wrapper's user-written declaration is never generated, and the generated
        // half must not count as the user's (the reader tells the two apart by the generator's file path).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        KnownSymbols.WhenRuntimeIsReferenced(context, (start, symbols) =>
        {
            if (symbols.TaggedPointerAttribute is null && symbols.TaggedPointerAttributeGeneric is null)
            {
                return;
            }

            bool allowUnsafe = start.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
            start.RegisterSymbolAction(symbol => Analyze(symbol, symbols, allowUnsafe), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols, bool allowUnsafe)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.GetWrapper(type) is not { } wrapper)
        {
            return;
        }

        WrapperDeclaration declaration = wrapper.Declaration;
        Location typeLocation = TypeLocation(type);
        Location attributeLocation = Locate(declaration.Attribute) ?? typeLocation;
        Queue<int> containerDepths = NonPartialContainerDepths(type);
        foreach (DeclarationProblem problem in declaration.Problems)
        {
            DiagnosticDescriptor descriptor = problem.Kind switch
            {
                DeclarationProblemKind.NotPartial or DeclarationProblemKind.ContainingTypeNotPartial => DiagnosticDescriptors.WrapperNotPartial,
                DeclarationProblemKind.NotAStruct or DeclarationProblemKind.RefStruct => DiagnosticDescriptors.WrapperNotStruct,
                DeclarationProblemKind.PointeeNotUnmanaged => DiagnosticDescriptors.PointeeNotUnmanaged,
                DeclarationProblemKind.LanguageVersionTooLow or DeclarationProblemKind.GenericAttributeNeedsCSharp11 => DiagnosticDescriptors.UnsupportedLanguageVersion,
                DeclarationProblemKind.MemberCollision => DiagnosticDescriptors.FieldNameCollides,
                _ => DiagnosticDescriptors.InvalidFieldDeclaration,
            };
            // Problems of the type itself go on its name; problems of what the attributes say go on the attribute.
            Location location = descriptor == DiagnosticDescriptors.WrapperNotPartial || descriptor == DiagnosticDescriptors.WrapperNotStruct ||
                problem.Kind == DeclarationProblemKind.FileLocal
                ? typeLocation
                : Locate(problem.Attribute) ?? attributeLocation;
            ImmutableDictionary<string, string?> properties = problem.Kind switch
            {
                DeclarationProblemKind.NotPartial => PartialDepth(0),
                DeclarationProblemKind.ContainingTypeNotPartial when containerDepths.Count > 0 => PartialDepth(containerDepths.Dequeue()),
                _ => ImmutableDictionary<string, string?>.Empty,
            };
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, problem.Message));
        }

        LayoutResult layout = wrapper.Layout;
        foreach (LayoutProblem problem in layout.Problems)
        {
            ReportLayoutProblem(context, declaration, problem, attributeLocation);
        }

        if (!allowUnsafe && declaration.Problems.Count == 0 && layout.IsValid)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsafeCodeNotAllowed, attributeLocation, type.Name));
        }

        // Not conditioned on the generator having run: the package ships both, and a wrapper whose only possible
        // generated file is the skipped one would leave no sign that it ran.
        if (declaration.Problems.Count == 0 && layout.IsValid && !HasGeneratedPart(type) &&
            RepeatedAlias(declaration.Attribute, context.CancellationToken) is { } alias)
        {
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.AttributeName, OwnName(declaration.Attribute!.AttributeClass!));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.WrapperNotSeenByGenerator, alias.GetLocation(), properties, type.Name, alias.Identifier.ValueText));
        }
    }

    private static bool IsGenerated(SyntaxTree tree) =>
        tree.FilePath.IndexOf(WrapperDeclarationReader.GeneratedPathMarker, System.StringComparison.Ordinal) >= 0;

    private static bool HasGeneratedPart(INamedTypeSymbol type)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (IsGenerated(reference.SyntaxTree))
            {
                return true;
            }
        }

        return false;
    }

    // Roslyn's ForAttributeWithMetadataName matches attribute names in the syntax, following using aliases; after an
    // alias matches once, it stays in the search's set of names already tried (which guards against alias cycles) for
    // the rest of the file, so every later attribute written with it is skipped. The name of the attribute when it is
    // such a later use, else null. Only then is the missing file explained; any other cause is not guessed at.
    private static SimpleNameSyntax? RepeatedAlias(AttributeData? attribute, System.Threading.CancellationToken cancellationToken)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax ||
            UnqualifiedName(syntax.Name) is not { } name ||
            name.Identifier.ValueText is "TaggedPointer" or "TaggedPointerAttribute")
        {
            return null;
        }

        foreach (SyntaxNode node in syntax.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(node => node.SpanStart < syntax.SpanStart))
        {
            if (node is AttributeSyntax earlier && earlier.SpanStart < syntax.SpanStart &&
                UnqualifiedName(earlier.Name)?.Identifier.ValueText == name.Identifier.ValueText)
            {
                return name;
            }
        }

        return null;
    }

    private static SimpleNameSyntax? UnqualifiedName(NameSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple,
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax aliased => aliased.Name,
        _ => null,
    };

    // global::TaggedPtr.TaggedPointer or global::TaggedPtr.TaggedPointer<global::N.Node>: the attribute's own name,
    // which the search matches directly, never through an alias.
    private static string OwnName(INamedTypeSymbol attributeClass)
    {
        string name = attributeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        const string Suffix = "Attribute";
        int generic = name.IndexOf('<');
        int end = generic < 0 ? name.Length : generic;
        return end >= Suffix.Length && string.CompareOrdinal(name, end - Suffix.Length, Suffix, 0, Suffix.Length) == 0
            ? name.Substring(0, end - Suffix.Length) + name.Substring(end)
            : name;
    }

    private static void ReportLayoutProblem(SymbolAnalysisContext context, WrapperDeclaration declaration, LayoutProblem problem, Location attributeLocation)
    {
        IReadOnlyList<FieldDeclaration> fields = declaration.Request.Fields;
        FieldDeclaration? field = problem.FieldIndex >= 0 && problem.FieldIndex < fields.Count ? fields[problem.FieldIndex] : null;
        Location location = problem.FieldIndex >= 0 && problem.FieldIndex < declaration.Fields.Count
            ? Locate(declaration.Fields[problem.FieldIndex].Attribute) ?? attributeLocation
            : attributeLocation;
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        DiagnosticDescriptor descriptor;
        switch (problem.Kind)
        {
            case LayoutProblemKind.HighBitsExceeded:
            case LayoutProblemKind.LowBitsExceeded:
            {
                FieldRegion region = problem.Kind == LayoutProblemKind.LowBitsExceeded ? FieldRegion.Low : FieldRegion.High;
                descriptor = region == FieldRegion.Low ? DiagnosticDescriptors.LowFieldsOverAlignment : DiagnosticDescriptors.HighFieldsOverBudget;

                // The budget belongs to the region, not to a field: the report goes on the region's last field, the
                // one the fix removes or narrows.
                int last = LastFieldIn(fields, region);
                if (last >= 0 && last < declaration.Fields.Count)
                {
                    location = Locate(declaration.Fields[last].Attribute) ?? attributeLocation;
                    properties = FixProperties(fields[last], problem);
                }

                break;
            }

            case LayoutProblemKind.FieldOutsideRegion:
                descriptor = field?.Region == FieldRegion.Low ? DiagnosticDescriptors.LowFieldsOverAlignment : DiagnosticDescriptors.HighFieldsOverBudget;
                break;
            case LayoutProblemKind.Overlap:
            case LayoutProblemKind.DuplicateName:
                descriptor = DiagnosticDescriptors.FieldsOverlap;
                break;
            case LayoutProblemKind.NameCollision:
                descriptor = DiagnosticDescriptors.FieldNameCollides;
                break;
            case LayoutProblemKind.EnumMemberDoesNotFit:
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TagOutOfRange, location, problem.Message));
                return;
            default:
                descriptor = DiagnosticDescriptors.InvalidFieldDeclaration;
                break;
        }

        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, problem.Message));
    }

    private static ImmutableDictionary<string, string?> PartialDepth(int depth) =>
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.PartialDepth, depth.ToString(CultureInfo.InvariantCulture));

    // The reader reports containing types that are not partial from the innermost outwards; the same walk gives each
    // report its nesting depth, so each fix edits exactly one declaration and Fix All merges cleanly.
    private static Queue<int> NonPartialContainerDepths(INamedTypeSymbol type)
    {
        var depths = new Queue<int>();
        int depth = 1;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType, depth++)
        {
            bool partial = false;
            foreach (SyntaxReference reference in container.DeclaringSyntaxReferences)
            {
                partial |= reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration &&
                           declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
            }

            if (!partial)
            {
                depths.Enqueue(depth);
            }
        }

        return depths;
    }

    private static int LastFieldIn(IReadOnlyList<FieldDeclaration> fields, FieldRegion region)
    {
        for (int i = fields.Count - 1; i >= 0; i--)
        {
            if (fields[i].Region == region)
            {
                return i;
            }
        }

        return -1;
    }

    // Removing the field is offered when the rest then fits; narrowing when the field is a plain unsigned field that
    // still has at least one bit after giving up the excess.
    private static ImmutableDictionary<string, string?> FixProperties(FieldDeclaration field, LayoutProblem problem)
    {
        long excess = (long)problem.Requested - problem.Available;
        int width = WidthOf(field);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FieldName, field.Name);
        if (width > 0 && excess > 0 && excess < width && field.Kind == FieldKind.Unsigned && field.Bits > 0 && field.Offset < 0)
        {
            properties = properties.Add(DiagnosticProperties.FittingBits, (width - excess).ToString(CultureInfo.InvariantCulture));
        }

        if (width > 0 && excess <= width)
        {
            properties = properties.Add(DiagnosticProperties.RemovalFits, "true");
        }

        return properties;
    }

    // The width the calculator gives a field that passed its own checks (budget problems come after those).
    private static int WidthOf(FieldDeclaration field)
    {
        if (field.Bits > 0)
        {
            return field.Bits;
        }

        if (field.Kind == FieldKind.Bool)
        {
            return 1;
        }

        ulong largest = 0;
        foreach (EnumMemberValue member in field.EnumMembers)
        {
            largest = member.Value > largest ? member.Value : largest;
        }

        return field.Kind == FieldKind.Enum ? System.Math.Max(1, 64 - KnownSymbols.LeadingZeros(largest)) : 0;
    }

    private static Location? Locate(AttributeData? attribute) => attribute?.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    // The identifier of the first declaration written by the user (the generated half has the generator's path).
    private static Location TypeLocation(INamedTypeSymbol type)
    {
        Location? fallback = null;
        foreach (Location location in type.Locations)
        {
            if (location.IsInSource && location.SourceTree is { } tree && !IsGenerated(tree))
            {
                return location;
            }

            fallback ??= location;
        }

        return fallback ?? Location.None;
    }
}
