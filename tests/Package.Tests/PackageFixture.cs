using System;
using System.Globalization;
using System.IO;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// Packs the package once for the package tests, into a temporary folder with a private package cache, so nothing from
/// the machine's cache or the solution build leaks into the consumers.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "taggedptr-package-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Cli = new DotnetCli(Path.Combine(Root, "packages"));
        Version = "0.1.0-consumer." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Root);
        string runtimeProject = Path.Combine(DotnetCli.RepositoryRoot(), "src", "Runtime", "Runtime.csproj");
        (int exitCode, string output) = Cli.Run(Root, "pack", runtimeProject, "--no-build", "-c", DotnetCli.Configuration(), "-o", Feed, "-p:Version=" + Version);
        PackOutput = output;
        Packed = exitCode == 0 && File.Exists(Path.Combine(Feed, $"TaggedPtr.{Version}.nupkg"));
    }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public DotnetCli Cli { get; }

    public bool Packed { get; }

    public string PackOutput { get; }

    /// <summary>Writes a fresh console app that references the package by version through the local feed.</summary>
    public string CreateApp(string name, bool withMisuse)
    {
        string app = Path.Combine(Root, name);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), FreshApp.NuGetConfig(Feed));
        File.WriteAllText(Path.Combine(app, "FreshApp.csproj"), FreshApp.Project(Version));
        File.WriteAllText(Path.Combine(app, "Program.cs"), FreshApp.Program);
        File.WriteAllText(Path.Combine(app, "Node.cs"), FreshApp.Declarations);
        if (withMisuse)
        {
            File.WriteAllText(Path.Combine(app, "Misuse.cs"), FreshApp.Misuse);
        }

        return app;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server process may hold a file for a moment; the temp folder is the OS's to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
