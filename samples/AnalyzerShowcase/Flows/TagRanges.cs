namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>A constant tag that does not fit.</summary>
public static class TagRanges
{
    /// <summary>TPTR0003: LAM_U57 has 6 tag bits; 64 needs 7.</summary>
    public static TaggedPtr<long> Retag(TaggedPtr<long> pointer) => pointer.WithTag(64);
}
