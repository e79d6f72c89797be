using System.Collections.Generic;
using System.Linq;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Tests.Layout;

public sealed class LayoutCalculatorTests
{
    [Fact]
    public void Issue_example_places_color_then_version_from_bit_57_and_marked_at_bit_0()
    {
        TagLayout layout = Valid(Request(
            LayoutScheme.LamU57,
            8,
            Enum("Color", 1, ("Red", 0), ("Black", 1)),
            Unsigned("Version", 5),
            Bool("Marked", FieldRegion.Low)));

        FieldLayout color = layout.Fields[0];
        FieldLayout version = layout.Fields[1];
        FieldLayout marked = layout.Fields[2];
        Assert.Equal((57, 1, 0x0200_0000_0000_0000UL), (color.Shift, color.Bits, color.Mask));
        Assert.Equal((58, 5, 0x7C00_0000_0000_0000UL, 31UL), (version.Shift, version.Bits, version.Mask, version.MaxValue));
        Assert.Equal(("byte", 8), (version.TypeName, version.StorageBits));
        Assert.Equal((0, 1, 1UL), (marked.Shift, marked.Bits, marked.Mask));
        Assert.Equal(0x00FF_FFFF_FFFF_FFFEUL, layout.AddressMask);
        Assert.Equal(0x7EFF_FFFF_FFFF_FFFFUL, layout.ValidMask);
        Assert.Equal(0, layout.UnusedHighBits);
        Assert.Equal(2, layout.UnusedLowBits);
        Assert.Equal(0UL, layout.UnusedHighMask);
    }

    [Fact]
    public void No_field_gives_an_implicit_ulong_Tag_spanning_the_scheme()
    {
        TagLayout layout = Valid(Request(LayoutScheme.LamU48, 8));

        FieldLayout tag = Assert.Single(layout.Fields);
        Assert.True(tag.IsImplicit);
        Assert.Equal(-1, tag.DeclarationIndex);
        Assert.Equal(("Tag", "ulong", 48, 15), (tag.Name, tag.TypeName, tag.Shift, tag.Bits));
        Assert.Equal(0x7FFF_0000_0000_0000UL, tag.Mask);
        Assert.Equal(0x0000_7FFF_FFFF_FFFFUL, layout.AddressMask);
    }

    [Fact]
    public void Explicit_offsets_leave_gaps_that_are_reported_as_unused()
    {
        TagLayout layout = Valid(Request(LayoutScheme.ArmTbi, 1, Unsigned("A", 2, offset: 1), Unsigned("B", 3)));

        Assert.Equal(57, layout.Fields[0].Shift);
        Assert.Equal(59, layout.Fields[1].Shift);
        Assert.Equal(3, layout.UnusedHighBits);
        Assert.Equal(0xC100_0000_0000_0000UL, layout.UnusedHighMask);
    }

    [Fact]
    public void Scheme_None_with_low_fields_only_uses_every_other_bit_as_address()
    {
        TagLayout layout = Valid(Request(LayoutScheme.None, 16, Unsigned("Kind", 4, region: FieldRegion.Low)));

        Assert.Equal(0xFFFF_FFFF_FFFF_FFF0UL, layout.AddressMask);
        Assert.Equal(ulong.MaxValue, layout.ValidMask);
        Assert.Equal(4, layout.LowBitsAvailable);
    }

    [Fact]
    public void Explicit_alignment_above_the_natural_one_frees_more_low_bits()
    {
        TagLayout layout = Valid(Request(LayoutScheme.LamU57, 4, 64, Unsigned("Slot", 6, region: FieldRegion.Low)));

        Assert.Equal(64, layout.Alignment);
        Assert.Equal(6, layout.LowBitsAvailable);
    }

    [Fact]
    public void Explicit_alignment_below_the_natural_one_keeps_the_natural_one()
    {
        Assert.Equal(8, Valid(Request(LayoutScheme.LamU57, 8, 2)).Alignment);
    }

    [Theory]
    [InlineData(3, "byte", 8)]
    [InlineData(8, "byte", 8)]
    [InlineData(9, "ushort", 16)]
    [InlineData(15, "ushort", 16)]
    public void Unsigned_field_without_a_type_gets_the_smallest_that_fits(int bits, string keyword, int width)
    {
        FieldLayout field = Assert.Single(Valid(Request(LayoutScheme.LamU48, 1, Unsigned("N", bits))).Fields);

        Assert.Equal((keyword, width), (field.TypeName, field.StorageBits));
    }

    [Fact]
    public void Unsigned_field_of_a_declared_type_keeps_it()
    {
        FieldLayout field = Assert.Single(Valid(Request(LayoutScheme.LamU48, 1, Unsigned("N", 3, "uint", 32))).Fields);

        Assert.Equal(("uint", 32), (field.TypeName, field.StorageBits));
    }

    [Fact]
    public void Enum_without_bits_takes_the_width_of_its_largest_member()
    {
        FieldLayout field = Assert.Single(Valid(Request(LayoutScheme.LamU57, 1, Enum("State", 0, ("A", 0), ("B", 5), ("C", 2)))).Fields);

        Assert.Equal(3, field.Bits);
    }

    [Fact]
    public void Enum_without_members_takes_one_bit()
    {
        Assert.Equal(1, Assert.Single(Valid(Request(LayoutScheme.LamU57, 1, Enum("Empty", 0))).Fields).Bits);
    }

    [Fact]
    public void Too_many_high_bits_reports_the_exact_budget()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 8, Unsigned("A", 4), Unsigned("B", 3)));

        Assert.Equal(LayoutProblemKind.HighBitsExceeded, problem.Kind);
        Assert.Equal("6 tag bits available in LAM_U57, 7 requested", problem.Message);
        Assert.Equal((6, 7), (problem.Available, problem.Requested));
    }

    [Theory]
    [InlineData(TagScheme.LamU48, 16, "15 tag bits available in LAM_U48, 16 requested")]
    [InlineData(TagScheme.ArmTbi, 9, "8 tag bits available in TBI, 9 requested")]
    [InlineData(TagScheme.None, 1, "0 tag bits available in scheme None (no high tag bits), 1 requested")]
    public void Every_scheme_reports_its_own_budget(TagScheme scheme, int bits, string message)
    {
        Assert.Equal(message, SingleProblem(Request((LayoutScheme)scheme, 8, Unsigned("A", bits))).Message);
    }

    [Fact]
    public void Too_many_low_bits_names_the_pointee_and_its_alignment()
    {
        LayoutProblem problem = SingleProblem(Request(
            LayoutScheme.LamU57, 8, Unsigned("A", 3, region: FieldRegion.Low), Bool("B", FieldRegion.Low)));

        Assert.Equal(LayoutProblemKind.LowBitsExceeded, problem.Kind);
        Assert.Equal("3 low bits available (Node is 8-byte aligned), 4 requested", problem.Message);
    }

    [Fact]
    public void Byte_aligned_pointee_has_no_low_bits()
    {
        Assert.Equal(
            "0 low bits available (Node is 1-byte aligned), 1 requested",
            SingleProblem(Request(LayoutScheme.LamU57, 1, Bool("B", FieldRegion.Low))).Message);
    }

    [Fact]
    public void Overlapping_offsets_are_reported_with_absolute_bit_numbers()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Unsigned("A", 2), Unsigned("B", 2, offset: 1)));

        Assert.Equal(LayoutProblemKind.Overlap, problem.Kind);
        Assert.Equal("Fields 'A' (bits 58:57) and 'B' (bits 59:58) overlap", problem.Message);
        Assert.Equal(1, problem.FieldIndex);
    }

    [Fact]
    public void Offset_past_the_region_is_reported_even_when_the_total_fits()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Unsigned("A", 2, offset: 5)));

        Assert.Equal(LayoutProblemKind.FieldOutsideRegion, problem.Kind);
        Assert.Equal("Field 'A' (Offset 5, 2 bits) ends past the 6 tag bits of LAM_U57", problem.Message);
    }

    [Fact]
    public void Low_offset_past_the_alignment_is_reported()
    {
        Assert.Equal(
            "Field 'M' (Offset 2, 2 bits) ends past the 3 low bits of Node (8-byte aligned)",
            SingleProblem(Request(LayoutScheme.LamU57, 8, Unsigned("M", 2, offset: 2, region: FieldRegion.Low))).Message);
    }

    [Fact]
    public void Duplicate_names_are_reported_on_the_second_declaration()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Bool("A"), Bool("A")));

        Assert.Equal(LayoutProblemKind.DuplicateName, problem.Kind);
        Assert.Equal("Field 'A' is declared twice (fields 1 and 2)", problem.Message);
        Assert.Equal(1, problem.FieldIndex);
    }

    [Theory]
    [InlineData("Address")]
    [InlineData("Pointer")]
    [InlineData("RawValue")]
    [InlineData("GetType")]
    [InlineData("_value")]
    public void Field_named_like_a_generated_member_collides(string name)
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Bool(name)));

        Assert.Equal(LayoutProblemKind.NameCollision, problem.Kind);
        Assert.Equal($"Field '{name}' collides with the generated member {name}", problem.Message);
    }

    [Fact]
    public void Field_named_like_another_fields_setter_collides()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Bool("Color"), Bool("WithColor")));

        Assert.Equal("Field 'WithColor' collides with WithColor, generated for field 'Color'", problem.Message);
    }

    [Fact]
    public void Field_named_like_the_wrapper_collides()
    {
        Assert.Equal(
            "Field 'NodePtr' has the name of its wrapper type",
            SingleProblem(Request(LayoutScheme.LamU57, 1, Bool("NodePtr"))).Message);
    }

    [Fact]
    public void Member_the_user_declared_collides_with_a_generated_one()
    {
        var request = new LayoutRequest(
            "NodePtr", "Node", LayoutScheme.LamU57, 1, 0, new[] { Unsigned("Version", 3) }, new[] { "IncrementVersion", "Helper" });

        LayoutProblem problem = SingleProblem(request);

        Assert.Equal("NodePtr declares 'IncrementVersion', which is also a member generated for field 'Version'", problem.Message);
        Assert.Equal(0, problem.FieldIndex);
    }

    [Fact]
    public void Member_the_user_declared_collides_with_the_implicit_Tag()
    {
        var request = new LayoutRequest("P", "Node", LayoutScheme.LamU57, 1, 0, new FieldDeclaration[0], new[] { "WithTag" });

        Assert.Equal("P declares 'WithTag', which is also a generated member", SingleProblem(request).Message);
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("class")]
    [InlineData("a-b")]
    [InlineData("@x")]
    [InlineData("")]
    public void Name_that_is_not_an_identifier_is_rejected(string name)
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Bool(name)));

        Assert.Equal(LayoutProblemKind.InvalidName, problem.Kind);
        Assert.Equal($"Field name '{name}' is not a C# identifier", problem.Message);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("record")]
    [InlineData("_")]
    [InlineData("Größe")]
    public void Contextual_keywords_and_unicode_letters_are_valid_names(string name)
    {
        Assert.Equal(name, Assert.Single(Valid(Request(LayoutScheme.LamU57, 1, Bool(name))).Fields).Name);
    }

    [Fact]
    public void Bool_with_two_bits_is_rejected()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, new FieldDeclaration("F", FieldRegion.High, FieldKind.Bool, "bool", 1, 2)));

        Assert.Equal(LayoutProblemKind.BoolBitsNotOne, problem.Kind);
        Assert.Equal("bool field 'F' takes exactly 1 bit, 2 requested", problem.Message);
    }

    [Fact]
    public void Negative_bits_are_rejected()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Unsigned("F", -1)));

        Assert.Equal(LayoutProblemKind.BitsNotPositive, problem.Kind);
        Assert.Equal("Field 'F' requests -1 bits; Bits must be positive", problem.Message);
    }

    [Fact]
    public void Unsigned_without_bits_is_rejected()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Unsigned("F", 0)));

        Assert.Equal(LayoutProblemKind.MissingBits, problem.Kind);
        Assert.Equal("Unsigned field 'F' needs Bits (its width)", problem.Message);
    }

    [Fact]
    public void Declared_type_narrower_than_bits_is_rejected()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU48, 1, Unsigned("F", 9, "byte", 8)));

        Assert.Equal(LayoutProblemKind.TypeTooNarrow, problem.Kind);
        Assert.Equal("Field 'F' of type byte holds 8 bits, 9 requested", problem.Message);
    }

    [Fact]
    public void Unsupported_type_is_rejected()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, new FieldDeclaration("F", FieldRegion.High, FieldKind.Unsupported, "int", 0, 3)));

        Assert.Equal(LayoutProblemKind.UnsupportedFieldType, problem.Kind);
        Assert.Equal("Field 'F' has type 'int'; a tag field is bool, an enum, byte, ushort, uint or ulong", problem.Message);
    }

    [Fact]
    public void Enum_member_that_does_not_fit_the_declared_bits_is_named()
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 1, Enum("Color", 2, ("Red", 0), ("Blue", 4))));

        Assert.Equal(LayoutProblemKind.EnumMemberDoesNotFit, problem.Kind);
        Assert.Equal("Enum member Color.Blue = 4 does not fit in the 2 bits of field 'Color' (maximum 3)", problem.Message);
        Assert.Equal((2, 3), (problem.Available, problem.Requested));
    }

    [Fact]
    public void Negative_enum_member_never_fits()
    {
        var field = new FieldDeclaration(
            "Color", FieldRegion.High, FieldKind.Enum, "Color", 31, 0, -1, new[] { new EnumMemberValue("None", 1, isNegative: true) });

        Assert.Equal(
            "Enum member Color.None = -1 is negative and does not fit in field 'Color'",
            SingleProblem(Request(LayoutScheme.LamU57, 1, field)).Message);
    }

    [Fact]
    public void Enum_whose_largest_member_needs_more_bits_than_the_scheme_is_over_budget()
    {
        Assert.Equal(
            "6 tag bits available in LAM_U57, 7 requested",
            SingleProblem(Request(LayoutScheme.LamU57, 1, Enum("Big", 0, ("A", 100)))).Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-8)]
    [InlineData(12)]
    public void Alignment_that_is_not_a_power_of_two_is_rejected(int alignment)
    {
        LayoutProblem problem = SingleProblem(Request(LayoutScheme.LamU57, 8, alignment));

        Assert.Equal(LayoutProblemKind.InvalidAlignment, problem.Kind);
        Assert.Equal($"Alignment {alignment} is not a positive power of two", problem.Message);
    }

    [Fact]
    public void Offset_below_minus_one_is_rejected()
    {
        Assert.Equal(
            "Field 'A' has Offset -2; use 0 or more, or -1 to follow the previous field",
            SingleProblem(Request(LayoutScheme.LamU57, 1, Unsigned("A", 1, offset: -2))).Message);
    }

    [Fact]
    public void Unknown_scheme_is_rejected()
    {
        LayoutProblem problem = SingleProblem(Request((LayoutScheme)7, 1));

        Assert.Equal(LayoutProblemKind.UnknownScheme, problem.Kind);
        Assert.Equal("7 is not a TagScheme (LamU57, LamU48, ArmTbi or None)", problem.Message);
    }

    [Fact]
    public void Scheme_None_without_fields_has_nothing_to_tag()
    {
        Assert.Equal(LayoutProblemKind.NothingToTag, SingleProblem(Request(LayoutScheme.None, 8)).Kind);
    }

    [Fact]
    public void Huge_bits_and_offsets_do_not_wrap_into_a_valid_budget()
    {
        LayoutResult result = LayoutCalculator.Calculate(Request(
            LayoutScheme.LamU57, 1, Unsigned("A", int.MaxValue), Unsigned("B", int.MaxValue), Unsigned("C", 1, offset: int.MaxValue)));

        Assert.False(result.IsValid);
        Assert.Equal(LayoutProblemKind.HighBitsExceeded, Assert.Single(result.Problems).Kind);
        Assert.Equal(int.MaxValue, result.Problems[0].Requested);
    }

    [Fact]
    public void Every_problem_is_collected_not_just_the_first()
    {
        LayoutResult result = LayoutCalculator.Calculate(Request(
            LayoutScheme.LamU57, 8, 3, Unsigned("A", 0), Bool("Address"), Unsigned("B", 9, region: FieldRegion.Low)));

        Assert.Equal(
            new[] { LayoutProblemKind.InvalidAlignment, LayoutProblemKind.MissingBits, LayoutProblemKind.LowBitsExceeded, LayoutProblemKind.NameCollision },
            result.Problems.Select(p => p.Kind).ToArray());
        Assert.Null(result.Layout);
    }

    [Fact]
    public void Same_request_gives_the_same_layout()
    {
        TagLayout a = Valid(Request(LayoutScheme.LamU57, 8, Bool("A"), Unsigned("B", 3), Bool("C", FieldRegion.Low)));
        TagLayout b = Valid(Request(LayoutScheme.LamU57, 8, Bool("A"), Unsigned("B", 3), Bool("C", FieldRegion.Low)));

        Assert.Equal(a.Fields.Select(f => (f.Name, f.Shift, f.Mask)), b.Fields.Select(f => (f.Name, f.Shift, f.Mask)));
        Assert.Equal(a.ValidMask, b.ValidMask);
    }

    private static TagLayout Valid(LayoutRequest request)
    {
        LayoutResult result = LayoutCalculator.Calculate(request);
        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        return result.Layout!;
    }

    private static LayoutProblem SingleProblem(LayoutRequest request)
    {
        LayoutResult result = LayoutCalculator.Calculate(request);
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    private static LayoutRequest Request(LayoutScheme scheme, int alignment, params FieldDeclaration[] fields) =>
        new("NodePtr", "Node", scheme, alignment, 0, fields);

    private static LayoutRequest Request(LayoutScheme scheme, int alignment, int explicitAlignment, params FieldDeclaration[] fields) =>
        new("NodePtr", "Node", scheme, alignment, explicitAlignment, fields);

    private static FieldDeclaration Unsigned(
        string name, int bits, string? type = null, int typeBits = 0, int offset = -1, FieldRegion region = FieldRegion.High) =>
        new(name, region, FieldKind.Unsigned, type, typeBits, bits, offset);

    private static FieldDeclaration Bool(string name, FieldRegion region = FieldRegion.High) =>
        new(name, region, FieldKind.Bool, "bool", 1, 0);

    private static FieldDeclaration Enum(string name, int bits, params (string Name, ulong Value)[] members) =>
        new(name, FieldRegion.High, FieldKind.Enum, name, 31, bits, -1, members.Select(m => new EnumMemberValue(m.Name, m.Value, false)).ToArray());
}
