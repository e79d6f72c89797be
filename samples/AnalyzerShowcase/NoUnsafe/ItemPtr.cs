namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>A pointee.</summary>
public struct Item
{
    /// <summary>The payload.</summary>
    public int Value;
}

/// <summary>TPTR0018: the project does not allow unsafe code, and a wrapper is made of pointers.</summary>
[TaggedPointer(typeof(Item))]
public readonly partial struct ItemPtr
{
}
