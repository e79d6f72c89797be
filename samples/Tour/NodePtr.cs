namespace TaggedPtr.Samples.Tour;

/// <summary>
/// A pointer to a <see cref="Node"/> that carries a colour and a 5-bit version in LAM_U57 bits 62:57 and a mark in
/// bit 0; the generator writes the rest.
/// </summary>
[TaggedPointer(typeof(Node))]
[TagField("Color", typeof(Color), Bits = 1)]
[TagField("Version", Bits = 5)]
[LowTagField("Marked", typeof(bool), Bits = 1)]
public readonly partial struct NodePtr;
