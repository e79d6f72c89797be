using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// samples/AnalyzerShowcase: every analyzer rule fires exactly once across its three projects, as a user opening them
/// in an IDE would see. The compiler's SARIF log is read so that information-level diagnostics count too.
/// </summary>
public sealed class AnalyzerShowcaseTests
{
    [Fact]
    public void Every_rule_fires_exactly_once()
    {
        string root = DotnetCli.RepositoryRoot();
        var cli = new DotnetCli(Path.Combine(Path.GetTempPath(), "taggedptr-showcase-packages"));
        var counts = new Dictionary<string, int>();
        var log = new List<string>();
        foreach (string project in new[] { "Flows", "OldLanguage", "NoUnsafe" })
        {
            string sarif = Path.Combine(Path.GetTempPath(), $"taggedptr-showcase-{project}-{System.Guid.NewGuid():N}.sarif");
            // --no-incremental so the compiler (and so every analyzer) runs even when the project is up to date;
            // BuildProjectReferences=false so that rebuild does not clean src/, which the other test projects are
            // using right now (the references were built before this assembly: see Package.Tests.csproj).
            var build = cli.Run(
                root,
                "build",
                Path.Combine("samples", "AnalyzerShowcase", project),
                "--no-incremental",
                "-p:BuildProjectReferences=false",
                "-c",
                DotnetCli.Configuration(),
                $"-p:ErrorLog={sarif},version=2.1");
            log.Add(build.Output);
            Assert.True(File.Exists(sarif), build.Output);
            foreach (JsonNode? result in SarifResults(sarif))
            {
                string? id = result?["ruleId"]?.GetValue<string>();
                if (id is not null && id.StartsWith("TPTR", System.StringComparison.Ordinal))
                {
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }
            }

            File.Delete(sarif);
        }

        string[] expected = Enumerable.Range(1, 19).Select(i => $"TPTR{i:0000}").ToArray();
        Assert.True(
            expected.All(id => counts.GetValueOrDefault(id) == 1) && counts.Count == expected.Length,
            "rule counts: " + string.Join(", ", expected.Select(id => $"{id}={counts.GetValueOrDefault(id)}")) + "\n" + string.Join("\n", log));
    }

    private static IEnumerable<JsonNode?> SarifResults(string path)
    {
        JsonNode? document = JsonNode.Parse(File.ReadAllText(path));
        return document?["runs"] is JsonArray runs
            ? runs.SelectMany(run => run?["results"] as JsonArray ?? new JsonArray())
            : Enumerable.Empty<JsonNode?>();
    }
}
