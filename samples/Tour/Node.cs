namespace TaggedPtr.Samples.Tour;

/// <summary>A list node; 8-byte aligned, so a wrapper may keep 3 flags in its low bits.</summary>
public struct Node
{
    /// <summary>The payload.</summary>
    public long Value;

    /// <summary>The next node (untagged).</summary>
    public ulong Next;
}

/// <summary>The colour of a node, kept in one tag bit.</summary>
public enum Color : byte
{
    /// <summary>Red.</summary>
    Red,

    /// <summary>Black.</summary>
    Black,
}
