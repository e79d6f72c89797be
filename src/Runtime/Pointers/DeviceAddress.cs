using System;
using System.Globalization;

namespace TaggedPtr;

/// <summary>
/// An address that is safe to hand to a device sharing the address space through SVA: it carries no tag.
/// It can only be built from an untagged value, and building one from a tagged value throws.
/// </summary>
/// <remarks>
/// Devices bound through IOMMU SVA walk the process page tables with the raw 64-bit value they are given; they do not
/// apply the CPU's LAM untag mask, so a tagged pointer is a translation fault on the device. <c>ARCH_FORCE_TAGGED_SVA</c>
/// only lifts the kernel's LAM/SVA exclusion, it does not make devices untag. The analyzers treat a
/// <see cref="DeviceAddress"/> as clean: passing one to an <see cref="SvaBoundAttribute"/> sink is never reported.
/// </remarks>
public readonly struct DeviceAddress : IEquatable<DeviceAddress>
{
    /// <summary>
    /// Bits that no canonical user address has on 4- or 5-level paging (63:56). Every LAM_U57 tag (62:57) lies inside.
    /// </summary>
    public const ulong ForbiddenBits = 0xFF00_0000_0000_0000UL;

    private DeviceAddress(ulong value) => Value = value;

    /// <summary>The untagged 64-bit address.</summary>
    public ulong Value { get; }

    /// <summary>Wraps an address that must already be untagged.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> has a bit in 63:56 set (a tag, or a kernel address).</exception>
    public static DeviceAddress FromUntagged(ulong address)
    {
        if ((address & ForbiddenBits) != 0)
        {
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "0x{0:X16} carries bits 0x{1:X16} in 63:56 (a LAM tag?). Devices do not strip tags: untag the pointer " +
                    "(TaggedPtr.Address) before building a DeviceAddress.",
                    address,
                    address & ForbiddenBits),
                nameof(address));
        }

        return new DeviceAddress(address);
    }

    /// <summary>The untagged address of a tagged pointer.</summary>
    public static DeviceAddress From<T>(TaggedPtr<T> pointer)
        where T : unmanaged => FromUntagged(pointer.Address);

    /// <summary>The untagged address of a tagged pointer.</summary>
    public static DeviceAddress From<T, TScheme>(TaggedPtr<T, TScheme> pointer)
        where T : unmanaged
        where TScheme : struct, ITagScheme => FromUntagged(pointer.Address);

    /// <summary>The raw value, for descriptor fields typed as <see cref="ulong"/>.</summary>
    public static implicit operator ulong(DeviceAddress address) => address.Value;

    /// <summary>Equality of the addresses.</summary>
    public static bool operator ==(DeviceAddress left, DeviceAddress right) => left.Value == right.Value;

    /// <summary>Inequality of the addresses.</summary>
    public static bool operator !=(DeviceAddress left, DeviceAddress right) => left.Value != right.Value;

    /// <summary>The address plus a byte offset; still untagged or it throws.</summary>
    /// <exception cref="ArgumentException">The sum reaches bits 63:56.</exception>
    public DeviceAddress Add(ulong bytes) => FromUntagged(Value + bytes);

    /// <inheritdoc/>
    public bool Equals(DeviceAddress other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DeviceAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "0x{0:X16}", Value);
}
