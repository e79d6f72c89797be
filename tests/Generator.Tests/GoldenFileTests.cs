using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>The generated file of every scenario, compared byte for byte with its checked-in golden file.</summary>
public sealed class GoldenFileTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Generated_file_matches_its_golden_file(string name)
    {
        Scenario scenario = Scenarios.Get(name);
        GeneratorRun run = GeneratorHarness.Run(scenario.Source).AssertClean();

        GeneratedSourceResultAssert.HasHint(run, scenario.HintName);
        GoldenFile.Verify(scenario.Name, run.SingleSource);
    }

    [Fact]
    public void Golden_folder_holds_no_stale_file()
    {
        var expected = new System.Collections.Generic.HashSet<string>(System.Linq.Enumerable.Select(Scenarios.All, s => s.Name + ".verified.cs"));
        foreach (string file in System.IO.Directory.GetFiles(GoldenFile.Directory, "*.verified.cs"))
        {
            Assert.Contains(System.IO.Path.GetFileName(file), expected);
        }
    }
}
