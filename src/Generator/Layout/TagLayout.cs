using System.Collections.Generic;

namespace TaggedPtr.Generator.Layout;

/// <summary>The complete bit layout of a valid wrapper declaration.</summary>
internal sealed class TagLayout
{
    /// <summary>A layout; the masks are derived from the fields.</summary>
    public TagLayout(SchemeInfo scheme, int alignment, int lowBitsAvailable, IReadOnlyList<FieldLayout> fields)
    {
        Scheme = scheme;
        Alignment = alignment;
        LowBitsAvailable = lowBitsAvailable;
        Fields = fields;
        int highBits = 0;
        int lowBits = 0;
        foreach (FieldLayout field in fields)
        {
            if (field.Region == FieldRegion.High)
            {
                HighFieldsMask |= field.Mask;
                highBits += field.Bits;
            }
            else
            {
                LowFieldsMask |= field.Mask;
                lowBits += field.Bits;
            }
        }

        UnusedHighBits = scheme.TagBits - highBits;
        UnusedLowBits = lowBitsAvailable - lowBits;
    }

    /// <summary>The high-bit scheme.</summary>
    public SchemeInfo Scheme { get; }

    /// <summary>The alignment every pointer has, in bytes: the larger of the natural and the declared one.</summary>
    public int Alignment { get; }

    /// <summary>How many low bits the alignment frees (log2 of <see cref="Alignment"/>).</summary>
    public int LowBitsAvailable { get; }

    /// <summary>The fields in declaration order (the implicit <c>Tag</c> alone when none was declared).</summary>
    public IReadOnlyList<FieldLayout> Fields { get; }

    /// <summary>The bits of the high fields.</summary>
    public ulong HighFieldsMask { get; }

    /// <summary>The bits of the low fields.</summary>
    public ulong LowFieldsMask { get; }

    /// <summary>The bits of every field.</summary>
    public ulong FieldsMask => HighFieldsMask | LowFieldsMask;

    /// <summary>
    /// The bits of the untagged address: the scheme's address bits minus the low fields. <c>RawValue &amp; AddressMask</c>
    /// is the address, and a pointer with a bit outside it cannot be wrapped.
    /// </summary>
    public ulong AddressMask => Scheme.AddressMask & ~LowFieldsMask;

    /// <summary>The bits a raw value may have set: address and fields. Unused tag bits must stay zero.</summary>
    public ulong ValidMask => AddressMask | FieldsMask;

    /// <summary>High tag bits no field uses; they are always zero.</summary>
    public ulong UnusedHighMask => Scheme.TagMask & ~HighFieldsMask;

    /// <summary>How many high tag bits no field uses.</summary>
    public int UnusedHighBits { get; }

    /// <summary>How many freed low bits no field uses (they remain address bits).</summary>
    public int UnusedLowBits { get; }
}
