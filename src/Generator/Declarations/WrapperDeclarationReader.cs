using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Declarations;

/// <summary>
/// Reads a <c>[TaggedPointer]</c> declaration from symbols into a <see cref="WrapperDeclaration"/>: the attribute
/// arguments, the fields, the pointee's alignment and every problem that is not about bits. The generator and the
/// analyzers both call this (the analyzers compile this file too), so they read declarations identically.
/// </summary>
internal static class WrapperDeclarationReader
{
    /// <summary>Metadata name of the attribute, for <c>ForAttributeWithMetadataName</c>.</summary>
    public const string AttributeMetadataName = "TaggedPtr.TaggedPointerAttribute";

    /// <summary>Metadata name of the generic attribute form.</summary>
    public const string GenericAttributeMetadataName = "TaggedPtr.TaggedPointerAttribute`1";

    /// <summary>
    /// Part of the path of every file the generator adds (<c>{assembly}/{generator type}/{hint}</c>). An analyzer sees
    /// those files in its compilation; members declared there are the generator's, not the user's.
    /// </summary>
    public const string GeneratedPathMarker = "TaggedPtr.Generator.TaggedPointerGenerator";

    private const string RuntimeNamespace = "TaggedPtr";

    /// <summary>True when <paramref name="type"/> carries either form of <c>[TaggedPointer]</c>.</summary>
    public static bool IsTaggedPointerAttributed(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsWrapperAttribute(attribute.AttributeClass, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the declaration on <paramref name="type"/>, or returns null when it carries no <c>[TaggedPointer]</c>.
    /// Never throws for any input except on cancellation.
    /// </summary>
    public static WrapperDeclaration? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        AttributeData? wrapperAttribute = null;
        bool isGenericForm = false;
        int wrapperAttributes = 0;
        var fieldAttributes = new List<(AttributeData Attribute, FieldRegion Region)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsWrapperAttribute(attribute.AttributeClass, out bool generic))
            {
                wrapperAttributes++;
                if (wrapperAttribute is null)
                {
                    wrapperAttribute = attribute;
                    isGenericForm = generic;
                }
            }
            else if (IsRuntimeAttribute(attribute.AttributeClass, "TagFieldAttribute"))
            {
                fieldAttributes.Add((attribute, FieldRegion.High));
            }
            else if (IsRuntimeAttribute(attribute.AttributeClass, "LowTagFieldAttribute"))
            {
                fieldAttributes.Add((attribute, FieldRegion.Low));
            }
        }

        if (wrapperAttribute is null)
        {
            return null;
        }

        var problems = new List<DeclarationProblem>();
        if (wrapperAttributes > 1)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.DuplicateAttribute,
                Format("{0} carries more than one [TaggedPointer] attribute", type.Name)));
        }

        CheckTypeShape(type, isGenericForm, problems, cancellationToken);
        ITypeSymbol? pointee = ReadWrapperArguments(
            type, wrapperAttribute, isGenericForm, problems, out int scheme, out int equality, out int alignment);
        CheckUserMembers(type, pointee, problems);
        CheckInstanceState(type, problems, cancellationToken);

        var fields = new List<DeclaredField>(fieldAttributes.Count);
        foreach ((AttributeData attribute, FieldRegion region) in fieldAttributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DeclaredField? field = ReadField(type, attribute, region, problems);
            if (field is not null)
            {
                fields.Add(field);
            }
        }

        var declarations = new FieldDeclaration[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            declarations[i] = fields[i].Declaration;
        }

        var request = new LayoutRequest(
            type.Name,
            pointee is null ? "?" : DisplayName(pointee),
            (LayoutScheme)scheme,
            pointee is null ? NaturalAlignment.Unknown : NaturalAlignment.Of(pointee),
            alignment,
            declarations,
            UserMemberNames(type));
        return new WrapperDeclaration(type, wrapperAttribute, isGenericForm, pointee, equality, fields, request, problems);
    }

    /// <summary>The name a message uses for a type: <c>Node</c>, <c>byte</c>, <c>Outer.Color</c>.</summary>
    public static string DisplayName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static void CheckTypeShape(
        INamedTypeSymbol type, bool isGenericForm, List<DeclarationProblem> problems, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Struct)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.NotAStruct,
                Format("{0} is a {1}; [TaggedPointer] applies to a partial struct", type.Name, type.IsRecord ? "record class" : "class")));
        }
        else if (type.IsRefLikeType)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.RefStruct,
                Format("{0} is a ref struct; a tagged pointer must be storable, so declare a plain partial struct", type.Name)));
        }

        if (type.IsFileLocal)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.FileLocal,
                Format("{0} is file-local; the generated part is another file and cannot join it", type.Name)));
        }

        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsFileLocal)
            {
                // The generated file would reopen a different, non-file-local type of the same name.
                problems.Add(new DeclarationProblem(
                    DeclarationProblemKind.FileLocal,
                    Format("{0}, which contains {1}, is file-local; the generated part is another file and cannot join it", container.Name, type.Name)));
            }
        }

        if (!IsPartial(type, cancellationToken))
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.NotPartial,
                Format("{0} must be declared partial", type.Name)));
        }

        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (!IsPartial(container, cancellationToken))
            {
                problems.Add(new DeclarationProblem(
                    DeclarationProblemKind.ContainingTypeNotPartial,
                    Format("{0}, which contains {1}, must be declared partial", container.Name, type.Name)));
            }
        }

        LanguageVersion version = LanguageVersionOf(type);
        if (version < LanguageVersion.CSharp8)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.LanguageVersionTooLow,
                Format("The generated wrapper needs C# 8 or later; {0} is compiled as C# {1}", type.Name, version.ToDisplayString())));
        }
        else if (isGenericForm && version < LanguageVersion.CSharp11)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.GenericAttributeNeedsCSharp11,
                Format("[TaggedPointer<T>] needs C# 11 or later ({0} is compiled as C# {1}); use [TaggedPointer(typeof(T))]", type.Name, version.ToDisplayString())));
        }

    }

    private static ITypeSymbol? ReadWrapperArguments(
        INamedTypeSymbol type,
        AttributeData attribute,
        bool isGenericForm,
        List<DeclarationProblem> problems,
        out int scheme,
        out int equality,
        out int alignment)
    {
        scheme = 0;
        equality = 0;
        alignment = 0;
        ITypeSymbol? pointee = null;
        if (isGenericForm)
        {
            if (attribute.AttributeClass is { TypeArguments.Length: 1 } generic)
            {
                pointee = generic.TypeArguments[0];
            }
        }
        else if (attribute.AttributeConstructor is not null
            && attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Type)
        {
            pointee = attribute.ConstructorArguments[0].Value as ITypeSymbol;
        }

        if (attribute.AttributeConstructor is null)
        {
            problems.Add(InvalidAttribute(type, attribute));
        }

        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (!(argument.Value.Value is int value))
            {
                problems.Add(InvalidAttribute(type, attribute));
                continue;
            }

            switch (argument.Key)
            {
                case "Scheme":
                    scheme = value;
                    break;
                case "Equality":
                    equality = value;
                    break;
                case "Alignment":
                    alignment = value;
                    break;
            }
        }

        if (equality is not (0 or 1))
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.UnknownEquality,
                Format("{0} is not a TagEquality (FullValue or AddressOnly)", equality),
                attribute));
        }

        if (pointee is null || pointee.TypeKind == TypeKind.Error)
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.PointeeNotUnmanaged,
                Format("[TaggedPointer] on {0} names no pointee type", type.Name),
                attribute));
            return null;
        }

        if (!pointee.IsUnmanagedType || pointee.IsRefLikeType || pointee.TypeKind is TypeKind.TypeParameter || IsOpenGeneric(pointee))
        {
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.PointeeNotUnmanaged,
                Format("{0} is not an unmanaged type; a tagged pointer needs an unmanaged pointee", DisplayName(pointee)),
                attribute));
        }
        else if (pointee.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            // int* is unmanaged, but the wrapper is built on TaggedPtr<T>, and a pointer type cannot be a type argument
            // (CS0306 in the generated file; found by the fuzzer). A pointer to a pointer is wrapped through a struct.
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.PointeeNotUnmanaged,
                Format("{0} is a pointer type, which cannot be a type argument; wrap it in a struct to point at it", DisplayName(pointee)),
                attribute));
        }
        else if (pointee.SpecialType == SpecialType.System_Void)
        {
            // typeof(void) is accepted by the attribute, and void* is a pointer, but void is no type argument (CS1547 in
            // the generated file; found by the fuzzer).
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.PointeeNotUnmanaged,
                Format("void cannot be a pointee; an untyped tagged pointer points at byte"),
                attribute));
        }
        else if (pointee.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            // int? is unmanaged when T is, but the unmanaged constraint of TaggedPtr<T> also asks for a non-nullable
            // value type (CS8377 in the generated file; found by the fuzzer).
            problems.Add(new DeclarationProblem(
                DeclarationProblemKind.PointeeNotUnmanaged,
                Format("{0} is a nullable value type, which the pointee of a tagged pointer cannot be; point at {1}", DisplayName(pointee), DisplayName(((INamedTypeSymbol)pointee).TypeArguments[0])),
                attribute));
        }
        else if (!AccessibilityRules.CanExpose(pointee, type))
        {
            problems.Add(LessAccessible(pointee, type, attribute));
        }

        return pointee;
    }

    private static DeclaredField? ReadField(
        INamedTypeSymbol type, AttributeData attribute, FieldRegion region, List<DeclarationProblem> problems)
    {
        var arguments = attribute.ConstructorArguments;
        if (attribute.AttributeConstructor is null
            || arguments.Length is < 1 or > 2
            || arguments[0].Value is not string name
            || (arguments.Length == 2 && arguments[1].Kind != TypedConstantKind.Type))
        {
            problems.Add(InvalidAttribute(type, attribute));
            return null;
        }

        ITypeSymbol? fieldType = arguments.Length == 2 ? arguments[1].Value as ITypeSymbol : null;
        int bits = 0;
        int offset = -1;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Value.Value is not int value)
            {
                problems.Add(InvalidAttribute(type, attribute));
                return null;
            }

            if (argument.Key == "Bits")
            {
                bits = value;
            }
            else if (argument.Key == "Offset")
            {
                offset = value;
            }
        }

        FieldDeclaration declaration;
        if (fieldType is null)
        {
            declaration = new FieldDeclaration(name, region, FieldKind.Unsigned, null, 0, bits, offset);
        }
        else
        {
            if (fieldType.TypeKind == TypeKind.Error || IsOpenGeneric(fieldType))
            {
                problems.Add(InvalidAttribute(type, attribute));
                return null;
            }

            declaration = Classify(name, region, fieldType, bits, offset);
            if (declaration.Kind == FieldKind.Enum && !AccessibilityRules.CanExpose(fieldType, type))
            {
                problems.Add(LessAccessible(fieldType, type, attribute));
            }
        }

        return new DeclaredField(attribute, declaration, fieldType);
    }

    private static FieldDeclaration Classify(string name, FieldRegion region, ITypeSymbol type, int bits, int offset)
    {
        string display = DisplayName(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return new FieldDeclaration(name, region, FieldKind.Bool, display, 1, bits, offset);
            case SpecialType.System_Byte:
                return new FieldDeclaration(name, region, FieldKind.Unsigned, display, 8, bits, offset);
            case SpecialType.System_UInt16:
                return new FieldDeclaration(name, region, FieldKind.Unsigned, display, 16, bits, offset);
            case SpecialType.System_UInt32:
                return new FieldDeclaration(name, region, FieldKind.Unsigned, display, 32, bits, offset);
            case SpecialType.System_UInt64:
                return new FieldDeclaration(name, region, FieldKind.Unsigned, display, 64, bits, offset);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            return new FieldDeclaration(
                name, region, FieldKind.Enum, display, UsableBits(underlying.SpecialType), bits, offset, EnumMembers(enumType));
        }

        return new FieldDeclaration(name, region, FieldKind.Unsupported, display, 0, bits, offset);
    }

    // How many bits of an enum's underlying type hold non-negative values.
    private static int UsableBits(SpecialType underlying) => underlying switch
    {
        SpecialType.System_Byte => 8,
        SpecialType.System_SByte => 7,
        SpecialType.System_UInt16 => 16,
        SpecialType.System_Int16 => 15,
        SpecialType.System_UInt32 => 32,
        SpecialType.System_Int32 => 31,
        SpecialType.System_UInt64 => 64,
        SpecialType.System_Int64 => 63,
        _ => 0,
    };

    private static EnumMemberValue[] EnumMembers(INamedTypeSymbol enumType)
    {
        var members = new List<EnumMemberValue>();
        foreach (ISymbol member in enumType.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true } field)
            {
                continue;
            }

            switch (field.ConstantValue)
            {
                case sbyte v: members.Add(Signed(field.Name, v)); break;
                case short v: members.Add(Signed(field.Name, v)); break;
                case int v: members.Add(Signed(field.Name, v)); break;
                case long v: members.Add(Signed(field.Name, v)); break;
                case byte v: members.Add(new EnumMemberValue(field.Name, v, false)); break;
                case ushort v: members.Add(new EnumMemberValue(field.Name, v, false)); break;
                case uint v: members.Add(new EnumMemberValue(field.Name, v, false)); break;
                case ulong v: members.Add(new EnumMemberValue(field.Name, v, false)); break;
            }
        }

        return members.ToArray();
    }

    private static EnumMemberValue Signed(string name, long value) =>
        value < 0
            ? new EnumMemberValue(name, unchecked((ulong)-(value + 1)) + 1, true)
            : new EnumMemberValue(name, (ulong)value, false);

    // Constructors and operators have no names the layout can compare, so they are checked here by signature.
    private static void CheckUserMembers(INamedTypeSymbol type, ITypeSymbol? pointee, List<DeclarationProblem> problems)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (!IsUserDeclared(member) || member is not IMethodSymbol method)
            {
                continue;
            }

            string? clash = method.MethodKind switch
            {
                MethodKind.Constructor when method.Parameters.Length == 1
                    && (method.Parameters[0].Type.SpecialType == SpecialType.System_UInt64
                        || (method.Parameters[0].Type is IPointerTypeSymbol pointer
                            && SymbolEqualityComparer.Default.Equals(pointer.PointedAtType, pointee))) =>
                    Format("a constructor {0}({1})", type.Name, DisplayName(method.Parameters[0].Type)),
                MethodKind.UserDefinedOperator when !type.IsRecord && method.Name is "op_Equality" or "op_Inequality" =>
                    Format("operator {0}", method.Name == "op_Equality" ? "==" : "!="),
                MethodKind.Conversion when IsRuntimePointer(method.ReturnType) || IsRuntimePointer(method.Parameters[0].Type) =>
                    "a conversion between it and TaggedPtr",
                _ => null,
            };
            if (clash is not null)
            {
                problems.Add(new DeclarationProblem(
                    DeclarationProblemKind.MemberCollision,
                    Format("{0} declares {1}, which the generator also declares", type.Name, clash)));
            }
        }
    }

    // Field order across partial declarations is unspecified, so any other instance field could even land before the
    // generated one; and a primary constructor forces every generated constructor to chain to it.
    private static void CheckInstanceState(INamedTypeSymbol type, List<DeclarationProblem> problems, CancellationToken cancellationToken)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            // A field-like event (no accessors written) has a hidden backing field that GetMembers does not list; the
            // generated constructors did not assign it (CS0171 before C# 11; found by the fuzzer).
            bool isState = member switch
            {
                IFieldSymbol { IsStatic: false, IsConst: false } field =>
                    IsUserDeclared(field.AssociatedSymbol is { } property ? property : field, allowImplicit: field.AssociatedSymbol is not null),
                IEventSymbol fieldLikeEvent => IsFieldLikeEvent(fieldLikeEvent) && IsUserDeclared(fieldLikeEvent),
                _ => false,
            };
            if (isState)
            {
                problems.Add(new DeclarationProblem(
                    DeclarationProblemKind.InstanceState,
                    Format(
                        "{0} declares instance state '{1}'; a wrapper holds only its generated 64-bit value",
                        type.Name,
                        (member as IFieldSymbol)?.AssociatedSymbol?.Name ?? member.Name)));
            }
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null } declaration
                && declaration.SyntaxTree.FilePath.IndexOf(GeneratedPathMarker, StringComparison.Ordinal) < 0)
            {
                problems.Add(new DeclarationProblem(
                    DeclarationProblemKind.InstanceState,
                    Format("{0} has a primary constructor; a wrapper holds only its generated 64-bit value", type.Name)));
            }
        }
    }

    // An instance event declared without accessors, which the compiler gives a backing field. Not an extern event or
    // the defining part of a partial event: their accessors are made by the compiler too, but they have no field.
    private static bool IsFieldLikeEvent(IEventSymbol symbol)
    {
        if (symbol.IsStatic || symbol.IsExtern || symbol.IsAbstract || symbol.AddMethod is not { IsImplicitlyDeclared: true })
        {
            return false;
        }

        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Parent.Parent: EventFieldDeclarationSyntax declaration } &&
                !declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && !declaration.Modifiers.Any(SyntaxKind.ExternKeyword))
            {
                return true;
            }
        }

        return false;
    }

    // typeof(Outer<>.Node) names a type inside an unbound generic: it has no spelling a member signature could use.
    private static bool IsOpenGeneric(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current is INamedTypeSymbol { IsUnboundGenericType: true })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRuntimePointer(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "TaggedPtr", ContainingType: null } named && IsInRuntimeNamespace(named);

    private static string[] UserMemberNames(INamedTypeSymbol type)
    {
        var names = new List<string>();
        foreach (ISymbol member in type.GetMembers())
        {
            // Constructors, operators and compiler-synthesized record members are not names a field could take.
            if (member.CanBeReferencedByName && IsUserDeclared(member))
            {
                names.Add(member.Name);
            }
        }

        // A member may not share its name with a type parameter of its type either.
        foreach (ITypeParameterSymbol parameter in type.TypeParameters)
        {
            names.Add(parameter.Name);
        }

        return names.ToArray();
    }

    // Not synthesized by the compiler and not added by this generator (visible when an analyzer reads the declaration).
    private static bool IsUserDeclared(ISymbol member, bool allowImplicit = false)
    {
        if (member.IsImplicitlyDeclared && !allowImplicit)
        {
            return false;
        }

        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.IndexOf(GeneratedPathMarker, StringComparison.Ordinal) < 0)
            {
                return true;
            }
        }

        // Metadata members have no syntax; the wrapper being generated is always in source.
        return member.DeclaringSyntaxReferences.IsEmpty;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                foreach (SyntaxToken modifier in declaration.Modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.PartialKeyword))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static LanguageVersion LanguageVersionOf(INamedTypeSymbol type)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.Options is CSharpParseOptions options)
            {
                return options.LanguageVersion;
            }
        }

        return LanguageVersion.Latest;
    }

    private static bool IsWrapperAttribute(INamedTypeSymbol? attributeClass, out bool isGenericForm)
    {
        isGenericForm = attributeClass is { Arity: 1 };
        return IsRuntimeAttribute(attributeClass, "TaggedPointerAttribute") && attributeClass!.Arity <= 1;
    }

    private static bool IsRuntimeAttribute(INamedTypeSymbol? attributeClass, string name) =>
        attributeClass is { ContainingType: null } && attributeClass.Name == name && IsInRuntimeNamespace(attributeClass);

    private static bool IsInRuntimeNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: RuntimeNamespace } ns && ns.ContainingNamespace is { IsGlobalNamespace: true };

    private static DeclarationProblem InvalidAttribute(INamedTypeSymbol type, AttributeData attribute) =>
        new(
            DeclarationProblemKind.InvalidAttribute,
            Format("An argument of [{0}] on {1} could not be read", attribute.AttributeClass?.Name ?? "?", type.Name),
            attribute);

    private static DeclarationProblem LessAccessible(ITypeSymbol exposed, INamedTypeSymbol type, AttributeData attribute) =>
        new(
            DeclarationProblemKind.LessAccessibleType,
            Format("{0} is less accessible than {1}, whose public members expose it", DisplayName(exposed), type.Name),
            attribute);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
