namespace TaggedPtr.Generator.Layout;

/// <summary>
/// The bit geometry of one <see cref="LayoutScheme"/>. The constants repeat the runtime's <c>LamU57</c>, <c>LamU48</c> and
/// <c>ArmTbi</c> (the generator cannot reference the runtime); a test compares them bit for bit.
/// </summary>
internal sealed class SchemeInfo
{
    /// <summary>LAM_U57: tag in bits 62:57; addresses in bits 55:0.</summary>
    public static readonly SchemeInfo LamU57 =
        new(LayoutScheme.LamU57, "LAM_U57", 57, 6, 0x81FF_FFFF_FFFF_FFFFUL, 0x00FF_FFFF_FFFF_FFFFUL);

    /// <summary>LAM_U48: tag in bits 62:48; addresses in bits 46:0.</summary>
    public static readonly SchemeInfo LamU48 =
        new(LayoutScheme.LamU48, "LAM_U48", 48, 15, 0x8000_FFFF_FFFF_FFFFUL, 0x0000_7FFF_FFFF_FFFFUL);

    /// <summary>arm64 TBI: tag in bits 63:56; user addresses in bits 54:0.</summary>
    public static readonly SchemeInfo ArmTbi =
        new(LayoutScheme.ArmTbi, "TBI", 56, 8, 0x00FF_FFFF_FFFF_FFFFUL, 0x007F_FFFF_FFFF_FFFFUL);

    /// <summary>No high tag bits: every bit may be an address bit.</summary>
    public static readonly SchemeInfo None =
        new(LayoutScheme.None, "None", 0, 0, ulong.MaxValue, ulong.MaxValue);

    private SchemeInfo(LayoutScheme scheme, string name, int tagShift, int tagBits, ulong untagMask, ulong addressMask)
    {
        Scheme = scheme;
        Name = name;
        TagShift = tagShift;
        TagBits = tagBits;
        TagMask = tagBits == 0 ? 0UL : ((1UL << tagBits) - 1) << tagShift;
        UntagMask = untagMask;
        AddressMask = addressMask;
    }

    /// <summary>The scheme.</summary>
    public LayoutScheme Scheme { get; }

    /// <summary>Display name, equal to the runtime scheme's <c>Name</c> (for example <c>LAM_U57</c>).</summary>
    public string Name { get; }

    /// <summary>Lowest tag bit (0 for <see cref="LayoutScheme.None"/>, which has no tag bits).</summary>
    public int TagShift { get; }

    /// <summary>Number of high tag bits.</summary>
    public int TagBits { get; }

    /// <summary>The high tag bits in place.</summary>
    public ulong TagMask { get; }

    /// <summary>All ones except the tag bits (the kernel's <c>untag_mask</c> for the LAM schemes).</summary>
    public ulong UntagMask { get; }

    /// <summary>The bits an untagged user address may occupy.</summary>
    public ulong AddressMask { get; }

    /// <summary>The geometry of <paramref name="scheme"/>, or null for a value that is not a scheme.</summary>
    public static SchemeInfo? TryGet(LayoutScheme scheme) => scheme switch
    {
        LayoutScheme.LamU57 => LamU57,
        LayoutScheme.LamU48 => LamU48,
        LayoutScheme.ArmTbi => ArmTbi,
        LayoutScheme.None => None,
        _ => null,
    };
}
