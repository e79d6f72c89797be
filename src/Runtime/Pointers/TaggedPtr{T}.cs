using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TaggedPtr;

/// <summary>
/// A pointer to an unmanaged <typeparamref name="T"/> with a 6-bit LAM_U57 tag in bits 62:57, stored as one 64-bit
/// value: the layout Linux enables with <c>arch_prctl(ARCH_ENABLE_TAGGED_ADDR, 6)</c>.
/// </summary>
/// <typeparam name="T">The pointee.</typeparam>
/// <remarks>
/// <code>
///  63 62        57 56                                              0
/// ┌──┬────────────┬─────────────────────────────────────────────────┐
/// │0 │ Tag (6)    │ address                                         │
/// └──┴────────────┴─────────────────────────────────────────────────┘
/// </code>
/// <para>This is <see cref="TaggedPtr{T, TScheme}"/> with <see cref="LamU57"/>; the two convert implicitly and every
/// member forwards. Equality compares the full value; see <see cref="AddressEquals"/> and <see cref="AddressComparer"/>.</para>
/// <para>Untagging is one <c>AND</c> with <c>0x81FFFFFFFFFFFFFF</c>, the kernel's LAM_U57 <c>untag_mask</c>.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly unsafe struct TaggedPtr<T> : IEquatable<TaggedPtr<T>>
    where T : unmanaged
{
    private readonly TaggedPtr<T, LamU57> _inner;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TaggedPtr(TaggedPtr<T, LamU57> inner) => _inner = inner;

    /// <summary>Wraps an untagged pointer with tag 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside bits 55:0.</exception>
    public TaggedPtr(T* pointer) => _inner = new TaggedPtr<T, LamU57>(pointer);

    /// <summary>Wraps an untagged pointer with a tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside bits 55:0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> is above 63.</exception>
    public TaggedPtr(T* pointer, ulong tag) => _inner = new TaggedPtr<T, LamU57>(pointer, tag);

    /// <summary>Wraps an untagged address with a tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> has bits set outside bits 55:0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> is above 63.</exception>
    public static TaggedPtr<T> FromAddress(ulong address, ulong tag = 0) => new(TaggedPtr<T, LamU57>.FromAddress(address, tag));

    /// <summary>Reinterprets a raw 64-bit value (address with its tag in bits 62:57).</summary>
    /// <exception cref="ArgumentException">Bit 63 or bit 56 is set.</exception>
    public static TaggedPtr<T> FromBits(ulong value) => new(TaggedPtr<T, LamU57>.FromBits(value));

    /// <summary>The null pointer with tag 0.</summary>
    public static TaggedPtr<T> Null => default;

    /// <summary>Width of the tag: 6.</summary>
    public static int TagBits => LamU57.TagBits;

    /// <summary>Largest tag: 63.</summary>
    public static ulong MaxTag => TaggedPtr<T, LamU57>.MaxTag;

    /// <summary>Compares addresses only, ignoring tags; the type's own equality compares the full value.</summary>
    public static IEqualityComparer<TaggedPtr<T>> AddressComparer { get; } =
        EqualityComparer<TaggedPtr<T>>.Create((a, b) => a.AddressEquals(b), p => p.Address.GetHashCode());

    /// <summary>The stored 64-bit value: address and tag together. This is what a device or the CPU would see.</summary>
    public ulong RawValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inner.RawValue;
    }

    /// <summary>The tag (0..63).</summary>
    public ulong Tag
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inner.Tag;
    }

    /// <summary>The untagged pointer (one <c>AND</c>).</summary>
    public T* Pointer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inner.Pointer;
    }

    /// <summary>The untagged address as a 64-bit value; what a device must be given (see <see cref="DeviceAddress"/>).</summary>
    public ulong Address
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inner.Address;
    }

    /// <summary>The pointee in host memory, reached through the untagged pointer.</summary>
    public ref T Target
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _inner.Target;
    }

    /// <summary>Element <paramref name="index"/> in host memory, reached through the untagged pointer.</summary>
    /// <param name="index">Element offset (scaled by <c>sizeof(T)</c>).</param>
    public ref T this[nint index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _inner[index];
    }

    /// <summary>True when the address is 0, whatever the tag.</summary>
    public bool IsNull
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inner.IsNull;
    }

    /// <summary>The same address with tag 0.</summary>
    public TaggedPtr<T> Untagged
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_inner.Untagged);
    }

    // WithTag is an extension method (TaggedPtrExtensions) so that it takes the pointer by value; this is its body.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TaggedPtr<T> SetTag(TaggedPtr<T> pointer, ulong tag) => new(TaggedPtr<T, LamU57>.SetTag(pointer._inner, tag));

    /// <summary>Another address with the same tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside bits 55:0.</exception>
    public TaggedPtr<T> WithPointer(T* pointer) => new(_inner.WithPointer(pointer));

    /// <summary>True when both point at the same address, whatever their tags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddressEquals(TaggedPtr<T> other) => _inner.AddressEquals(other._inner);

    /// <summary>Moves the address by <paramref name="elements"/> elements; the tag is kept.</summary>
    /// <exception cref="OverflowException">The address would leave bits 55:0 (and corrupt the tag).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T> operator +(TaggedPtr<T> pointer, nint elements) => new(pointer._inner + elements);

    /// <summary>Moves the address back by <paramref name="elements"/> elements; the tag is kept.</summary>
    /// <exception cref="OverflowException">The address would leave bits 55:0.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T> operator -(TaggedPtr<T> pointer, nint elements) => new(pointer._inner - elements);

    /// <summary>Distance in elements between two addresses (tags ignored).</summary>
    public static nint operator -(TaggedPtr<T> left, TaggedPtr<T> right) => left._inner - right._inner;

    /// <summary>Next element; the tag is kept.</summary>
    public static TaggedPtr<T> operator ++(TaggedPtr<T> pointer) => pointer + 1;

    /// <summary>Previous element; the tag is kept.</summary>
    public static TaggedPtr<T> operator --(TaggedPtr<T> pointer) => pointer - 1;

    /// <summary>Full-value equality (address and tag).</summary>
    public static bool operator ==(TaggedPtr<T> left, TaggedPtr<T> right) => left._inner == right._inner;

    /// <summary>Full-value inequality.</summary>
    public static bool operator !=(TaggedPtr<T> left, TaggedPtr<T> right) => left._inner != right._inner;

    /// <summary>The same bits as the general form.</summary>
    public static implicit operator TaggedPtr<T, LamU57>(TaggedPtr<T> pointer) => pointer._inner;

    /// <summary>The same bits as the LAM_U57 form.</summary>
    public static implicit operator TaggedPtr<T>(TaggedPtr<T, LamU57> pointer) => new(pointer);

    /// <summary>Full-value equality (address and tag).</summary>
    public bool Equals(TaggedPtr<T> other) => _inner == other._inner;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaggedPtr<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _inner.GetHashCode();

    /// <summary>Address and tag, for example <c>0x00007F12A4C01000 [LAM_U57 tag 0x2A]</c>.</summary>
    public override string ToString() => _inner.ToString();

    /// <summary>
    /// Atomically replaces <paramref name="location"/> with <paramref name="value"/> when it holds
    /// <paramref name="comparand"/> (full value). Returns the original value.
    /// </summary>
    public static TaggedPtr<T> CompareExchange(ref TaggedPtr<T> location, TaggedPtr<T> value, TaggedPtr<T> comparand) =>
        TaggedPtr<T, LamU57>.CompareExchange(ref Unsafe.As<TaggedPtr<T>, TaggedPtr<T, LamU57>>(ref location), value._inner, comparand._inner);

    /// <summary>Reads <paramref name="location"/> with acquire semantics.</summary>
    public static TaggedPtr<T> VolatileRead(ref TaggedPtr<T> location) =>
        TaggedPtr<T, LamU57>.VolatileRead(ref Unsafe.As<TaggedPtr<T>, TaggedPtr<T, LamU57>>(ref location));
}
