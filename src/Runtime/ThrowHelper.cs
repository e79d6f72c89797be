using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TaggedPtr;

/// <summary>
/// Throw sites kept out of line so that the hot paths of the pointer types stay small enough to inline.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void TagOutOfRange(string paramName, ulong tag, int bits, string scheme) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            tag,
            string.Format(
                CultureInfo.InvariantCulture,
                "Tag 0x{0:X} does not fit in the {1} tag bits of {2} (maximum 0x{3:X}); tags are never truncated.",
                tag,
                bits,
                scheme,
                bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1));

    [DoesNotReturn]
    public static void NotAnUntaggedPointer(string paramName, ulong value, ulong allowed, string scheme) =>
        throw new ArgumentException(
            string.Format(
                CultureInfo.InvariantCulture,
                "0x{0:X16} is not an untagged user pointer under {1}: bits 0x{2:X16} lie outside the address bits 0x{3:X16}.",
                value,
                scheme,
                value & ~allowed,
                allowed),
            paramName);

    [DoesNotReturn]
    public static void NotATaggedUserPointer(string paramName, ulong value, ulong allowed, string scheme) =>
        throw new ArgumentException(
            string.Format(
                CultureInfo.InvariantCulture,
                "0x{0:X16} is not a tagged user pointer under {1}: bits 0x{2:X16} are neither address nor tag bits.",
                value,
                scheme,
                value & ~allowed),
            paramName);

    [DoesNotReturn]
    public static void AddressArithmeticOverflow(ulong address, long delta, string scheme) =>
        throw new OverflowException(
            string.Format(
                CultureInfo.InvariantCulture,
                "Moving 0x{0:X16} by {1} bytes leaves the {2} address bits; the result would corrupt the tag.",
                address,
                delta,
                scheme));

    [DoesNotReturn]
    public static void NullDereference(string type) =>
        throw new NullReferenceException($"Dereference of a null {type}.");
}
