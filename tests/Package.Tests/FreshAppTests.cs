using System;
using System.IO;
using System.Linq;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// The path a new user walks: pack the package into a local folder, create a console app outside the solution that
/// references it by version, build and run it with a generated wrapper, see the flagship diagnostic on a seeded misuse,
/// let <c>dotnet format analyzers</c> apply its code fix, and build clean again.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class FreshAppTests
{
    private readonly PackageFixture _package;

    public FreshAppTests(PackageFixture package) => _package = package;

    [Fact]
    public void A_fresh_console_app_consumes_the_package_sees_the_flagship_rule_and_applies_its_fix()
    {
        Assert.True(_package.Packed, _package.PackOutput);
        string app = _package.CreateApp("cli-app", withMisuse: false);
        DotnetCli cli = _package.Cli;

        var build = cli.Run(app, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("0 Warning(s)", build.Output);

        var run = cli.Run(app, "run", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("wrapper: 0x", run.Output);
        Assert.Contains("Version=3", run.Output);
        Assert.Contains("after increment: 4", run.Output);
        Assert.Contains("device: Success", run.Output);

        // The seeded misuse: a tagged pointer stored into a descriptor address field.
        File.WriteAllText(Path.Combine(app, "Misuse.cs"), FreshApp.Misuse);
        var broken = cli.Run(app, "build", "--disable-build-servers");
        Assert.NotEqual(0, broken.ExitCode);
        string flagship = DotnetCli.Lines(broken.Output).FirstOrDefault(l => l.Contains("error TPTR0001", StringComparison.Ordinal)) ?? string.Empty;
        Assert.True(flagship.Length > 0, broken.Output);
        Assert.Contains("Misuse.cs(7,31)", flagship);

        // The code fix, applied by dotnet format, then a clean build.
        var format = cli.Run(app, "format", "analyzers", "FreshApp.csproj", "--diagnostics", "TPTR0001", "--severity", "error", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);
        string fixedSource = File.ReadAllText(Path.Combine(app, "Misuse.cs"));
        Assert.Contains("tagged.Address", fixedSource);
        Assert.DoesNotContain("tagged.RawValue", fixedSource);

        var rebuilt = cli.Run(app, "build", "--disable-build-servers");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.DoesNotContain("TPTR0001", rebuilt.Output);
    }
}
