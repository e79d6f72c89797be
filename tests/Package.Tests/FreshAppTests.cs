using System;
using System.IO;
using System.Linq;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// The path a new user walks: pack the package into a local folder, create a console app outside the solution that
/// references it by version, build and run it with a generated wrapper, see the flagship diagnostic on a seeded misuse,
/// let <c>dotnet format analyzers</c> apply its code fix, and build clean again.
/// </summary>
public sealed class FreshAppTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "taggedptr-fresh-" + Guid.NewGuid().ToString("N"));

    public FreshAppTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public void A_fresh_console_app_consumes_the_package_sees_the_flagship_rule_and_applies_its_fix()
    {
        string feed = Path.Combine(_root, "feed");
        string app = Path.Combine(_root, "app");
        var cli = new DotnetCli(Path.Combine(_root, "packages"));
        string version = "0.1.0-freshapp." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        // 1. Pack from the outputs the solution build just produced.
        string runtimeProject = Path.Combine(DotnetCli.RepositoryRoot(), "src", "Runtime", "Runtime.csproj");
        var pack = cli.Run(_root, "pack", runtimeProject, "--no-build", "-c", DotnetCli.Configuration(), "-o", feed, "-p:Version=" + version);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"TaggedPtr.{version}.nupkg")), pack.Output);

        // 2. A console app that knows nothing of the solution.
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), FreshApp.NuGetConfig(feed));
        File.WriteAllText(Path.Combine(app, "FreshApp.csproj"), FreshApp.Project(version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), FreshApp.Program);
        File.WriteAllText(Path.Combine(app, "Node.cs"), FreshApp.Declarations);

        var build = cli.Run(app, "build", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("0 Warning(s)", build.Output);

        var run = cli.Run(app, "run", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("wrapper: 0x", run.Output);
        Assert.Contains("Version=3", run.Output);
        Assert.Contains("after increment: 4", run.Output);
        Assert.Contains("device: Success", run.Output);

        // 3. The seeded misuse: a tagged pointer stored into a descriptor address field.
        File.WriteAllText(Path.Combine(app, "Misuse.cs"), FreshApp.Misuse);
        var broken = cli.Run(app, "build", "--disable-build-servers");
        Assert.NotEqual(0, broken.ExitCode);
        string flagship = DotnetCli.Lines(broken.Output).FirstOrDefault(l => l.Contains("error TPTR0001", StringComparison.Ordinal)) ?? string.Empty;
        Assert.True(flagship.Length > 0, broken.Output);
        Assert.Contains("Misuse.cs(", flagship);

        // 4. The code fix, applied by dotnet format, then a clean build.
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
