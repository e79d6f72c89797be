namespace TaggedPtr.Samples.LockFree;

/// <summary>
/// The stack head: a node pointer and a 15-bit ABA counter in bits 62:48. The counter only ever lives in the head word,
/// and the head is always untagged before it is dereferenced, so no hardware support is needed; LAM_U48's layout is
/// used because it leaves 15 bits (LAM_U57 leaves 6, which a busy stack wraps within a single preemption).
/// </summary>
[TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48)]
[TagField("Version", Bits = 15)]
public readonly partial struct NodePtr;
