using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TaggedPtr.BuildCost;

// What the generator and the analyzers cost a build, against Vogen 8.0.7 on the same machine in the same run.
// Every phase is a separate, short process so the shared build lock can be released between them:
//
//   flock /tmp/taggedptr-dotnet.lock dotnet run -c Release --project bench/BuildCost -- prepare --work /tmp/taggedptr-buildcost
//   flock /tmp/taggedptr-dotnet.lock dotnet run -c Release --project bench/BuildCost -- growth --work /tmp/taggedptr-buildcost
//   ... generator, incremental, analyzers, analyzer-callbacks, analyzers-build, members, then: report
//
// `all` runs every phase in one process. docs/benchmarks.md records the method and the results.
return await Cli.RunAsync(args).ConfigureAwait(false);

internal static class Cli
{
    private static readonly string[] Phases = { "prepare", "growth", "generator", "incremental", "analyzers", "analyzer-callbacks", "analyzers-build", "members", "report" };

    public static async Task<int> RunAsync(string[] args)
    {
        var phases = new List<string>();
        string work = Path.Combine(Path.GetTempPath(), "taggedptr-buildcost");
        int count = 1000;
        int? methods = null;
        int repetitions = 5;
        string? compare = null;
        bool fresh = false;
        bool driver = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--work": work = args[++i]; break;
                case "--count": count = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--methods": methods = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--reps": repetitions = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--repo": Repository.Root = Path.GetFullPath(args[++i]); break;
                case "--compare": compare = args[++i]; break;
                case "--fresh": fresh = true; break;
                case "--driver": driver = true; break;
                case "all": phases.AddRange(Phases); break;
                case var phase when Phases.Contains(phase): phases.Add(phase); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; phases: all, {string.Join(", ", Phases)}; options: --work DIR --count N --methods M --reps R --repo PATH --compare ANALYZERS.dll (analyzer-callbacks: A/B against the packed analyzers; TaggedPtr.Generator.dll must sit beside it) --fresh (with --compare: every pass on a new compilation) --driver (with --compare: whole passes on new compilations in Roslyn's driver, its telemetry)");
                    return 2;
            }
        }

        if ((fresh || driver) && compare is null)
        {
            Console.Error.WriteLine("--fresh and --driver choose how --compare runs; they mean nothing without it");
            return 2;
        }

        if (phases.Count == 0)
        {
            phases.Add("report");
        }

        Workspace workspace = Workspace.Open(work);
        foreach (string phase in phases)
        {
            Console.WriteLine($"== {phase} ({workspace.Root})");
            PrepareResult? prepared = workspace.Load<PrepareResult>("prepare");
            if (phase != "prepare" && phase != "report" && prepared is null)
            {
                Console.Error.WriteLine("run `prepare` first");
                return 2;
            }

            int n = prepared?.Declarations ?? count;
            switch (phase)
            {
                case "prepare":
                    workspace.Prepare(count, methods ?? 2000);
                    break;
                case "growth":
                    workspace.Save(phase, BuildPhases.Growth(workspace, Workspace.GrowthProjects(n).Select(p => p.Name).ToArray(), repetitions));
                    break;
                case "generator":
                    workspace.Save(phase, BuildPhases.Report(workspace, phase, Workspace.GrowthProjects(n).Select(p => p.Name).ToArray(), repetitions));
                    break;
                case "analyzers-build":
                    workspace.Save(phase, BuildPhases.Report(workspace, phase, new[] { Workspace.AnalyzersOff, Workspace.AnalyzersOn }, repetitions));
                    break;
                case "incremental":
                    workspace.Save(phase, InProcess.Incremental(workspace, n));
                    break;
                case "analyzers":
                    workspace.Save(phase, await InProcess.AnalyzersAsync(workspace, methods ?? prepared!.Methods, repetitions).ConfigureAwait(false));
                    break;
                case "analyzer-callbacks" when compare is not null && driver:
                    await DriverComparison.RunAsync(workspace, compare, methods ?? prepared!.Methods, repetitions).ConfigureAwait(false);
                    break;
                case "analyzer-callbacks" when compare is not null:
                    CallbackComparison.Run(workspace, compare, methods ?? prepared!.Methods, repetitions, fresh);
                    break;
                case "analyzer-callbacks":
                    workspace.Save(phase, InProcess.AnalyzerCallbacks(workspace, methods ?? prepared!.Methods, repetitions));
                    break;
                case "members":
                    // A fifth of the growth project's wrappers: per-wrapper figures settle well before that.
                    workspace.Save(phase, MemberCost.Run(workspace, Math.Min(n, 200), repetitions));
                    break;
                case "report":
                    Console.WriteLine(Report.Markdown(workspace));
                    break;
            }
        }

        return 0;
    }
}
