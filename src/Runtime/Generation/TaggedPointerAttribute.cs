using System;

namespace TaggedPtr;

/// <summary>
/// Generates a typed tagged-pointer wrapper in the attributed <c>partial struct</c>: construction with validation, a
/// typed getter and <c>WithX</c> for every <see cref="TagFieldAttribute"/> and <see cref="LowTagFieldAttribute"/>, the
/// untagged pointer, equality, formatting and atomics. Without any field, the wrapper has one unnamed
/// <c>Tag</c> field that spans the scheme.
/// </summary>
/// <example>
/// <code>
/// [TaggedPointer(typeof(Node))]
/// [TagField("Color", typeof(Color), Bits = 1)]
/// [TagField("Version", Bits = 5)]
/// [LowTagField("Marked", typeof(bool), Bits = 1)]
/// public readonly partial struct NodePtr;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TaggedPointerAttribute : Attribute
{
    /// <summary>Declares the pointee.</summary>
    /// <param name="pointee">An unmanaged type.</param>
    public TaggedPointerAttribute(Type pointee) => Pointee = pointee;

    /// <summary>The pointee.</summary>
    public Type Pointee { get; }

    /// <summary>Where high tag fields live; <see cref="TagScheme.LamU57"/> by default.</summary>
    public TagScheme Scheme { get; set; }

    /// <summary>What equality compares; <see cref="TagEquality.FullValue"/> by default.</summary>
    public TagEquality Equality { get; set; }

    /// <summary>
    /// The alignment every pointer to the pointee has, in bytes (a power of two), when it is larger than the pointee's
    /// natural alignment (for example memory from an aligned allocator). 0 means the natural alignment. It sets how many
    /// low bits <see cref="LowTagFieldAttribute"/> fields may use.
    /// </summary>
    public int Alignment { get; set; }
}
