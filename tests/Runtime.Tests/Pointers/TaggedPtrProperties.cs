using CsCheck;

namespace TaggedPtr.Runtime.Tests.Pointers;

/// <summary>Properties that must hold for every pointer and every tag, checked on random inputs.</summary>
public sealed class TaggedPtrProperties
{
    private static readonly Gen<ulong> UserAddress57 = Gen.ULong[0, LamU57.AddressMask];
    private static readonly Gen<ulong> UserAddress48 = Gen.ULong[0, LamU48.AddressMask];

    [Fact]
    public void Untag_of_tag_is_the_pointer_for_every_valid_u57_tag() =>
        Gen.Select(UserAddress57, Gen.ULong[0, 63]).Sample((address, tag) =>
        {
            var p = TaggedPtr<byte>.FromAddress(address, tag);
            return p.Address == address && p.Tag == tag && (p.RawValue & LamU57.UntagMask) == address
                && TaggedPtr<byte>.FromBits(p.RawValue) == p;
        });

    [Fact]
    public void Untag_of_tag_is_the_pointer_for_every_valid_u48_tag() =>
        Gen.Select(UserAddress48, Gen.ULong[0, 0x7FFF]).Sample((address, tag) =>
        {
            var p = TaggedPtr<byte, LamU48>.FromAddress(address, tag);
            return p.Address == address && p.Tag == tag && p.WithTag(0).RawValue == address;
        });

    [Fact]
    public void Retagging_never_touches_the_address() =>
        Gen.Select(UserAddress57, Gen.ULong[0, 63], Gen.ULong[0, 63]).Sample((address, first, second) =>
        {
            var p = TaggedPtr<long>.FromAddress(address, first).WithTag(second);
            return p.Address == address && p.Tag == second;
        });

    [Fact]
    public void Every_tag_above_the_budget_throws() =>
        Gen.ULong[64, ulong.MaxValue].Sample(tag =>
        {
            try
            {
                TaggedPtr<byte>.FromAddress(0x1000).WithTag(tag);
                return false;
            }
            catch (System.ArgumentOutOfRangeException)
            {
                return true;
            }
        });
}
