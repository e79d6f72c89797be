using System;

namespace TaggedPtr;

/// <summary>
/// A named field in the high tag bits of a <see cref="TaggedPointerAttribute"/> wrapper. Fields are placed from the
/// scheme's lowest tag bit upwards in declaration order, unless <see cref="Offset"/> places one explicitly.
/// </summary>
/// <remarks>
/// The type is <see cref="bool"/> (1 bit), an enum (whose every member must fit), or an unsigned integer type; without a
/// type, the smallest unsigned type that holds <see cref="Bits"/> bits is used. Unsigned fields get an
/// <c>IncrementX()</c> that wraps within the field: an ABA counter.
/// </remarks>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class TagFieldAttribute : Attribute
{
    /// <summary>An unsigned field.</summary>
    /// <param name="name">The property name the wrapper gets.</param>
    public TagFieldAttribute(string name) => Name = name;

    /// <summary>A field of the given type.</summary>
    /// <param name="name">The property name the wrapper gets.</param>
    /// <param name="type"><see cref="bool"/>, an enum, or an unsigned integer type.</param>
    public TagFieldAttribute(string name, Type type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The field type, or null for the smallest unsigned type that fits.</summary>
    public Type? Type { get; }

    /// <summary>Width in bits; required except for <see cref="bool"/> (1) and enums (derived from the largest member).</summary>
    public int Bits { get; set; }

    /// <summary>Bit offset from the scheme's lowest tag bit, or -1 (the default) to place it after the previous field.</summary>
    public int Offset { get; set; } = -1;
}
