using System;

namespace TaggedPtr;

/// <summary>
/// A named field in the low alignment bits of a <see cref="TaggedPointerAttribute"/> wrapper (bit 0 upwards): as many
/// bits as the pointee's alignment leaves free (3 for an 8-byte aligned pointee). Needs no hardware support.
/// </summary>
/// <remarks>Same types and rules as <see cref="TagFieldAttribute"/>.</remarks>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class LowTagFieldAttribute : Attribute
{
    /// <summary>An unsigned field.</summary>
    /// <param name="name">The property name the wrapper gets.</param>
    public LowTagFieldAttribute(string name) => Name = name;

    /// <summary>A field of the given type.</summary>
    /// <param name="name">The property name the wrapper gets.</param>
    /// <param name="type"><see cref="bool"/>, an enum, or an unsigned integer type.</param>
    public LowTagFieldAttribute(string name, Type type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The field type, or null for the smallest unsigned type that fits.</summary>
    public Type? Type { get; }

    /// <summary>Width in bits; required except for <see cref="bool"/> and enums.</summary>
    public int Bits { get; set; }

    /// <summary>Bit offset from bit 0, or -1 (the default) to place it after the previous low field.</summary>
    public int Offset { get; set; } = -1;
}
