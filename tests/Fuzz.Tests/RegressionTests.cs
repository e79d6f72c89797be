using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TaggedPtr.Fuzz.Tests.Harness;

namespace TaggedPtr.Fuzz.Tests;

/// <summary>
/// Inputs that once failed, saved from a fuzz run's report under <c>Regressions/</c> (replay format): each runs through
/// the whole pipeline (generator, every analyzer, every fix and Fix All) and must pass. Adding a file adds a test.
/// </summary>
public sealed class RegressionTests
{
    /// <summary>Every saved input, by file name.</summary>
    public static IEnumerable<object[]> Inputs() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Regressions"), "*.fuzz")
            .Select(path => Path.GetFileName(path))
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_saved_input_passes_the_whole_pipeline(string file)
    {
        FuzzInput input = FuzzInput.FromReplayText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Regressions", file)));
        var pipeline = new FuzzPipeline(Components.Shipped);

        FuzzResult result = await pipeline.RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal(1, result.Counts.Inputs);
        Assert.True(result.Counts.WrappersChecked > 0, "the input no longer declares a wrapper: it tests nothing");
    }

    [Fact]
    public void Replay_text_round_trips_byte_for_byte()
    {
        foreach (object[] row in Inputs())
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Regressions", (string)row[0]));
            Assert.Equal(text, FuzzInput.FromReplayText(text).ToReplayText());
        }
    }
}
