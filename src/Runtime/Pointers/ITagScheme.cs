namespace TaggedPtr;

/// <summary>
/// Where a tag lives inside a 64-bit pointer. Schemes are empty structs, so a
/// <see cref="TaggedPtr{T, TScheme}"/> is specialised per scheme and the JIT folds every member below to a constant:
/// untagging costs one <c>AND</c> with an immediate, exactly like hand-written masking.
/// </summary>
/// <remarks>
/// The layout is a compile-time fact, as in LLVM's <c>PointerIntPair</c>: a tag that does not fit is rejected with
/// <see cref="System.ArgumentOutOfRangeException"/>, never truncated, and the tag never leaks into the address.
/// </remarks>
public interface ITagScheme
{
    /// <summary>Lowest bit of the tag.</summary>
    static abstract int TagShift { get; }

    /// <summary>Width of the tag in bits.</summary>
    static abstract int TagBits { get; }

    /// <summary>The tag bits in place (for LAM_U57, <c>0x7E00000000000000</c>).</summary>
    static abstract ulong TagMask { get; }

    /// <summary>
    /// The mask that untags a pointer: all ones except the tag bits. For the LAM schemes this is the kernel's
    /// <c>untag_mask</c> (<c>~GENMASK(62, 57)</c> = <c>0x81FFFFFFFFFFFFFF</c> for LAM_U57), so bit 63 survives untagging.
    /// </summary>
    static abstract ulong UntagMask { get; }

    /// <summary>
    /// The bits an untagged user-space address may occupy. A pointer with a bit set outside
    /// <see cref="AddressMask"/> | <see cref="TagMask"/> is not a user pointer under this scheme and is rejected on construction.
    /// </summary>
    static abstract ulong AddressMask { get; }

    /// <summary>Short display name, for example <c>LAM_U57</c>.</summary>
    static abstract string Name { get; }
}
