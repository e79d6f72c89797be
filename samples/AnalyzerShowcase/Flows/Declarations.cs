namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>TPTR0010: the generator can only add members to a partial struct.</summary>
[TaggedPointer(typeof(Node))]
public readonly struct NotPartial
{
}

/// <summary>TPTR0011: a tagged pointer is one 64-bit value, so the wrapper must be a struct.</summary>
[TaggedPointer(typeof(Node))]
public partial class NotAStruct
{
}

/// <summary>TPTR0012: a pointer to a managed type cannot exist.</summary>
[TaggedPointer(typeof(string))]
public readonly partial struct ManagedPointee
{
}

/// <summary>TPTR0013: 6 tag bits available in LAM_U57, 7 requested.</summary>
[TaggedPointer(typeof(Node))]
[TagField("Wide", Bits = 7)]
public readonly partial struct OverBudget
{
}

/// <summary>TPTR0014: Node is 8-byte aligned, so only 3 low bits are free.</summary>
[TaggedPointer(typeof(Node))]
[LowTagField("Flags", Bits = 4)]
public readonly partial struct OverAlignment
{
}

/// <summary>TPTR0015: the two fields share bits 59:58.</summary>
[TaggedPointer(typeof(Node))]
[TagField("A", Bits = 3)]
[TagField("B", Bits = 2, Offset = 1)]
public readonly partial struct Overlapping
{
}

/// <summary>TPTR0016: a field named Address would hide the generated untagged address.</summary>
[TaggedPointer(typeof(Node))]
[TagField("Address", Bits = 1)]
public readonly partial struct Colliding
{
}

/// <summary>TPTR0019: an alignment must be a power of two.</summary>
[TaggedPointer(typeof(Node), Alignment = 12)]
[TagField("Version", Bits = 4)]
public readonly partial struct OddAlignment
{
}
