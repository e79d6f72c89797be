using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace TaggedPtr.BuildCost;

/// <summary>Timings of one synthetic project over the repetitions of a phase.</summary>
/// <param name="Project">The project folder's name.</param>
/// <param name="WallMs">Wall-clock time of each <c>dotnet build</c>.</param>
/// <param name="CscMs">The Csc task's time of each build (MSBuild's performance summary).</param>
/// <param name="GeneratorMs">The package's generator time of each build ("Total generator execution time" table).</param>
/// <param name="AnalyzerMs">The package's analyzer time of each build ("Total analyzer execution time" table).</param>
/// <param name="Warnings">Warnings of the last build (the synthetic projects should have none).</param>
internal sealed record ProjectTimings(
    string Project,
    List<double> WallMs,
    List<double> CscMs,
    List<double> GeneratorMs,
    List<double> AnalyzerMs,
    int Warnings);

/// <summary>A build phase's results.</summary>
internal sealed record BuildPhaseResult(string Phase, int Repetitions, string Command, List<ProjectTimings> Projects)
{
    public ProjectTimings this[string project] => Projects.Single(p => p.Project == project);
}

/// <summary>
/// The phases that run real builds of the synthetic projects. In every repetition each project builds once, in an order
/// rotated per repetition, so a slow spell of the shared machine hits all projects alike; the first build of each project
/// is an untimed warm-up (it starts the compiler server and fills the OS file cache).
/// </summary>
internal static class BuildPhases
{
    /// <summary>Plain builds: what a developer waits for. Gives the build-time growth per declaration.</summary>
    public static BuildPhaseResult Growth(Workspace workspace, string[] projects, int repetitions) =>
        Run(workspace, "growth", projects, repetitions, reportAnalyzer: false);

    /// <summary>Builds with <c>-p:ReportAnalyzer=true -v:d</c>: the compiler's own generator and analyzer timings.</summary>
    public static BuildPhaseResult Report(Workspace workspace, string phase, string[] projects, int repetitions) =>
        Run(workspace, phase, projects, repetitions, reportAnalyzer: true);

    private static BuildPhaseResult Run(Workspace workspace, string phase, string[] projects, int repetitions, bool reportAnalyzer)
    {
        string[] arguments = reportAnalyzer
            ? new[] { "build", "--no-restore", "--no-incremental", "-nodeReuse:false", "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary" }
            : new[] { "build", "--no-restore", "--no-incremental", "-nodeReuse:false", "-v:q", "-clp:PerformanceSummary" };
        var timings = projects.ToDictionary(
            p => p,
            p => new ProjectTimings(p, new List<double>(), new List<double>(), new List<double>(), new List<double>(), 0),
            StringComparer.Ordinal);
        var warnings = new Dictionary<string, int>(StringComparer.Ordinal);

        for (int repetition = 0; repetition <= repetitions; repetition++)
        {
            for (int i = 0; i < projects.Length; i++)
            {
                string project = projects[(i + repetition) % projects.Length];
                string log = Path.Combine(workspace.Logs, $"{phase}-{project}-{repetition}.log");
                DotnetResult result = workspace.Dotnet.RunChecked(workspace.Project(project), log, privateCache: true, arguments);
                warnings[project] = Regex.Matches(result.Output, @": warning [A-Z]+[0-9]+").Count;
                if (repetition == 0)
                {
                    Console.WriteLine($"  {phase} warm-up {project}: {result.Elapsed.TotalSeconds:0.0} s");
                    continue;
                }

                ProjectTimings t = timings[project];
                t.WallMs.Add(result.Elapsed.TotalMilliseconds);
                t.CscMs.Add(CscMs(result.Output));
                if (reportAnalyzer)
                {
                    t.GeneratorMs.Add(TableMs(result.Output, "Total generator execution time", PackageAssembly(project)));
                    t.AnalyzerMs.Add(TableMs(result.Output, "Total analyzer execution time", PackageAssembly(project)));
                }

                Console.WriteLine($"  {phase} {repetition}/{repetitions} {project}: {result.Elapsed.TotalSeconds:0.00} s");
            }
        }

        return new BuildPhaseResult(
            phase,
            repetitions,
            "dotnet " + string.Join(' ', arguments),
            projects.Select(p => timings[p] with { Warnings = warnings.GetValueOrDefault(p) }).ToList());
    }

    /// <summary>The assembly name whose rows count for a project: TaggedPtr's package or Vogen's.</summary>
    private static string PackageAssembly(string project) => project.StartsWith("vogen", StringComparison.Ordinal) ? "Vogen" : "TaggedPtr.";

    /// <summary>
    /// The milliseconds of the assembly rows in a ReportAnalyzer table, summed over every compilation in the log.
    /// The table is the compiler's (toolchain notes §6): a "Total … execution time: S seconds." line, then one row per
    /// assembly (<c>seconds  percent  Name, Version=…</c>) followed by rows for its types, indented further.
    /// </summary>
    public static double TableMs(string output, string title, string assemblyPrefix)
    {
        double seconds = 0;
        bool inTable = false;
        foreach (string line in output.Split('\n'))
        {
            if (line.Contains(title, StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }

            if (!inTable)
            {
                continue;
            }

            // Blank lines separate the assemblies' groups, and a header names the columns.
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("Time (s)", StringComparison.Ordinal))
            {
                continue;
            }

            Match row = TableRow.Match(line);
            if (!row.Success)
            {
                inTable = false;
                continue;
            }

            string name = row.Groups["name"].Value;
            if (name.StartsWith(assemblyPrefix, StringComparison.Ordinal) && name.Contains(", Version=", StringComparison.Ordinal))
            {
                seconds += row.Groups["seconds"].Value.StartsWith('<') ? 0 : double.Parse(row.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            }
        }

        return seconds * 1000;
    }

    /// <summary>The Csc line of MSBuild's task performance summary (<c>1234 ms  Csc  1 calls</c>).</summary>
    public static double CscMs(string output)
    {
        Match match = CscRow.Match(output);
        return match.Success ? double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static readonly Regex TableRow = new(@"^\s*(?<seconds><?[0-9.]+)\s+(?<percent><?[0-9]+)\s+(?<name>\S.*?)\s*$", RegexOptions.Compiled);

    private static readonly Regex CscRow = new(@"^\s*(?<ms>[0-9]+) ms\s+Csc\s+[0-9]+ calls", RegexOptions.Compiled | RegexOptions.Multiline);
}
