using CsCheck;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>The canonicality table of kernel-lam.md §2.3, both paging modes, every LAM mode.</summary>
public sealed class LamHardwareTests
{
    // Mostly near-canonical values: plain user addresses, tagged ones, 4-level ones with tags, kernel-half ones.
    private static readonly Gen<ulong> Addresses = Gen.Select(Gen.ULong[0, (1UL << 57) - 1], Gen.Int[0, 4], Gen.ULong[0, 63])
        .Select((address, kind, tag) => kind switch
        {
            0 => address,
            1 => address | (tag << 57),
            2 => (address & ((1UL << 47) - 1)) | (tag << 57),
            3 => address | (1UL << 63),
            _ => address ^ (tag << 48),
        });

    public static TheoryData<ulong, LamMode, PagingMode, bool, ulong> Table => new()
    {
        // LAM off, 4-level: bits 63:47 must all be equal.
        { 0x0000_7FFF_FFFF_F000, LamMode.Off, PagingMode.FourLevel, true, 0x0000_7FFF_FFFF_F000 },
        { 0x0000_8000_0000_0000, LamMode.Off, PagingMode.FourLevel, false, 0 },
        { 0x0200_0000_0000_1000, LamMode.Off, PagingMode.FourLevel, false, 0 },
        { 0xFFFF_8000_0000_0000, LamMode.Off, PagingMode.FourLevel, true, 0xFFFF_8000_0000_0000 },

        // LAM_U57, 4-level: bit 63 = 0 and bits 56:47 = 0; 62:57 are ignored.
        { 0x7E00_7FFF_FFFF_F000, LamMode.U57, PagingMode.FourLevel, true, 0x0000_7FFF_FFFF_F000 },
        { 0x0100_0000_0000_1000, LamMode.U57, PagingMode.FourLevel, false, 0 },
        { 0x0000_8000_0000_0000, LamMode.U57, PagingMode.FourLevel, false, 0 },
        { 0x0080_0000_0000_0000, LamMode.U57, PagingMode.FourLevel, false, 0 },
        { 0x8000_0000_0000_1000, LamMode.U57, PagingMode.FourLevel, false, 0 },
        { 0xFFFF_8000_0000_0000, LamMode.U57, PagingMode.FourLevel, true, 0xFFFF_8000_0000_0000 },

        // LAM off, 5-level: bits 63:56 must all be equal.
        { 0x00FF_FFFF_FFFF_F000, LamMode.Off, PagingMode.FiveLevel, true, 0x00FF_FFFF_FFFF_F000 },
        { 0x0100_0000_0000_0000, LamMode.Off, PagingMode.FiveLevel, false, 0 },
        { 0x0200_0000_0000_1000, LamMode.Off, PagingMode.FiveLevel, false, 0 },

        // LAM_U57, 5-level: bit 63 = 0 and bit 56 = 0; bits 55:47 are ordinary address bits.
        { 0x7E80_0000_0000_1000, LamMode.U57, PagingMode.FiveLevel, true, 0x0080_0000_0000_1000 },
        { 0x0100_0000_0000_1000, LamMode.U57, PagingMode.FiveLevel, false, 0 },

        // LAM_U48, 4-level: bit 63 = 0 and bit 47 = 0; 62:48 are ignored.
        { 0x7FFF_0000_0000_1000, LamMode.U48, PagingMode.FourLevel, true, 0x0000_0000_0000_1000 },
        { 0x0000_8000_0000_1000, LamMode.U48, PagingMode.FourLevel, false, 0 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Canonicality_and_masking_follow_the_hardware_model(ulong address, LamMode mode, PagingMode paging, bool canonical, ulong linear)
    {
        Assert.Equal(canonical, LamHardware.TryMask(address, mode, paging, out ulong masked));
        if (canonical)
        {
            Assert.Equal(linear, masked);
        }
    }

    [Fact]
    public void Bit_63_is_never_changed_by_masking() =>
        Gen.ULong.Sample(address =>
        {
            LamHardware.TryMask(address, LamMode.U57, PagingMode.FourLevel, out ulong a);
            LamHardware.TryMask(address, LamMode.U48, PagingMode.FiveLevel, out ulong b);
            return (a >> 63) == (address >> 63) && (b >> 63) == (address >> 63);
        });

    [Fact]
    public void The_fast_path_mask_agrees_with_the_full_model_on_user_addresses()
    {
        foreach (LamMode mode in new[] { LamMode.Off, LamMode.U57, LamMode.U48 })
        {
            foreach (PagingMode paging in new[] { PagingMode.FourLevel, PagingMode.FiveLevel })
            {
                ulong fault = LamHardware.UserFaultMask(mode, paging);
                ulong untag = LamHardware.UntagMask(mode);
                Addresses.Sample(address =>
                {
                    bool slow = LamHardware.TryMask(address, mode, paging, out ulong linear) && (linear >> 63) == 0;
                    bool fast = (address & fault) == 0;
                    return slow == fast && (!fast || linear == (address & untag));
                });
            }
        }
    }
}
