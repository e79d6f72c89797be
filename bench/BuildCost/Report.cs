using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TaggedPtr.BuildCost;

/// <summary>Assembles the phases' JSON results into the Markdown tables of docs/benchmarks.md.</summary>
internal static class Report
{
    public static string Markdown(Workspace workspace)
    {
        var text = new StringBuilder();
        PrepareResult? prepared = workspace.Load<PrepareResult>("prepare");
        BuildPhaseResult? growth = workspace.Load<BuildPhaseResult>("growth");
        BuildPhaseResult? generator = workspace.Load<BuildPhaseResult>("generator");
        List<IncrementalResult>? incremental = workspace.Load<List<IncrementalResult>>("incremental");
        List<AnalyzerResult>? analyzerRuns = workspace.Load<List<AnalyzerResult>>("analyzers");
        BuildPhaseResult? analyzersBuild = workspace.Load<BuildPhaseResult>("analyzers-build");
        List<CallbackResult>? callbacks = workspace.Load<List<CallbackResult>>("analyzer-callbacks");
        if (prepared is null)
        {
            return "No results: run `prepare` and the phases first.";
        }

        int n = prepared.Declarations;
        string ours0 = Workspace.Name(Flavor.TaggedPtr, 0), oursN = Workspace.Name(Flavor.TaggedPtr, n);
        string vogen0 = Workspace.Name(Flavor.Vogen, 0), vogenN = Workspace.Name(Flavor.Vogen, n);

        text.AppendLine($"### Generator vs Vogen {Workspace.VogenVersion}: {n} declarations each (TaggedPtr {prepared.TaggedPtrVersion} packed from commit {prepared.Commit[..Math.Min(12, prepared.Commit.Length)]})");
        text.AppendLine();
        text.AppendLine("| measure | TaggedPtr | Vogen | TaggedPtr / Vogen | goal | met |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- | --- |");
        if (generator is not null)
        {
            double ours = Stats.Median(generator[oursN].GeneratorMs) / n;
            double theirs = Stats.Median(generator[vogenN].GeneratorMs) / n;
            Row(text, $"generator time per type, ms (ReportAnalyzer, median of {generator.Repetitions} builds / {n})", ours, theirs, "≤ 0.100", ours / theirs <= 0.1);
            double oursMarginal = (Stats.Median(generator[oursN].GeneratorMs) - Stats.Median(generator[ours0].GeneratorMs)) / n;
            double theirsMarginal = (Stats.Median(generator[vogenN].GeneratorMs) - Stats.Median(generator[vogen0].GeneratorMs)) / n;
            Row(text, $"generator time per type, ms, marginal ((t{n} − t0) / {n})", oursMarginal, theirsMarginal, "", null);
        }

        if (growth is not null)
        {
            double ours = (Stats.Median(growth[oursN].WallMs) - Stats.Median(growth[ours0].WallMs)) / n;
            double theirs = (Stats.Median(growth[vogenN].WallMs) - Stats.Median(growth[vogen0].WallMs)) / n;
            Row(text, $"build-time growth per declaration, ms (wall, medians of {growth.Repetitions} builds)", ours, theirs, "≤ 0.250", ours / theirs <= 0.25);
            double oursCsc = (Stats.Median(growth[oursN].CscMs) - Stats.Median(growth[ours0].CscMs)) / n;
            double theirsCsc = (Stats.Median(growth[vogenN].CscMs) - Stats.Median(growth[vogen0].CscMs)) / n;
            Row(text, "build-time growth per declaration, ms (Csc task only)", oursCsc, theirsCsc, "", null);
        }

        if (incremental is not null)
        {
            IncrementalResult ours = incremental.Single(r => r.Name == "TaggedPtr");
            IncrementalResult theirs = incremental.Single(r => r.Name == "Vogen");
            text.AppendLine($"| files generated | {ours.GeneratedFiles} | {theirs.GeneratedFiles} | | | |");
            text.AppendLine($"| files regenerated after an unrelated edit (driver, New/Modified outputs) | {ours.RegeneratedAfterUnrelatedEdit} | {theirs.RegeneratedAfterUnrelatedEdit} | | 0 | {(ours.RegeneratedAfterUnrelatedEdit == 0 ? "yes" : "**no**")} |");
            Row(text, "generator time per type in the driver, ms (full run, warm JIT)", ours.WarmRunMs / n, theirs.WarmRunMs / n, "", null);
            Row(text, "generator time of the run after the unrelated edit, ms (whole run)", ours.IncrementalRunMs, theirs.IncrementalRunMs, "", null);
            text.AppendLine($"| compile errors with the generated code (sanity check) | {ours.CompilationErrors} | {theirs.CompilationErrors} | | 0 | |");
            Row(text, "generated lines per declaration", (double)ours.GeneratedLines / n, (double)theirs.GeneratedLines / n, "", null);
            Row(text, "generated members per declaration (methods, properties, operators, fields, ...)", (double)ours.GeneratedMembers / n, (double)theirs.GeneratedMembers / n, "", null);
        }

        if (generator is not null)
        {
            double ours = (Stats.Median(generator[oursN].AnalyzerMs) - Stats.Median(generator[ours0].AnalyzerMs)) / n;
            double theirs = (Stats.Median(generator[vogenN].AnalyzerMs) - Stats.Median(generator[vogen0].AnalyzerMs)) / n;
            Row(text, "the package's own analyzers, per declaration, ms (ReportAnalyzer, marginal)", ours, theirs, "", null);
        }

        text.AppendLine();
        foreach (BuildPhaseResult phase in new[] { growth, generator }.OfType<BuildPhaseResult>())
        {
            text.AppendLine($"Medians per project, phase `{phase.Phase}` (`{phase.Command}`, {phase.Repetitions} timed builds each after one warm-up):");
            text.AppendLine();
            text.AppendLine("| project | wall ms | wall range | Csc ms | generator ms | package analyzers ms | warnings |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (ProjectTimings project in phase.Projects)
            {
                text.AppendLine($"| {project.Project} | {Stats.Ms(Stats.Median(project.WallMs))} | {Stats.Range(project.WallMs)} | {Stats.Ms(Stats.Median(project.CscMs))} | {Stats.Ms(Stats.Median(project.GeneratorMs))} | {Stats.Ms(Stats.Median(project.AnalyzerMs))} | {project.Warnings} |");
            }

            text.AppendLine();
        }

        foreach (AnalyzerResult analyzers in analyzerRuns ?? new List<AnalyzerResult>())
        {
            string which = analyzers.TaggedEvery == 1
                ? "every method uses tagged pointers and devices (the issue's workload)"
                : $"every {analyzers.TaggedEvery}th method does, the others are plain code";
            text.AppendLine($"### Analyzers: {analyzers.Methods} methods, {which}; medians of {analyzers.Repetitions} in-process runs");
            text.AppendLine();
            text.AppendLine("| measure | value | goal | met |");
            text.AppendLine("| --- | ---: | --- | --- |");
            text.AppendLine($"| compile without analyzers (parse, bind, emit), ms | {Stats.Ms(analyzers.CompileMs)} | | |");
            text.AppendLine($"| TaggedPtr analyzers, ms (Roslyn telemetry, sequential) | {Stats.Ms(analyzers.AnalyzerMs)} | | |");
            string goal = analyzers.TaggedEvery == 1 ? "≤ 5 %" : "";
            string met = analyzers.TaggedEvery == 1 ? (analyzers.TelemetryShare <= 0.05 ? "yes" : "**no**") : "";
            text.AppendLine($"| **analyzer share of the compilation's time** | **{Stats.Percent(analyzers.TelemetryShare)}** | {goal} | {met} |");
            if (analyzers.CompileMinMs > 0)
            {
                text.AppendLine($"| fastest runs: compile {Stats.Ms(analyzers.CompileMinMs)} ms, analyzers {Stats.Ms(analyzers.AnalyzerMinMs)} ms, share | {Stats.Percent(analyzers.MinimumShare)} | | |");
            }

            if (!double.IsNaN(analyzers.MarginalMs))
            {
                text.AppendLine($"| marginal time: analysis pass with TaggedPtr's analyzers minus one with a no-op body analyzer, ms (share) | {Stats.Ms(analyzers.MarginalMs)} ({Stats.Percent(analyzers.MarginalShare)}) | | |");
            }

            if (analyzers.CompileAllocatedBytes > 0)
            {
                text.AppendLine($"| allocated by the compile, MB | {Stats.Ms(analyzers.CompileAllocatedBytes / 1e6)} | | |");
                text.AppendLine($"| allocated by TaggedPtr's analyzers themselves, MB (their pass minus a no-op body analyzer's pass) | {Stats.Ms(analyzers.AnalyzerAllocatedBytes / 1e6)} | | |");
            }

            foreach (KeyValuePair<string, double> each in analyzers.PerAnalyzerMs.OrderByDescending(p => p.Value))
            {
                text.AppendLine($"| {each.Key}, ms | {Stats.Ms(each.Value)} | | |");
            }

            text.AppendLine($"| diagnostics reported | {string.Join(", ", analyzers.Diagnostics.Select(d => $"{d.Key} × {d.Value}"))} | | |");
            text.AppendLine();
        }

        foreach (CallbackResult run in callbacks ?? new List<CallbackResult>())
        {
            string which = run.TaggedEvery == 1 ? "every method uses the runtime" : $"every {run.TaggedEvery}th method does";
            text.AppendLine($"### Analyzer callbacks alone: {run.Methods} methods, {which}; {run.Bodies} bodies, {run.Repetitions} passes");
            text.AppendLine();
            text.AppendLine("| analyzer | fastest pass, ms | median pass, ms |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (KeyValuePair<string, double> each in run.PerAnalyzerMinMs.OrderByDescending(p => p.Value))
            {
                text.AppendLine($"| {each.Key} | {Stats.Ms(each.Value)} | {Stats.Ms(run.PerAnalyzerMs[each.Key])} |");
            }

            text.AppendLine($"| **all five** | **{Stats.Ms(run.TotalMinMs)}** | **{Stats.Ms(run.TotalMs)}** |");
            text.AppendLine($"| first pass on a fresh compilation (of {Math.Max(3, run.Repetitions / 2)}) | {Stats.Ms(run.ColdMinMs)} | {Stats.Ms(run.ColdMs)} |");
            text.AppendLine($"| compile of the same workload (fastest / median) | {Stats.Ms(run.CompileMinMs)} | {Stats.Ms(run.CompileMs)} |");
            text.AppendLine($"| callbacks as a share of the compile (fastest / median; first pass: median over median) | {Stats.Percent(run.TotalMinMs / run.CompileMinMs)} | {Stats.Percent(run.TotalMs / run.CompileMs)}; {Stats.Percent(run.ColdMs / run.CompileMs)} |");
            text.AppendLine($"| diagnostics reported by one pass | {string.Join(", ", run.Diagnostics.Select(d => $"{d.Key} × {d.Value}"))} | |");
            text.AppendLine();
        }

        if (analyzersBuild is not null)
        {
            ProjectTimings off = analyzersBuild[Workspace.AnalyzersOff];
            ProjectTimings on = analyzersBuild[Workspace.AnalyzersOn];
            double cscOff = Stats.Median(off.CscMs);
            double cscOn = Stats.Median(on.CscMs);
            double reported = Stats.Median(on.AnalyzerMs);
            text.AppendLine($"In a real build (`{analyzersBuild.Command}`, .NET SDK analyzers off so only TaggedPtr's run, medians of {analyzersBuild.Repetitions}):");
            text.AppendLine();
            text.AppendLine("| measure | value |");
            text.AppendLine("| --- | ---: |");
            text.AppendLine($"| Csc task without TaggedPtr's analyzers, ms | {Stats.Ms(cscOff)} |");
            text.AppendLine($"| Csc task with them, ms | {Stats.Ms(cscOn)} |");
            text.AppendLine($"| added Csc time, share | {Stats.Percent((cscOn - cscOff) / cscOff)} |");
            text.AppendLine($"| ReportAnalyzer time of TaggedPtr.Analyzers, ms (summed over the compiler's threads) | {Stats.Ms(reported)} |");
            text.AppendLine($"| ReportAnalyzer time as a share of the Csc task without analyzers | {Stats.Percent(reported / cscOff)} |");
            text.AppendLine();
        }

        MemberCostResult? members = workspace.Load<MemberCostResult>("members");
        if (members is not null)
        {
            text.AppendLine($"### What each generated member costs the compiler ({members.Wrappers} wrappers, in process, one thread)");
            text.AppendLine();
            text.AppendLine($"The generated code of one wrapper ({members.GeneratedMembers} members) adds {Stats.Ms(members.WrapperAllocatedKb)} KB of allocations and {Hundredths(members.WrapperMs)} ms to the compile; stripped to its storage field and private constructor, {Stats.Ms(members.BareAllocatedKb)} KB and {Hundredths(members.BareMs)} ms. Each row is the allocations the compile saves without that member (and without the members listed beside it, which use it); one member's time is below this machine's noise, so it is not shown. Without `Equals(Self)` the operators bind to `Equals(object)`, so that row is a different compile, not only a removal.");
            text.AppendLine();
            text.AppendLine("| member | removed with it | KB per wrapper |");
            text.AppendLine("| --- | --- | ---: |");
            foreach (MemberCostRow row in members.Rows)
            {
                text.AppendLine($"| `{row.Member}` | {string.Join(", ", row.RemovedWith.Select(m => $"`{m}`"))} | {Stats.Ms(row.AllocatedKbPerWrapper)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Hundredths(double value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string measure, double ours, double theirs, string goal, bool? met) =>
        text.AppendLine($"| {measure} | {Stats.Ms(ours)} | {Stats.Ms(theirs)} | {Stats.Ratio(ours / theirs)} | {goal} | {(met is null ? "" : met.Value ? "yes" : "**no**")} |");
}
