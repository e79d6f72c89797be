using System;
using System.Collections.Generic;

namespace TaggedPtr.Generator.Layout;

/// <summary>One <c>[TagField]</c> or <c>[LowTagField]</c> as the user wrote it, before any validation.</summary>
internal sealed class FieldDeclaration
{
    /// <summary>A field declaration.</summary>
    /// <param name="name">The property name the wrapper gets.</param>
    /// <param name="region">High (<c>[TagField]</c>) or low (<c>[LowTagField]</c>) bits.</param>
    /// <param name="kind">What the declared type is.</param>
    /// <param name="typeName">The declared type as the user sees it (<c>Color</c>, <c>byte</c>), or null when no type was given.</param>
    /// <param name="typeBits">
    /// How many bits the declared type can hold as a non-negative value: 8/16/32/64 for the unsigned types, the width of the
    /// underlying type for an enum (one less when it is signed), 0 when no type was given or it does not matter.
    /// </param>
    /// <param name="bits">The <c>Bits</c> argument; 0 when it was not given.</param>
    /// <param name="offset">The <c>Offset</c> argument; -1 (placed after the previous field of the region) when not given.</param>
    /// <param name="enumMembers">The members of an enum type; empty otherwise.</param>
    public FieldDeclaration(
        string name,
        FieldRegion region,
        FieldKind kind,
        string? typeName,
        int typeBits,
        int bits,
        int offset = -1,
        IReadOnlyList<EnumMemberValue>? enumMembers = null)
    {
        Name = name ?? string.Empty;
        Region = region;
        Kind = kind;
        TypeName = typeName;
        TypeBits = typeBits;
        Bits = bits;
        Offset = offset;
        EnumMembers = enumMembers ?? Array.Empty<EnumMemberValue>();
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>High or low bits.</summary>
    public FieldRegion Region { get; }

    /// <summary>The kind of the declared type.</summary>
    public FieldKind Kind { get; }

    /// <summary>The declared type's display name, or null when none was given.</summary>
    public string? TypeName { get; }

    /// <summary>How many bits the declared type holds as a non-negative value (0: no type, or not relevant).</summary>
    public int TypeBits { get; }

    /// <summary>The requested width; 0 when not given.</summary>
    public int Bits { get; }

    /// <summary>The requested offset within the region, or -1.</summary>
    public int Offset { get; }

    /// <summary>The enum members (empty unless <see cref="Kind"/> is <see cref="FieldKind.Enum"/>).</summary>
    public IReadOnlyList<EnumMemberValue> EnumMembers { get; }
}
