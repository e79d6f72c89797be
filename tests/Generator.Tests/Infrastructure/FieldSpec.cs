namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>Where a test expects a field: written by hand from the runtime's scheme constants, not from the generator.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Shift">The lowest bit.</param>
/// <param name="Bits">The width.</param>
internal sealed record FieldSpec(string Name, int Shift, int Bits)
{
    /// <summary>The largest value.</summary>
    public ulong Max => (1UL << Bits) - 1;

    /// <summary>The bits in place.</summary>
    public ulong Mask => Max << Shift;
}
