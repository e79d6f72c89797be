using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace TaggedPtr.Runtime.Tests.Pointers;

public sealed unsafe class TaggedPtrTests
{
    [Fact]
    public void Lam_u57_layout_matches_the_kernel_masks()
    {
        Assert.Equal(57, LamU57.TagShift);
        Assert.Equal(6, LamU57.TagBits);
        Assert.Equal(0x7E00_0000_0000_0000UL, LamU57.TagMask);
        Assert.Equal(0x81FF_FFFF_FFFF_FFFFUL, LamU57.UntagMask);   // ~GENMASK(62, 57)
        Assert.Equal(~LamU57.TagMask, LamU57.UntagMask);
        Assert.Equal(0x8000_FFFF_FFFF_FFFFUL, LamU48.UntagMask);   // ~GENMASK(62, 48)
        Assert.Equal(~LamU48.TagMask, LamU48.UntagMask);
        Assert.Equal(~ArmTbi.TagMask, ArmTbi.UntagMask);
        Assert.Equal(63UL, TaggedPtr<int>.MaxTag);
        Assert.Equal(0x7FFFUL, TaggedPtr<int, LamU48>.MaxTag);
    }

    [Fact]
    public void A_tag_lands_in_bits_62_to_57_and_untagging_restores_the_pointer()
    {
        long storage = 42;
        long* p = &storage;
        var tagged = new TaggedPtr<long>(p, 0x2A);

        Assert.Equal((ulong)p | (0x2AUL << 57), tagged.RawValue);
        Assert.Equal(0x2AUL, tagged.Tag);
        Assert.Equal((ulong)p, (ulong)tagged.Pointer);
        Assert.Equal((ulong)p, tagged.Address);
        Assert.Equal(42, tagged.Target);
    }

    [Fact]
    public void Writes_through_the_tagged_pointer_reach_host_memory()
    {
        int* block = (int*)NativeMemory.AllocZeroed(4 * sizeof(int));
        try
        {
            var tagged = new TaggedPtr<int>(block, 9);
            tagged.Target = 7;
            tagged[3] = 11;
            Assert.Equal(7, block[0]);
            Assert.Equal(11, block[3]);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }

    [Theory]
    [InlineData(64UL)]
    [InlineData(65UL)]
    [InlineData(ulong.MaxValue)]
    public void A_tag_that_does_not_fit_is_rejected_never_truncated(ulong tag)
    {
        var p = TaggedPtr<byte>.FromAddress(0x1000);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => p.WithTag(tag));
        Assert.Equal("tag", error.ParamName);
        Assert.Contains("6 tag bits of LAM_U57", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaggedPtr<byte>((byte*)0x1000, tag));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaggedPtr<byte>.FromAddress(0x1000, tag));
    }

    [Fact]
    public void WithTag_on_array_elements_replaces_only_the_tag_and_leaves_the_array_alone()
    {
        TaggedPtr<int>[] pointers = { TaggedPtr<int>.FromAddress(0x1000, 5), TaggedPtr<int>.FromAddress(0x7FFF_FFFF_F000, 63) };
        TaggedPtr<int>[] retagged = new TaggedPtr<int>[pointers.Length];
        for (int i = 0; i < pointers.Length; i++)
        {
            retagged[i] = pointers[i].WithTag((ulong)i + 1);
        }

        Assert.Equal(TaggedPtr<int>.FromAddress(0x1000, 1), retagged[0]);
        Assert.Equal(TaggedPtr<int>.FromAddress(0x7FFF_FFFF_F000, 2), retagged[1]);
        Assert.Equal(5UL, pointers[0].Tag);
        Assert.Equal(63UL, pointers[1].Tag);

        // The static form is the same method: it works without importing the namespace.
        Assert.Equal(retagged[1], TaggedPtr.TaggedPtrExtensions.WithTag(pointers[1], 2));
        TaggedPtr<int, LamU48> wide = TaggedPtr<int, LamU48>.FromAddress(0x2000, 0x7FFF);
        Assert.Equal(TaggedPtr<int, LamU48>.FromAddress(0x2000, 0x1234), TaggedPtrExtensions.WithTag(wide, 0x1234));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaggedPtrExtensions.WithTag(pointers[0], 64));
    }

    [Fact]
    public void The_u48_scheme_holds_15_bits_and_rejects_the_16th()
    {
        var p = TaggedPtr<byte, LamU48>.FromAddress(0x7000_0000_1000, 0x7FFF);
        Assert.Equal(0x7FFFUL, p.Tag);
        Assert.Equal(0x7000_0000_1000UL, p.Address);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WithTag(0x8000));
    }

    [Theory]
    [InlineData(0x0100_0000_0000_0000UL)] // bit 56: never a user address
    [InlineData(0x8000_0000_0000_1000UL)] // bit 63: kernel half
    [InlineData(0x0200_0000_0000_1000UL)] // already tagged
    public void A_pointer_with_bits_outside_the_address_is_rejected(ulong address)
    {
        var error = Assert.Throws<ArgumentException>(() => new TaggedPtr<byte>((byte*)address));
        Assert.Equal("pointer", error.ParamName);
        Assert.Throws<ArgumentException>(() => TaggedPtr<byte>.FromAddress(address));
    }

    [Fact]
    public void From_bits_accepts_a_tagged_value_and_rejects_bit_63()
    {
        var p = TaggedPtr<int>.FromBits(0x7E00_7F00_0000_1000);
        Assert.Equal(0x3FUL, p.Tag);
        Assert.Equal(0x0000_7F00_0000_1000UL, p.Address);
        var error = Assert.Throws<ArgumentException>(() => TaggedPtr<int>.FromBits(0x8000_0000_0000_1000));
        Assert.Contains("neither address nor tag bits", error.Message);
    }

    [Fact]
    public void Element_arithmetic_moves_the_address_and_keeps_the_tag()
    {
        var p = TaggedPtr<long>.FromAddress(0x1000, 5);
        TaggedPtr<long> q = p + 3;
        Assert.Equal(0x1018UL, q.Address);
        Assert.Equal(5UL, q.Tag);
        Assert.Equal(0x1010UL, (q - 1).Address);
        Assert.Equal(3, q - p);
        q++;
        Assert.Equal(0x1020UL, q.Address);
        Assert.Equal(5UL, q.Tag);
    }

    [Fact]
    public void Arithmetic_that_would_carry_into_the_tag_throws()
    {
        var p = TaggedPtr<byte>.FromAddress(0x00FF_FFFF_FFFF_FFF0, 1);
        var error = Assert.Throws<OverflowException>(() => p + 0x20);
        Assert.Contains("corrupt the tag", error.Message);
        Assert.Throws<OverflowException>(() => TaggedPtr<byte>.FromAddress(0x10) - 0x20);
    }

    [Fact]
    public void Equality_compares_the_full_value_and_address_equality_ignores_tags()
    {
        var a = TaggedPtr<int>.FromAddress(0x2000, 1);
        var b = TaggedPtr<int>.FromAddress(0x2000, 2);
        Assert.NotEqual(a, b);
        Assert.False(a == b);
        Assert.True(a != b);
        Assert.True(a.AddressEquals(b));
        Assert.True(TaggedPtr<int>.AddressComparer.Equals(a, b));
        Assert.Equal(TaggedPtr<int>.AddressComparer.GetHashCode(a), TaggedPtr<int>.AddressComparer.GetHashCode(b));
        Assert.Equal(a, b.WithTag(1));

        var byAddress = new HashSet<TaggedPtr<int>>(TaggedPtr<int>.AddressComparer) { a, b };
        var byValue = new HashSet<TaggedPtr<int>> { a, b };
        Assert.Single(byAddress);
        Assert.Equal(2, byValue.Count);
    }

    [Fact]
    public void Null_is_about_the_address_whatever_the_tag()
    {
        Assert.True(TaggedPtr<int>.Null.IsNull);
        Assert.True(TaggedPtr<int>.FromAddress(0, 7).IsNull);
        Assert.False(TaggedPtr<int>.FromAddress(8).IsNull);
    }

    [Fact]
    public void Formatting_shows_address_scheme_and_tag()
    {
        Assert.Equal("0x00007F12A4C01000 [LAM_U57 tag 0x2A]", TaggedPtr<int>.FromAddress(0x7F12A4C01000, 0x2A).ToString());
        Assert.Equal("0x0000000000001000 [LAM_U48 tag 0x7FFF]", TaggedPtr<int, LamU48>.FromAddress(0x1000, 0x7FFF).ToString());
    }

    [Fact]
    public void The_u57_form_and_the_general_form_convert_without_changing_bits()
    {
        TaggedPtr<int> a = TaggedPtr<int>.FromAddress(0x3000, 3);
        TaggedPtr<int, LamU57> general = a;
        TaggedPtr<int> back = general;
        Assert.Equal(a.RawValue, general.RawValue);
        Assert.Equal(a, back);
        Assert.Equal(0UL, a.Untagged.Tag);
        Assert.Equal(a.Address, a.Untagged.RawValue);
    }

    [Fact]
    public void With_pointer_keeps_the_tag()
    {
        var p = TaggedPtr<int>.FromAddress(0x3000, 9).WithPointer((int*)0x4000);
        Assert.Equal(0x4000UL, p.Address);
        Assert.Equal(9UL, p.Tag);
        Assert.Throws<ArgumentException>(() => p.WithPointer((int*)0x0400_0000_0000_0000));
    }

    [Fact]
    public void Compare_exchange_fails_when_only_the_tag_changed()
    {
        TaggedPtr<int> location = TaggedPtr<int>.FromAddress(0x5000, 1);
        TaggedPtr<int> stale = location.WithTag(0);
        TaggedPtr<int> original = TaggedPtr<int>.CompareExchange(ref location, TaggedPtr<int>.FromAddress(0x6000), stale);
        Assert.Equal(TaggedPtr<int>.FromAddress(0x5000, 1), original);
        Assert.Equal(0x5000UL, location.Address);

        TaggedPtr<int>.CompareExchange(ref location, TaggedPtr<int>.FromAddress(0x6000, 2), original);
        Assert.Equal(TaggedPtr<int>.FromAddress(0x6000, 2), TaggedPtr<int>.VolatileRead(ref location));
    }

    [Fact]
    public void Compare_exchange_counts_every_increment_under_contention()
    {
        TaggedPtr<int> location = TaggedPtr<int>.FromAddress(0x7000);
        const int Threads = 4, PerThread = 10_000;
        Parallel.For(0, Threads, _ =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                while (true)
                {
                    TaggedPtr<int> seen = TaggedPtr<int>.VolatileRead(ref location);
                    TaggedPtr<int> next = seen.WithTag((seen.Tag + 1) & TaggedPtr<int>.MaxTag);
                    if (TaggedPtr<int>.CompareExchange(ref location, next, seen) == seen)
                    {
                        break;
                    }
                }
            }
        });
        Assert.Equal((ulong)(Threads * PerThread % 64), location.Tag);
        Assert.Equal(0x7000UL, location.Address);
    }

    [Fact]
    public void Device_address_accepts_untagged_values_and_rejects_tagged_ones()
    {
        var p = TaggedPtr<int>.FromAddress(0x7F00_0000_1000, 5);
        Assert.Equal(0x7F00_0000_1000UL, DeviceAddress.From(p).Value);
        ulong raw = DeviceAddress.FromUntagged(0x1000);
        Assert.Equal(0x1000UL, raw);
        var error = Assert.Throws<ArgumentException>(() => DeviceAddress.FromUntagged(p.RawValue));
        Assert.Contains("Devices do not strip tags", error.Message);
        Assert.Throws<ArgumentException>(() => DeviceAddress.FromUntagged(0x1000).Add(0xFF00_0000_0000_0000));
    }
}
