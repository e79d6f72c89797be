using System.Runtime.InteropServices;

namespace TaggedPtr.Samples.LockFree;

/// <summary>A stack node in native memory. 16-byte aligned, so a wrapper could also use 4 low bits.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct Node
{
    /// <summary>The next node, untagged.</summary>
    public unsafe Node* Next;

    /// <summary>The payload: a unique id, so that losses and duplicates show.</summary>
    public int Value;

    /// <summary>How many times this node was popped.</summary>
    public int Pops;
}
