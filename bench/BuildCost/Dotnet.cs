using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace TaggedPtr.BuildCost;

/// <summary>The outcome of one dotnet CLI call: exit code, everything it printed, and its wall-clock time.</summary>
internal sealed record DotnetResult(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>
/// Runs the dotnet CLI for the synthetic projects. Every call gets the same environment: a private package cache (so
/// nothing from the machine's cache or the repository build leaks in), no telemetry, no MSBuild node reuse (no worker
/// nodes outlive a measurement), and none of the MSBuild variables of a host started by <c>dotnet run</c> inside the
/// repository.
/// </summary>
internal sealed class Dotnet
{
    private readonly string _packages;

    public Dotnet(string packages) => _packages = packages;

    public string Packages => _packages;

    public DotnetResult Run(string workingDirectory, IEnumerable<string> arguments, bool privateCache = true)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (privateCache)
        {
            start.Environment["NUGET_PACKAGES"] = _packages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 10 minutes");
        }

        process.WaitForExit();
        clock.Stop();
        lock (output)
        {
            return new DotnetResult(process.ExitCode, output.ToString(), clock.Elapsed);
        }
    }

    /// <summary>Like <see cref="Run"/>, but a failure stops the harness with the command's output in a log file.</summary>
    public DotnetResult RunChecked(string workingDirectory, string logFile, bool privateCache, params string[] arguments)
    {
        DotnetResult result = Run(workingDirectory, arguments, privateCache);
        File.WriteAllText(logFile, result.Output);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed with {result.ExitCode} in {workingDirectory}; see {logFile}");
        }

        return result;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
