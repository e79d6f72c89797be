using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>The generated code compiles without a warning on every C# version its declaration compiles on (8 to latest).</summary>
public sealed class LanguageVersionTests
{
    private static readonly LanguageVersion[] Versions =
    {
        LanguageVersion.CSharp8, LanguageVersion.CSharp10, LanguageVersion.CSharp11, LanguageVersion.CSharp12, LanguageVersion.Latest,
    };

    public static IEnumerable<object[]> Cases =>
        from scenario in Scenarios.All
        from version in Versions
        where version >= scenario.MinimumVersion
        select new object[] { scenario.Name, version.ToDisplayString() };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_compiles_without_warnings(string name, string version)
    {
        Assert.True(LanguageVersionFacts.TryParse(version, out LanguageVersion parsed));
        Scenario scenario = Scenarios.Get(name);

        GeneratorRun run = GeneratorHarness.Run(scenario.Source, parsed).AssertClean();

        GeneratedSourceResultAssert.HasHint(run, scenario.HintName);
    }

    [Fact]
    public void Every_version_is_covered_by_at_least_three_scenarios()
    {
        foreach (LanguageVersion version in Versions)
        {
            Assert.True(Scenarios.All.Count(s => version >= s.MinimumVersion) >= 3, version.ToDisplayString());
        }
    }

    [Fact]
    public void CSharp_7_3_gets_no_output_and_no_exception()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.Get("SingleTag").Source, LanguageVersion.CSharp7_3);

        Assert.Empty(run.Sources);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Null(run.Result.Exception);
    }

    [Fact]
    public void Generic_attribute_below_CSharp_11_gets_no_output()
    {
        string source = Scenarios.Get("GenericAttribute").Source.Replace("namespace Demo;", "namespace Demo {") + "}";

        GeneratorRun run = GeneratorHarness.Run(source, LanguageVersion.CSharp10);

        Assert.Empty(run.Sources);
        Assert.Null(run.Result.Exception);
    }
}
