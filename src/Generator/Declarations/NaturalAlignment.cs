using System;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Generator.Declarations;

/// <summary>
/// The alignment the CLR gives a type on x86-64, computed from symbols. It decides how many low bits a pointer to the
/// type always has clear, so it must never be overestimated: where it cannot be known it errs low.
/// </summary>
internal static class NaturalAlignment
{
    /// <summary>Returned when nothing is known (a struct from metadata, whose private fields may be stripped).</summary>
    public const int Unknown = 0;

    // Deep enough for any real struct; stops runaway recursion on broken (cyclic) code.
    private const int MaxDepth = 32;

    /// <summary>The alignment of <paramref name="type"/> in bytes, or <see cref="Unknown"/>.</summary>
    public static int Of(ITypeSymbol type) => Of(type, 0);

    private static int Of(ITypeSymbol type, int depth)
    {
        if (depth > MaxDepth)
        {
            return Unknown;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Char:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Single:
                return 4;
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Double:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return 8;
        }

        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return 8;
        }

        if (type is not INamedTypeSymbol named)
        {
            return Unknown;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return named.EnumUnderlyingType is { } underlying ? Of(underlying, depth + 1) : Unknown;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            // Nullable<T> is { bool hasValue; T value; }.
            return Math.Max(1, Of(named.TypeArguments[0], depth + 1));
        }

        if (named.TypeKind != TypeKind.Struct)
        {
            return Unknown;
        }

        if (WrapperDeclarationReader.IsTaggedPointerAttributed(named))
        {
            // Its generated part (not visible in the generator's input) holds one ulong.
            return 8;
        }

        if (named.DeclaringSyntaxReferences.IsEmpty)
        {
            // Reference assemblies strip private fields and Pack is not visible on metadata symbols: no promise.
            return Unknown;
        }

        return OfSourceStruct(named, depth);
    }

    private static int OfSourceStruct(INamedTypeSymbol type, int depth)
    {
        int alignment = 1;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
            {
                continue;
            }

            ITypeSymbol fieldType = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol buffer
                ? buffer.PointedAtType
                : field.Type;

            // A field of unknown alignment is at least 1-aligned: the known fields still give a safe lower bound.
            alignment = Math.Max(alignment, Of(fieldType, depth + 1));
        }

        int pack = PackOf(type);
        return pack > 0 && pack < alignment ? pack : alignment;
    }

    private static int PackOf(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { Name: nameof(StructLayoutAttribute) } attributeClass
                || attributeClass.ContainingNamespace?.ToDisplayString() != "System.Runtime.InteropServices")
            {
                continue;
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == nameof(StructLayoutAttribute.Pack) && argument.Value.Value is int pack)
                {
                    return pack;
                }
            }
        }

        return 0;
    }
}
