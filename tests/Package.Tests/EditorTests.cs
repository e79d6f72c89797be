using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// Users meet the diagnostics in their editor: a real language server (csharp-ls 0.28.0, Roslyn's MSBuildWorkspace)
/// opened on the fresh app reports the flagship diagnostic on the seeded misuse at the right range, and stops reporting
/// it once the fix is in the text.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class EditorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly PackageFixture _package;

    public EditorTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task A_language_server_reports_the_flagship_rule_at_its_range_and_clears_it_after_the_fix()
    {
        Assert.True(_package.Packed, _package.PackOutput);
        string app = _package.CreateApp("editor-app", withMisuse: true);
        DotnetCli cli = _package.Cli;

        // Restore (the seeded misuse makes the build itself fail, which is expected here).
        var restore = cli.Run(app, "restore");
        Assert.True(restore.ExitCode == 0, restore.Output);

        string tools = Path.Combine(_package.Root, "tools");
        var install = cli.Run(_package.Root, "tool", "install", "csharp-ls", "--version", "0.28.0", "--tool-path", tools);
        Assert.True(install.ExitCode == 0, install.Output);

        string misusePath = Path.Combine(app, "Misuse.cs");
        string uri = new Uri(misusePath).AbsoluteUri;
        using var server = new LanguageServerClient(Path.Combine(tools, "csharp-ls"), app, Path.Combine(_package.Root, "packages"));
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = new Uri(app + Path.DirectorySeparatorChar).AbsoluteUri,
            ["capabilities"] = new JsonObject
            {
                ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject() },
                ["workspace"] = new JsonObject { ["configuration"] = true },
            },
            ["initializationOptions"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
        }, Patience);
        server.Notify("initialized", new JsonObject());
        server.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = FreshApp.Misuse },
        });

        JsonNode flagship = await WaitForAsync(server, uri, items => items.FirstOrDefault(IsFlagship)) ??
            throw new Xunit.Sdk.XunitException("TPTR0001 never appeared:\n" + server.Transcript);

        // Misuse.cs line 7 (0-based 6), columns 31..46: `tagged.RawValue`.
        Assert.Equal(6, flagship["range"]!["start"]!["line"]!.GetValue<int>());
        Assert.Equal(30, flagship["range"]!["start"]!["character"]!.GetValue<int>());
        Assert.Equal(6, flagship["range"]!["end"]!["line"]!.GetValue<int>());
        Assert.Equal(45, flagship["range"]!["end"]!["character"]!.GetValue<int>());
        Assert.Equal(1, flagship["severity"]!.GetValue<int>());

        // The fix the code fix applies (`.Address`), typed into the editor.
        string fixedText = FreshApp.Misuse.Replace("tagged.RawValue", "tagged.Address", StringComparison.Ordinal);
        server.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = fixedText }),
        });

        JsonArray? clean = await WaitForAsync(server, uri, items => items.Any(IsFlagship) ? null : items);
        Assert.NotNull(clean);
        Assert.DoesNotContain(clean!, item => item!["code"]?.ToString().StartsWith("TPTR", StringComparison.Ordinal) == true);
    }

    private static bool IsFlagship(JsonNode? item) => item?["code"]?.ToString() == "TPTR0001";

    /// <summary>Pulls the document's diagnostics until <paramref name="select"/> finds what it waits for.</summary>
    private static async Task<T?> WaitForAsync<T>(LanguageServerClient server, string uri, Func<JsonArray, T?> select)
        where T : class
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            JsonNode? report = await server.RequestAsync("textDocument/diagnostic", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
            }, Patience);
            if (report?["items"] is JsonArray items && select(items) is T found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(750));
        }

        return null;
    }
}
