using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;

namespace TaggedPtr;

/// <summary>
/// A pointer to an unmanaged <typeparamref name="T"/> with a tag in the bits chosen by <typeparamref name="TScheme"/>,
/// stored as one 64-bit value. <see cref="TaggedPtr{T}"/> is the LAM_U57 form most code wants.
/// </summary>
/// <typeparam name="T">The pointee.</typeparam>
/// <typeparam name="TScheme">Where the tag lives (<see cref="LamU57"/>, <see cref="LamU48"/>, <see cref="ArmTbi"/>).</typeparam>
/// <remarks>
/// <para>Every layout constant comes from <typeparamref name="TScheme"/>, so the JIT specialises this type per scheme and
/// untagging is a single <c>AND</c> with an immediate.</para>
/// <para><b>Equality.</b> <c>==</c>, <see cref="Equals(TaggedPtr{T, TScheme})"/> and <see cref="GetHashCode"/> compare the
/// full 64-bit value, tag included (two pointers to the same node with different ABA counters are different values).
/// Use <see cref="AddressEquals"/> or <see cref="AddressComparer"/> to compare addresses only.</para>
/// <para>Dereferencing through <see cref="Target"/> reads host memory; to run code against the simulated x86-64 address
/// space (where the hardware decides what a tag means) pass <see cref="RawValue"/> to a
/// <see cref="Simulation.SimThread"/>.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly unsafe struct TaggedPtr<T, TScheme> : IEquatable<TaggedPtr<T, TScheme>>
    where T : unmanaged
    where TScheme : struct, ITagScheme
{
    private readonly ulong _value;

    // Trusted: callers have validated the value. The bool only distinguishes the overload.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TaggedPtr(ulong value, bool trusted)
    {
        _ = trusted;
        _value = value;
    }

    /// <summary>Wraps an untagged pointer with tag 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside the scheme's address bits.</exception>
    public TaggedPtr(T* pointer)
        : this(pointer, 0)
    {
    }

    /// <summary>Wraps an untagged pointer with a tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside the scheme's address bits.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> does not fit in <see cref="TagBits"/> bits.</exception>
    public TaggedPtr(T* pointer, ulong tag)
    {
        ulong address = (ulong)pointer;
        if ((address & ~TScheme.AddressMask) != 0)
        {
            ThrowHelper.NotAnUntaggedPointer(nameof(pointer), address, TScheme.AddressMask, TScheme.Name);
        }

        if (tag > MaxTag)
        {
            ThrowHelper.TagOutOfRange(nameof(tag), tag, TScheme.TagBits, TScheme.Name);
        }

        _value = address | (tag << TScheme.TagShift);
    }

    /// <summary>Wraps an untagged address with a tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> has bits set outside the scheme's address bits.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tag"/> does not fit in <see cref="TagBits"/> bits.</exception>
    public static TaggedPtr<T, TScheme> FromAddress(ulong address, ulong tag = 0)
    {
        if ((address & ~TScheme.AddressMask) != 0)
        {
            ThrowHelper.NotAnUntaggedPointer(nameof(address), address, TScheme.AddressMask, TScheme.Name);
        }

        if (tag > MaxTag)
        {
            ThrowHelper.TagOutOfRange(nameof(tag), tag, TScheme.TagBits, TScheme.Name);
        }

        return new TaggedPtr<T, TScheme>(address | (tag << TScheme.TagShift), trusted: true);
    }

    /// <summary>Reinterprets a raw 64-bit value (an address with its tag in place), for values that crossed an ABI.</summary>
    /// <exception cref="ArgumentException">A bit outside the address and tag bits is set (for LAM, bit 63).</exception>
    public static TaggedPtr<T, TScheme> FromBits(ulong value)
    {
        if ((value & ~(TScheme.AddressMask | TScheme.TagMask)) != 0)
        {
            ThrowHelper.NotATaggedUserPointer(nameof(value), value, TScheme.AddressMask | TScheme.TagMask, TScheme.Name);
        }

        return new TaggedPtr<T, TScheme>(value, trusted: true);
    }

    /// <summary>The null pointer with tag 0.</summary>
    public static TaggedPtr<T, TScheme> Null => default;

    /// <summary>Width of the tag in bits.</summary>
    public static int TagBits => TScheme.TagBits;

    /// <summary>Largest tag value that fits.</summary>
    public static ulong MaxTag => (1UL << TScheme.TagBits) - 1;

    /// <summary>
    /// Compares addresses only, ignoring tags; the default comparer of the type compares the full value.
    /// </summary>
    public static IEqualityComparer<TaggedPtr<T, TScheme>> AddressComparer { get; } =
        EqualityComparer<TaggedPtr<T, TScheme>>.Create((a, b) => a.AddressEquals(b), p => p.Address.GetHashCode());

    /// <summary>The stored 64-bit value: address and tag together. This is what a device or the CPU would see.</summary>
    public ulong RawValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _value;
    }

    /// <summary>The tag.</summary>
    public ulong Tag
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        // Shift first, then mask with the small constant (0x3F for LAM_U57): no 64-bit immediate to materialise.
        get => (_value >> TScheme.TagShift) & ((1UL << TScheme.TagBits) - 1);
    }

    /// <summary>The untagged pointer: the stored value with the tag bits cleared (one <c>AND</c>).</summary>
    public T* Pointer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (T*)(_value & TScheme.UntagMask);
    }

    /// <summary>The untagged address as a 64-bit value; what a device must be given (see <see cref="DeviceAddress"/>).</summary>
    public ulong Address
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _value & TScheme.UntagMask;
    }

    /// <summary>The pointee in host memory, reached through the untagged pointer.</summary>
    public ref T Target
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref *(T*)(_value & TScheme.UntagMask);
    }

    /// <summary>Element <paramref name="index"/> in host memory, reached through the untagged pointer.</summary>
    /// <param name="index">Element offset (scaled by <c>sizeof(T)</c>).</param>
    public ref T this[nint index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref ((T*)(_value & TScheme.UntagMask))[index];
    }

    /// <summary>True when the address is 0, whatever the tag.</summary>
    public bool IsNull
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_value & TScheme.UntagMask) == 0;
    }

    /// <summary>The same address with tag 0.</summary>
    public TaggedPtr<T, TScheme> Untagged
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_value & TScheme.UntagMask, trusted: true);
    }

    // WithTag is an extension method (TaggedPtrExtensions) so that it takes the pointer by value; this is its body.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TaggedPtr<T, TScheme> SetTag(TaggedPtr<T, TScheme> pointer, ulong tag)
    {
        if (tag > MaxTag)
        {
            ThrowHelper.TagOutOfRange(nameof(tag), tag, TScheme.TagBits, TScheme.Name);
        }

        return new TaggedPtr<T, TScheme>((pointer._value & TScheme.UntagMask) | (tag << TScheme.TagShift), trusted: true);
    }

    /// <summary>Another address with the same tag.</summary>
    /// <exception cref="ArgumentException"><paramref name="pointer"/> has bits set outside the scheme's address bits.</exception>
    public TaggedPtr<T, TScheme> WithPointer(T* pointer)
    {
        ulong address = (ulong)pointer;
        if ((address & ~TScheme.AddressMask) != 0)
        {
            ThrowHelper.NotAnUntaggedPointer(nameof(pointer), address, TScheme.AddressMask, TScheme.Name);
        }

        return new TaggedPtr<T, TScheme>(address | (_value & TScheme.TagMask), trusted: true);
    }

    /// <summary>True when both point at the same address, whatever their tags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddressEquals(TaggedPtr<T, TScheme> other) => ((_value ^ other._value) & TScheme.UntagMask) == 0;

    /// <summary>Moves the address by <paramref name="elements"/> elements of <typeparamref name="T"/>; the tag is kept.</summary>
    /// <exception cref="OverflowException">The address would leave the scheme's address bits (and corrupt the tag).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T, TScheme> operator +(TaggedPtr<T, TScheme> pointer, nint elements)
    {
        long delta = elements * sizeof(T);
        ulong address = (pointer._value & TScheme.UntagMask) + (ulong)delta;
        if ((address & ~TScheme.AddressMask) != 0)
        {
            ThrowHelper.AddressArithmeticOverflow(pointer._value & TScheme.UntagMask, delta, TScheme.Name);
        }

        return new TaggedPtr<T, TScheme>(address | (pointer._value & TScheme.TagMask), trusted: true);
    }

    /// <summary>Moves the address back by <paramref name="elements"/> elements; the tag is kept.</summary>
    /// <exception cref="OverflowException">The address would leave the scheme's address bits.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TaggedPtr<T, TScheme> operator -(TaggedPtr<T, TScheme> pointer, nint elements) => pointer + -elements;

    /// <summary>Distance in elements between two addresses (tags ignored).</summary>
    public static nint operator -(TaggedPtr<T, TScheme> left, TaggedPtr<T, TScheme> right) =>
        (nint)((long)((left._value & TScheme.UntagMask) - (right._value & TScheme.UntagMask)) / sizeof(T));

    /// <summary>Next element; the tag is kept.</summary>
    public static TaggedPtr<T, TScheme> operator ++(TaggedPtr<T, TScheme> pointer) => pointer + 1;

    /// <summary>Previous element; the tag is kept.</summary>
    public static TaggedPtr<T, TScheme> operator --(TaggedPtr<T, TScheme> pointer) => pointer - 1;

    /// <summary>Full-value equality (address and tag).</summary>
    public static bool operator ==(TaggedPtr<T, TScheme> left, TaggedPtr<T, TScheme> right) => left._value == right._value;

    /// <summary>Full-value inequality (address or tag differ).</summary>
    public static bool operator !=(TaggedPtr<T, TScheme> left, TaggedPtr<T, TScheme> right) => left._value != right._value;

    /// <summary>Full-value equality (address and tag).</summary>
    public bool Equals(TaggedPtr<T, TScheme> other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaggedPtr<T, TScheme> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>Address and tag, for example <c>0x00007F12A4C01000 [LAM_U57 tag 0x2A]</c>.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "0x{0:X16} [{1} tag 0x{2:X}]", Address, TScheme.Name, Tag);

    /// <summary>
    /// Atomically replaces <paramref name="location"/> with <paramref name="value"/> when it holds
    /// <paramref name="comparand"/> (full value, so a changed tag makes the exchange fail). Returns the original value.
    /// </summary>
    public static TaggedPtr<T, TScheme> CompareExchange(
        ref TaggedPtr<T, TScheme> location, TaggedPtr<T, TScheme> value, TaggedPtr<T, TScheme> comparand) =>
        new(Interlocked.CompareExchange(ref Unsafe.As<TaggedPtr<T, TScheme>, ulong>(ref location), value._value, comparand._value), trusted: true);

    /// <summary>Reads <paramref name="location"/> with acquire semantics.</summary>
    public static TaggedPtr<T, TScheme> VolatileRead(ref TaggedPtr<T, TScheme> location) =>
        new(Volatile.Read(ref Unsafe.As<TaggedPtr<T, TScheme>, ulong>(ref location)), trusted: true);
}
