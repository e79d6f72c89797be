using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>
/// Checked-in expected outputs (<c>Snapshots/&lt;Scenario&gt;.verified.cs</c>), compared byte for byte. A mismatch or a
/// missing file fails and writes <c>&lt;Scenario&gt;.received.cs</c> beside it; only with
/// <c>TAGGEDPTR_ACCEPT_SNAPSHOTS=1</c> is the received text written as the new golden file.
/// </summary>
internal static class GoldenFile
{
    /// <summary>The environment variable that re-accepts golden files on purpose.</summary>
    public const string AcceptVariable = "TAGGEDPTR_ACCEPT_SNAPSHOTS";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The folder of the golden files in the source tree.</summary>
    public static string Directory { get; } = Path.Combine(
        typeof(GoldenFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GeneratorTestsProjectDirectory").Value!,
        "Snapshots");

    /// <summary>Fails unless <paramref name="actual"/> equals the golden file of <paramref name="scenario"/>.</summary>
    public static void Verify(string scenario, string actual)
    {
        string verified = Path.Combine(Directory, scenario + ".verified.cs");
        string received = Path.Combine(Directory, scenario + ".received.cs");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual, Utf8NoBom);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual, Utf8NoBom);
            Assert.Fail($"No golden file {verified}. The output was written to {received}; review it and accept with {AcceptVariable}=1.");
        }

        string expected = File.ReadAllText(verified, Utf8NoBom);
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, Utf8NoBom);
        Assert.Fail($"{scenario}: the output differs from {verified} at line {FirstDifferentLine(expected, actual)}. "
            + $"It was written to {received}; accept with {AcceptVariable}=1 if the change is intended.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        return (line < 0 ? Math.Min(a.Length, b.Length) : line) + 1;
    }
}
