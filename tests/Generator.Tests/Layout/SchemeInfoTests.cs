using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Tests.Layout;

/// <summary>The generator cannot reference the runtime, so its scheme constants are a copy: prove they are equal.</summary>
public sealed class SchemeInfoTests
{
    [Fact]
    public void LamU57_matches_the_runtime()
    {
        AssertSame(SchemeInfo.LamU57, LamU57.Name, LamU57.TagShift, LamU57.TagBits, LamU57.TagMask, LamU57.UntagMask, LamU57.AddressMask);
    }

    [Fact]
    public void LamU48_matches_the_runtime()
    {
        AssertSame(SchemeInfo.LamU48, LamU48.Name, LamU48.TagShift, LamU48.TagBits, LamU48.TagMask, LamU48.UntagMask, LamU48.AddressMask);
    }

    [Fact]
    public void ArmTbi_matches_the_runtime()
    {
        AssertSame(SchemeInfo.ArmTbi, ArmTbi.Name, ArmTbi.TagShift, ArmTbi.TagBits, ArmTbi.TagMask, ArmTbi.UntagMask, ArmTbi.AddressMask);
    }

    [Fact]
    public void None_has_no_tag_bits_and_every_address_bit()
    {
        Assert.Equal((0, 0UL, ulong.MaxValue), (SchemeInfo.None.TagBits, SchemeInfo.None.TagMask, SchemeInfo.None.AddressMask));
    }

    [Theory]
    [InlineData(TagScheme.LamU57)]
    [InlineData(TagScheme.LamU48)]
    [InlineData(TagScheme.ArmTbi)]
    [InlineData(TagScheme.None)]
    public void Layout_scheme_values_equal_the_runtime_enum(TagScheme runtime)
    {
        Assert.Equal(runtime.ToString(), ((LayoutScheme)(int)runtime).ToString());
        Assert.NotNull(SchemeInfo.TryGet((LayoutScheme)(int)runtime));
    }

    [Fact]
    public void Every_runtime_scheme_has_a_layout_scheme()
    {
        Assert.Equal(System.Enum.GetValues<TagScheme>().Length, System.Enum.GetValues<LayoutScheme>().Length);
    }

    [Fact]
    public void Implicit_Tag_of_LamU57_has_the_runtime_tag_mask()
    {
        LayoutResult result = LayoutCalculator.Calculate(new LayoutRequest("P", "Node", LayoutScheme.LamU57, 8, 0, new FieldDeclaration[0]));

        Assert.Equal(LamU57.TagMask, Assert.Single(result.Layout!.Fields).Mask);
        Assert.Equal(LamU57.AddressMask, result.Layout.AddressMask);
    }

    private static void AssertSame(SchemeInfo scheme, string name, int shift, int bits, ulong tagMask, ulong untagMask, ulong addressMask)
    {
        Assert.Equal(name, scheme.Name);
        Assert.Equal(shift, scheme.TagShift);
        Assert.Equal(bits, scheme.TagBits);
        Assert.Equal(tagMask, scheme.TagMask);
        Assert.Equal(untagMask, scheme.UntagMask);
        Assert.Equal(addressMask, scheme.AddressMask);
    }
}
