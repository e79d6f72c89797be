namespace TaggedPtr.Runtime.Tests.Reliability;

/// <summary>
/// Tests that measure the whole process (managed heap, host memory) run alone, after the parallel ones, so that other
/// tests' allocations do not blur the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial: whole-process measurements";
}
