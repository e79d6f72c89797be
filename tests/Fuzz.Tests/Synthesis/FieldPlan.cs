namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>One tag field of a synthesized wrapper, laid out to fit.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Low">True for <c>[LowTagField]</c>.</param>
/// <param name="Attribute">The attribute as written, without brackets.</param>
/// <param name="ValueType">The type of the generated property and <c>WithX</c> parameter, as usage code writes it.</param>
/// <param name="Bits">The width the generator gives it.</param>
/// <param name="StorageBits">The width of <paramref name="ValueType"/> for unsigned fields; 0 otherwise.</param>
/// <param name="ValidValue">A value that fits, as code.</param>
internal sealed record FieldPlan(string Name, bool Low, string Attribute, string ValueType, int Bits, int StorageBits, string ValidValue)
{
    /// <summary>True for an unsigned counter (it gets <c>IncrementX</c>).</summary>
    public bool IsUnsigned => StorageBits > 0;

    /// <summary>One more than the largest value, when the property type can hold it (a constant the analyzers flag).</summary>
    public string? OverValue => IsUnsigned && Bits < StorageBits ? (1UL << Bits).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
