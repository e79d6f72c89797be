using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TaggedPtr.Fuzz.Tests.Harness;
using Xunit.Abstractions;

namespace TaggedPtr.Fuzz.Tests;

/// <summary>
/// Issue 7, "Generator and analyzers never throw": at least 2,000 seeded inputs, each a valid program broken by
/// mutation, through the generator, every analyzer and every code fix (Fix All on every eighth input).
/// </summary>
/// <remarks>
/// A failing input is printed with its seed and its files in the replay format; saved under <c>Regressions/</c> it
/// becomes a permanent test (<see cref="RegressionTests"/>). Long run outside CI:
/// <c>TAGGEDPTR_FUZZ_INPUTS=200000 dotnet test tests/Fuzz.Tests --filter FullyQualifiedName~FuzzTests</c>, with
/// <c>TAGGEDPTR_FUZZ_SEED</c> for another stream.
/// </remarks>
public sealed class FuzzTests
{
    private const int PrintedFailures = 10;

    private readonly ITestOutputHelper _output;

    /// <summary>A test writing its figures to <paramref name="output"/>.</summary>
    public FuzzTests(ITestOutputHelper output) => _output = output;

    /// <summary>No exception, CS8785, AD0001, unparsable generated file or broken fix on any input.</summary>
    [Fact]
    public async Task GeneratorAnalyzersAndFixesNeverFailOnMutatedPrograms()
    {
        FuzzSettings settings = FuzzSettings.FromEnvironment();
        FuzzRun run = await FuzzRunner.RunAsync(Components.Shipped, settings.MasterSeed, settings.Inputs, FuzzSettings.FixAllEvery);

        _output.WriteLine($"master seed 0x{settings.MasterSeed:X16}, {settings.Inputs} inputs on {Environment.ProcessorCount} cores");
        _output.WriteLine(run.Counts.ToString());
        _output.WriteLine("rules reported: " + string.Join(" ", run.RuleIds));
        _output.WriteLine($"failing inputs: {run.Failed.Count}");
        // Every failing input is also written out whole, ready to be moved to Regressions/.
        string directory = Path.Combine(AppContext.BaseDirectory, "fuzz-failures");
        foreach ((int index, FuzzInput input, FuzzResult result) in run.Failed)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"{input.Seed:X16}.fuzz"), input.ToReplayText(), new UTF8Encoding(false));
        }

        if (run.Failed.Count > 0)
        {
            _output.WriteLine("replay files of the failing inputs: " + directory);
        }

        var report = new StringBuilder();
        foreach ((int index, FuzzInput input, FuzzResult result) in run.Failed.Take(PrintedFailures))
        {
            report.Append(CultureInfo.InvariantCulture, $"==== input #{index}, seed 0x{input.Seed:X16}: {result.Failures.Count} failure(s)\n");
            foreach (string failure in result.Failures.Take(5))
            {
                report.Append("- ").Append(failure).Append('\n');
            }

            report.Append("---- replay (save as tests/Fuzz.Tests/Regressions/<name>.fuzz) ----\n").Append(input.ToReplayText());
        }

        _output.WriteLine(report.ToString());
        Assert.True(run.Failed.Count == 0, $"{run.Failed.Count} of {settings.Inputs} inputs failed; first:\n{report}");

        // The run must keep reaching every part of the package, or a passing run would prove nothing.
        Assert.Equal(settings.Inputs, run.Counts.Inputs);
        Assert.True(run.Counts.GeneratedFiles >= settings.Inputs / 2, $"only {run.Counts.GeneratedFiles} generated files");
        Assert.True(run.Counts.FixesApplied >= settings.Inputs / 2, $"only {run.Counts.FixesApplied} fixes applied");
        Assert.True(run.Counts.FixAllApplied >= settings.Inputs / (4 * FuzzSettings.FixAllEvery), $"only {run.Counts.FixAllApplied} Fix All runs");
        foreach (string rule in Enumerable.Range(1, 19).Select(n => "TPTR" + n.ToString("D4", CultureInfo.InvariantCulture)))
        {
            Assert.Contains(rule, run.RuleIds);
        }
    }
}
