using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// One program the fuzz test feeds to the generator, the analyzers and the code fixes: its files, its project settings
/// and how it was made. <see cref="ToReplayText"/> writes it in the format of the checked-in regression files, so a
/// failing input printed by the fuzz test can be saved as a regression test as it is.
/// </summary>
internal sealed class FuzzInput
{
    private const string Marker = "//# ";
    private const string FileKey = "file: ";

    /// <summary>An input.</summary>
    public FuzzInput(ulong seed, LanguageVersion languageVersion, bool allowUnsafe, string origin, ImmutableArray<FuzzFile> files)
    {
        Seed = seed;
        LanguageVersion = languageVersion;
        AllowUnsafe = allowUnsafe;
        Origin = origin;
        Files = files;
    }

    /// <summary>The seed the input was built from (0 for hand-written inputs).</summary>
    public ulong Seed { get; }

    /// <summary>The project's <c>LangVersion</c>.</summary>
    public LanguageVersion LanguageVersion { get; }

    /// <summary>The project's <c>AllowUnsafeBlocks</c>.</summary>
    public bool AllowUnsafe { get; }

    /// <summary>What the input is: the shape of the program and the mutations applied, for a human reading a failure.</summary>
    public string Origin { get; }

    /// <summary>The source files.</summary>
    public ImmutableArray<FuzzFile> Files { get; }

    /// <summary>The same program with other files.</summary>
    public FuzzInput WithFiles(ImmutableArray<FuzzFile> files, string origin) => new(Seed, LanguageVersion, AllowUnsafe, origin, files);

    /// <summary>The same program with other project settings.</summary>
    public FuzzInput WithSettings(LanguageVersion languageVersion, bool allowUnsafe, string origin) =>
        new(Seed, languageVersion, allowUnsafe, origin, Files);

    /// <summary>The replay format: a header of <c>//# key: value</c> lines, then each file after a <c>//# file:</c> line.</summary>
    public string ToReplayText()
    {
        var text = new StringBuilder();
        text.Append(Marker).Append("seed: 0x").Append(Seed.ToString("X16", CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Marker).Append("langversion: ").Append(LanguageVersion.ToDisplayString()).Append('\n');
        text.Append(Marker).Append("unsafe: ").Append(AllowUnsafe ? "true" : "false").Append('\n');
        text.Append(Marker).Append("origin: ").Append(Origin.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
        foreach (FuzzFile file in Files)
        {
            // Every file ends with exactly one added newline, which reading removes: texts round-trip byte for byte,
            // including a file truncated in the middle of a line.
            text.Append(Marker).Append(FileKey).Append(file.Path).Append('\n').Append(file.Text).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads the replay format.</summary>
    public static FuzzInput FromReplayText(string replay)
    {
        ulong seed = 0;
        LanguageVersion version = LanguageVersion.Latest;
        bool allowUnsafe = true;
        string origin = string.Empty;
        var files = new List<FuzzFile>();
        string? path = null;
        var body = new StringBuilder();
        string normalized = replay.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized.Substring(0, normalized.Length - 1);
        }

        foreach (string line in normalized.Split('\n'))
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                if (path is null)
                {
                    throw new FormatException("Text before the first '//# file:' line: " + line);
                }

                body.Append(line).Append('\n');
                continue;
            }

            string entry = line.Substring(Marker.Length);
            if (entry.StartsWith(FileKey, StringComparison.Ordinal))
            {
                Flush();
                path = entry.Substring(FileKey.Length);
                continue;
            }

            int colon = entry.IndexOf(": ", StringComparison.Ordinal);
            string key = colon < 0 ? entry : entry.Substring(0, colon);
            string value = colon < 0 ? string.Empty : entry.Substring(colon + 2);
            switch (key)
            {
                case "seed":
                    seed = ulong.Parse(value.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    break;
                case "langversion":
                    if (!LanguageVersionFacts.TryParse(value, out version))
                    {
                        throw new FormatException("Unknown language version " + value);
                    }

                    break;
                case "unsafe":
                    allowUnsafe = bool.Parse(value);
                    break;
                case "origin":
                    origin = value;
                    break;
                default:
                    throw new FormatException("Unknown header " + line);
            }
        }

        Flush();
        return new FuzzInput(seed, version, allowUnsafe, origin, files.ToImmutableArray());

        void Flush()
        {
            if (path is null)
            {
                return;
            }

            // Each line was appended with a newline; the last one is the separator ToReplayText added.
            string text = body.ToString();
            files.Add(new FuzzFile(path, text.Length == 0 ? text : text.Substring(0, text.Length - 1)));
            body.Clear();
        }
    }
}
