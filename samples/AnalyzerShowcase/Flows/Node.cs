namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>An 8-byte aligned pointee: 3 low bits are free.</summary>
public struct Node
{
    /// <summary>The payload.</summary>
    public long Value;
}
