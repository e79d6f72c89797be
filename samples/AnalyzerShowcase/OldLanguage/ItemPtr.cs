namespace TaggedPtr.Samples.AnalyzerShowcase
{
    /// <summary>A pointee.</summary>
    public struct Item
    {
        /// <summary>The payload.</summary>
        public int Value;
    }

    /// <summary>TPTR0017: this project is C# 7.3; wrappers need C# 8.</summary>
    [TaggedPointer(typeof(Item))]
    public readonly partial struct ItemPtr
    {
    }
}
