using TaggedPtr.Generator.Helpers;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Model;

/// <summary>
/// Everything the emitter needs for one wrapper, as plain values: no symbol, syntax node, location or compilation, so
/// the incremental pipeline can compare it by value and cache it across edits.
/// </summary>
/// <param name="Hierarchy">Namespace, containing types and the wrapper's declaration.</param>
/// <param name="PointeeType">The pointee as code, <c>global::</c>-qualified.</param>
/// <param name="PointeeDisplay">The pointee as documentation shows it.</param>
/// <param name="Scheme">The high-bit scheme.</param>
/// <param name="SchemeName">Its display name (<c>LAM_U57</c>).</param>
/// <param name="AddressOnlyEquality">True for <c>TagEquality.AddressOnly</c>.</param>
/// <param name="IsRecord">True for a <c>record struct</c> (the record synthesizes part of equality).</param>
/// <param name="IsReadOnly">True for a <c>readonly struct</c>; otherwise members are marked <c>readonly</c> one by one.</param>
/// <param name="Alignment">The pointee alignment the low fields rely on.</param>
/// <param name="AddressMask">The address bits.</param>
/// <param name="LowFieldsMask">The low fields' bits.</param>
/// <param name="HighFieldsMask">The high fields' bits.</param>
/// <param name="SchemeTagMask">The scheme's tag bits, used or not.</param>
/// <param name="Fields">The fields in declaration order.</param>
internal sealed record WrapperModel(
    HierarchyInfo Hierarchy,
    string PointeeType,
    string PointeeDisplay,
    LayoutScheme Scheme,
    string SchemeName,
    bool AddressOnlyEquality,
    bool IsRecord,
    bool IsReadOnly,
    int Alignment,
    ulong AddressMask,
    ulong LowFieldsMask,
    ulong HighFieldsMask,
    ulong SchemeTagMask,
    EquatableArray<FieldModel> Fields)
{
    /// <summary>Every field bit.</summary>
    public ulong FieldsMask => LowFieldsMask | HighFieldsMask;
}
