namespace TaggedPtr.Simulation;

/// <summary>What an access wanted to do with memory.</summary>
public enum AccessKind
{
    /// <summary>A data load.</summary>
    Read,

    /// <summary>A data store.</summary>
    Write,

    /// <summary>An instruction fetch (never LAM-masked).</summary>
    Execute,
}
