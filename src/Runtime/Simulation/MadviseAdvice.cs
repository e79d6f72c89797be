namespace TaggedPtr.Simulation;

/// <summary>The <c>madvise</c> advice values the simulator understands.</summary>
public enum MadviseAdvice
{
    /// <summary><c>MADV_NORMAL</c>: no effect.</summary>
    Normal = 0,

    /// <summary><c>MADV_WILLNEED</c>: make the pages present.</summary>
    WillNeed = 3,

    /// <summary><c>MADV_DONTNEED</c>: drop the pages; the next touch sees zeros and a device sees a not-present page.</summary>
    DontNeed = 4,
}
