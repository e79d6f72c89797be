using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace TaggedPtr.BuildCost;

/// <summary>
/// The harness's folder outside the repository: the packed TaggedPtr package (<c>feed/</c>), a private package cache
/// (<c>packages/</c>), the synthetic projects (<c>projects/</c>, which see no Directory.Build.props of the repository),
/// every build log (<c>logs/</c>) and each phase's results as JSON (<c>results/</c>), so phases can run as separate,
/// short processes and <c>report</c> assembles them.
/// </summary>
internal sealed class Workspace
{
    public const string VogenVersion = "8.0.7";

    private Workspace(string root)
    {
        Root = Path.GetFullPath(root);
        Dotnet = new Dotnet(Packages);
    }

    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public string Projects => Path.Combine(Root, "projects");

    public string Logs => Path.Combine(Root, "logs");

    public string Results => Path.Combine(Root, "results");

    public Dotnet Dotnet { get; }

    /// <summary>The TaggedPtr package as restored into the private cache (its version is whatever the repository packs).</summary>
    public string TaggedPtrPackage =>
        Directory.GetDirectories(Path.Combine(Packages, "taggedptr")).Single();

    public string VogenPackage => Path.Combine(Packages, "vogen", VogenVersion);

    public static Workspace Open(string root)
    {
        var workspace = new Workspace(root);
        if (workspace.Root.StartsWith(Repository.Root.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            // Inside the repository the consumers would inherit its Directory.Build.props (warnings as errors, analysis
            // level, central package versions) and measure a different build.
            throw new InvalidOperationException($"The workspace {workspace.Root} must lie outside the repository {Repository.Root}.");
        }

        return workspace;
    }

    public string Project(string name) => Path.Combine(Projects, name);

    /// <summary>
    /// Packs the repository's package, writes the synthetic projects and restores them: everything the measured builds
    /// need, so no measurement pays for a download.
    /// </summary>
    public void Prepare(int count, int methods)
    {
        foreach (string folder in new[] { Feed, Path.Combine(Packages, "taggedptr"), Projects })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        foreach (string folder in new[] { Feed, Packages, Projects, Logs, Results })
        {
            Directory.CreateDirectory(folder);
        }

        // The committed HEAD is measured, not the working tree: others' uncommitted edits in a shared checkout must not
        // end up in the numbers, and the commit is recorded with them.
        string commit = Git("rev-parse", "HEAD").Trim();
        string source = Path.Combine(Root, "source");
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        Directory.CreateDirectory(source);
        string archive = Path.Combine(Root, "source.tar");
        Git("archive", "--format=tar", "-o", archive, commit);
        System.Formats.Tar.TarFile.ExtractToDirectory(archive, source, overwriteFiles: true);
        File.Delete(archive);

        string runtimeProject = Path.Combine(source, "src", "Runtime", "Runtime.csproj");
        Console.WriteLine($"packing {runtimeProject} (commit {commit}) into {Feed}");
        Dotnet.RunChecked(source, Path.Combine(Logs, "pack.log"), privateCache: false,
            "pack", runtimeProject, "-c", "Release", "-o", Feed, "-nodeReuse:false");
        string package = Directory.GetFiles(Feed, "TaggedPtr.*.nupkg").Single();
        string version = Path.GetFileNameWithoutExtension(package)["TaggedPtr.".Length..];

        // The local feed is added to the machine's sources (for Vogen), as a consumer of a local build would do.
        File.WriteAllText(Path.Combine(Projects, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="taggedptr-buildcost" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        foreach ((string name, Flavor flavor, int declarations) in GrowthProjects(count))
        {
            Write(name, Synthetic.Project(flavor, version), Synthetic.Sources(flavor, declarations));
        }

        SortedDictionary<string, string> workload = AnalyzerWorkload.Sources(methods);
        Write(AnalyzersOn, Synthetic.Project(Flavor.TaggedPtr, version, withTaggedPtrAnalyzers: true, withSdkAnalyzers: false), workload);
        Write(AnalyzersOff, Synthetic.Project(Flavor.TaggedPtr, version, withTaggedPtrAnalyzers: false, withSdkAnalyzers: false), workload);

        foreach (string name in Directory.GetDirectories(Projects).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"restoring {name}");
            Dotnet.RunChecked(Project(name), Path.Combine(Logs, $"restore-{name}.log"), privateCache: true, "restore", "-nodeReuse:false");
        }

        Save("prepare", new PrepareResult(version, commit, count, methods, DateTimeOffset.UtcNow));
    }

    public const string AnalyzersOn = "analyzers-on";

    public const string AnalyzersOff = "analyzers-off";

    /// <summary>The four projects of the growth and generator phases: each flavor with 0 and with N declarations.</summary>
    public static (string Name, Flavor Flavor, int Declarations)[] GrowthProjects(int count) => new[]
    {
        (Name(Flavor.TaggedPtr, 0), Flavor.TaggedPtr, 0),
        (Name(Flavor.TaggedPtr, count), Flavor.TaggedPtr, count),
        (Name(Flavor.Vogen, 0), Flavor.Vogen, 0),
        (Name(Flavor.Vogen, count), Flavor.Vogen, count),
    };

    public static string Name(Flavor flavor, int declarations) =>
        (flavor == Flavor.TaggedPtr ? "taggedptr-" : "vogen-") + declarations.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Save<T>(string phase, T result) =>
        File.WriteAllText(Path.Combine(Results, phase + ".json"), JsonSerializer.Serialize(result, JsonOptions));

    public T? Load<T>(string phase)
        where T : class
    {
        string file = Path.Combine(Results, phase + ".json");
        return File.Exists(file) ? JsonSerializer.Deserialize<T>(File.ReadAllText(file), JsonOptions) : null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static string Git(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(Repository.Root);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using System.Diagnostics.Process git = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        string output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed with {git.ExitCode}");
    }

    private void Write(string name, string project, IEnumerable<KeyValuePair<string, string>> sources)
    {
        string folder = Project(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Synthetic.csproj"), project);
        foreach (KeyValuePair<string, string> file in sources)
        {
            File.WriteAllText(Path.Combine(folder, file.Key), file.Value);
        }
    }
}

/// <summary>What <c>prepare</c> set up.</summary>
internal sealed record PrepareResult(string TaggedPtrVersion, string Commit, int Declarations, int Methods, DateTimeOffset PreparedAt);

/// <summary>Where the repository is: found from the harness's own location, or given with --repo.</summary>
internal static class Repository
{
    public static string Root { get; set; } = Find();

    private static string Find()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "TaggedPtr.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? Directory.GetCurrentDirectory();
    }
}
