using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TaggedPtr.Package.Tests;

/// <summary>
/// A minimal Language Server Protocol client over stdio: Content-Length framing, requests with ids, answers to the
/// server's own requests (it asks <c>workspace/configuration</c>, and analyzers only run when we answer
/// <c>analyzersEnabled: true</c>).
/// </summary>
internal sealed class LanguageServerClient : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly StringBuilder _log = new();
    private readonly object _writeGate = new();
    private readonly Thread _reader;
    private int _nextId;

    public LanguageServerClient(string executable, string workingDirectory, string packages)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NUGET_PACKAGES"] = packages;
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("the language server did not start");
        _process.ErrorDataReceived += (_, e) => Log("stderr: " + e.Data);
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadMessages) { IsBackground = true, Name = "lsp-reader" };
        _reader.Start();
    }

    /// <summary>What the server said, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode parameters, TimeSpan timeout)
    {
        int id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        Task finished = await Task.WhenAny(completion.Task, Task.Delay(timeout));
        if (finished != completion.Task)
        {
            throw new TimeoutException($"{method} got no answer in {timeout}:\n{Transcript}");
        }

        return await completion.Task;
    }

    public void Notify(string method, JsonNode parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeGate)
        {
            Stream input = _process.StandardInput.BaseStream;
            input.Write(header);
            input.Write(body);
            input.Flush();
        }
    }

    private void ReadMessages()
    {
        Stream output = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int length = ReadHeaders(output);
                if (length < 0)
                {
                    return;
                }

                byte[] body = new byte[length];
                int read = 0;
                while (read < length)
                {
                    int n = output.Read(body, read, length - read);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                Dispatch(JsonNode.Parse(body));
            }
        }
        catch (IOException)
        {
            // The server went away.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int ReadHeaders(Stream stream)
    {
        int length = -1;
        var line = new StringBuilder();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return -1;
            }

            if (b == '\n')
            {
                string header = line.ToString().TrimEnd('\r');
                line.Clear();
                if (header.Length == 0)
                {
                    return length;
                }

                if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(header.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            else
            {
                line.Append((char)b);
            }
        }
    }

    private void Dispatch(JsonNode? message)
    {
        if (message is not JsonObject json)
        {
            return;
        }

        string? method = json["method"]?.GetValue<string>();
        JsonNode? id = json["id"];
        if (method is null && id is not null && _pending.TryRemove(id.GetValue<int>(), out TaskCompletionSource<JsonNode?>? completion))
        {
            if (json["error"] is JsonNode error)
            {
                completion.TrySetException(new InvalidOperationException("LSP error: " + error.ToJsonString()));
            }
            else
            {
                completion.TrySetResult(json["result"]);
            }

            return;
        }

        if (method is not null && id is not null)
        {
            // A request from the server. Configuration items all get the analyzer switch; the rest get null.
            JsonNode? result = null;
            if (method == "workspace/configuration" && json["params"]?["items"] is JsonArray items)
            {
                var answers = new JsonArray();
                for (int i = 0; i < items.Count; i++)
                {
                    answers.Add(new JsonObject { ["analyzersEnabled"] = true });
                }

                result = answers;
            }

            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
            return;
        }

        if (method == "window/logMessage")
        {
            Log(json["params"]?["message"]?.GetValue<string>());
        }
    }

    private void Log(string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(text);
        }
    }
}
