using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Model;

/// <summary>One placed field, as the emitter needs it.</summary>
/// <param name="Name">The property name.</param>
/// <param name="TypeName">The property type as code: a keyword, or a <c>global::</c>-qualified enum.</param>
/// <param name="TypeDisplay">The type as documentation shows it.</param>
/// <param name="Kind">Unsigned, bool or enum.</param>
/// <param name="Region">High or low bits.</param>
/// <param name="Shift">The lowest bit.</param>
/// <param name="Bits">The width.</param>
/// <param name="StorageBits">For unsigned fields, the width of the property type; otherwise 0.</param>
/// <param name="IsImplicit">True for the unnamed <c>Tag</c>.</param>
internal readonly record struct FieldModel(
    string Name,
    string TypeName,
    string TypeDisplay,
    FieldKind Kind,
    FieldRegion Region,
    int Shift,
    int Bits,
    int StorageBits,
    bool IsImplicit)
{
    /// <summary>The largest value: <c>2^Bits - 1</c>.</summary>
    public ulong MaxValue => Bits >= 64 ? ulong.MaxValue : (1UL << Bits) - 1;

    /// <summary>The field's bits in place.</summary>
    public ulong Mask => MaxValue << Shift;
}
