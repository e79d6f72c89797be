using System.IO;

namespace TaggedPtr.Package.Tests;

/// <summary>The README's first command and the other samples run to completion with exit code 0.</summary>
public sealed class SampleTests
{
    [Theory]
    [InlineData("Tour", "== 1.")]
    [InlineData("LockFree", "OK: all 1,000 nodes are on the stack exactly once")]
    public void A_sample_runs_to_exit_code_0(string sample, string expected)
    {
        string root = DotnetCli.RepositoryRoot();
        var cli = new DotnetCli(Path.Combine(Path.GetTempPath(), "taggedptr-sample-packages"));
        var run = cli.Run(root, "run", "--no-build", "-c", DotnetCli.Configuration(), "--project", Path.Combine("samples", sample));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(expected, run.Output);
    }
}
