using System.Linq;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>Assertions on the files a run added.</summary>
internal static class GeneratedSourceResultAssert
{
    /// <summary>The run added exactly one file, named <paramref name="hintName"/>.</summary>
    public static void HasHint(GeneratorRun run, string hintName) =>
        Assert.Equal(new[] { hintName }, run.Sources.Select(s => s.HintName).ToArray());
}
