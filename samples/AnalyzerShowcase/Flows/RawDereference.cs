namespace TaggedPtr.Samples.AnalyzerShowcase;

/// <summary>Tag bits used as an address.</summary>
public static unsafe class RawDereference
{
    /// <summary>TPTR0008: without LAM the CPU faults on the tagged bits. Fix: <c>pointer.Target</c>.</summary>
    public static long Read(TaggedPtr<long> pointer) => *(long*)pointer.RawValue;
}
