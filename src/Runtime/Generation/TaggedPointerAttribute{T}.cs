using System;

namespace TaggedPtr;

/// <summary>
/// The generic form of <see cref="TaggedPointerAttribute"/> (C# 11 and later): <c>[TaggedPointer&lt;Node&gt;]</c>.
/// </summary>
/// <typeparam name="T">The pointee, an unmanaged type.</typeparam>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TaggedPointerAttribute<T> : Attribute
{
    /// <summary>Where high tag fields live; <see cref="TagScheme.LamU57"/> by default.</summary>
    public TagScheme Scheme { get; set; }

    /// <summary>What equality compares; <see cref="TagEquality.FullValue"/> by default.</summary>
    public TagEquality Equality { get; set; }

    /// <summary>The guaranteed alignment in bytes, when larger than the natural one (see <see cref="TaggedPointerAttribute.Alignment"/>).</summary>
    public int Alignment { get; set; }
}
