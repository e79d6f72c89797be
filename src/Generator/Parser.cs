using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Helpers;
using TaggedPtr.Generator.Layout;
using TaggedPtr.Generator.Model;

namespace TaggedPtr.Generator;

/// <summary>
/// Turns an attributed declaration into a <see cref="WrapperModel"/>, or null when it cannot be generated (the
/// analyzers report why, from the same <see cref="WrapperDeclarationReader"/> and <see cref="LayoutCalculator"/>).
/// </summary>
internal static class Parser
{
    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>The model for the attributed type of <paramref name="context"/>, or null.</summary>
    public static WrapperModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !CarriesAnAttribute(context))
        {
            return null;
        }

        try
        {
            return Parse(type, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator exception (CS8785) drops every wrapper in the compilation, not just this one. The analyzers run
            // the same reading code and report the failure (AD0001) against this declaration, so nothing is hidden.
            return null;
        }
    }

    // ForAttributeWithMetadataName matches attributes to a declaration by file, not by node: a partial type declared
    // twice in one file, with the attribute on one part, reaches the generator once per part, and two equal models
    // would be one hint name twice (found by the fuzzer, where the other part's attribute did not bind). Only the part
    // that carries the attribute counts; when both carry one, the reader reports the duplicate.
    private static bool CarriesAnAttribute(GeneratorAttributeSyntaxContext context)
    {
        foreach (AttributeData attribute in context.Attributes)
        {
            if (attribute.ApplicationSyntaxReference is { } reference && reference.GetSyntax().Parent?.Parent == context.TargetNode)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The model for <paramref name="type"/>, or null when it is not a valid wrapper declaration.</summary>
    public static WrapperModel? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!IsNamed(type))
        {
            // A declaration still being typed: the compiler reports the missing name, and a file reopening a type with
            // no name would not parse.
            return null;
        }

        WrapperDeclaration? declaration = WrapperDeclarationReader.Read(type, cancellationToken);
        if (declaration is null || declaration.Problems.Count != 0 || declaration.Pointee is null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        TagLayout? layout = LayoutCalculator.Calculate(declaration.Request).Layout;
        if (layout is null)
        {
            return null;
        }

        var fields = new FieldModel[layout.Fields.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            FieldLayout field = layout.Fields[i];
            string typeName = field.Kind switch
            {
                FieldKind.Bool => "bool",
                FieldKind.Enum => QualifiedName(declaration.Fields[field.DeclarationIndex].Type!),
                _ => UnsignedKeyword(field.StorageBits),
            };
            fields[i] = new FieldModel(
                field.Name, typeName, field.TypeName, field.Kind, field.Region, field.Shift, field.Bits, field.StorageBits, field.IsImplicit);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new WrapperModel(
            Hierarchy(type),
            QualifiedName(declaration.Pointee),
            WrapperDeclarationReader.DisplayName(declaration.Pointee),
            layout.Scheme.Scheme,
            layout.Scheme.Name,
            declaration.Equality == 1,
            type.IsRecord,
            type.IsReadOnly,
            layout.Alignment,
            layout.AddressMask,
            layout.LowFieldsMask,
            layout.HighFieldsMask,
            layout.Scheme.TagMask,
            new EquatableArray<FieldModel>(ImmutableArray.Create(fields)));
    }

    private static string UnsignedKeyword(int bits) => bits switch
    {
        8 => "byte",
        16 => "ushort",
        32 => "uint",
        _ => "ulong",
    };

    private static HierarchyInfo Hierarchy(INamedTypeSymbol type)
    {
        var types = new List<TypeDeclarationInfo>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            types.Add(Declaration(current));
        }

        types.Reverse();
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(NamespaceFormat)
            : string.Empty;
        return new HierarchyInfo(ns, new EquatableArray<TypeDeclarationInfo>(ImmutableArray.CreateRange(types)));
    }

    private static TypeDeclarationInfo Declaration(INamedTypeSymbol type)
    {
        string kind = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };
        string modifiers = type.TypeKind != TypeKind.Struct
            ? string.Empty
            : (type.IsReadOnly ? "readonly " : string.Empty) + (type.IsRefLikeType ? "ref " : string.Empty);
        var typeParameters = new string[type.TypeParameters.Length];
        for (int i = 0; i < typeParameters.Length; i++)
        {
            typeParameters[i] = Escape(type.TypeParameters[i].Name);
        }

        return new TypeDeclarationInfo(
            Escape(type.Name),
            type.MetadataName,
            modifiers.TrimEnd(),
            kind,
            new EquatableArray<string>(ImmutableArray.Create(typeParameters)));
    }

    // Every name the generated file spells: the types it reopens, their type parameters and their namespaces.
    private static bool IsNamed(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Name.Length == 0)
            {
                return false;
            }

            foreach (ITypeParameterSymbol parameter in current.TypeParameters)
            {
                if (parameter.Name.Length == 0)
                {
                    return false;
                }
            }
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    // The fully qualified name with every keyword, contextual ones included, escaped. FullyQualifiedFormat escapes
    // keywords (not contextual ones), except the names of record structs (Roslyn prints global::@if for a struct named
    // @if, but global::if for a record struct).
    private static string QualifiedName(ITypeSymbol type)
    {
        var name = new StringBuilder();
        foreach (SymbolDisplayPart part in type.ToDisplayParts(SymbolDisplayFormat.FullyQualifiedFormat))
        {
            string text = part.ToString();
            if (part.Kind != SymbolDisplayPartKind.Keyword && part.Symbol is INamespaceOrTypeSymbol or ITypeParameterSymbol &&
                !text.StartsWith("@", StringComparison.Ordinal) && IsAnyKeyword(text))
            {
                name.Append('@');
            }

            name.Append(text);
        }

        return name.ToString();
    }

    // Contextual keywords too: a type named record (or file, required, scoped) is written @record by the user, and an
    // unescaped "partial record struct record" in the generated file does not parse (found by the fuzzer). @ is valid
    // before any identifier, so escaping one more than needed changes nothing.
    private static string Escape(string identifier) => IsAnyKeyword(identifier) ? "@" + identifier : identifier;

    private static bool IsAnyKeyword(string text) =>
        SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(text) != SyntaxKind.None;
}
