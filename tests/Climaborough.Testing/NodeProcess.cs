namespace Climaborough.Testing;

using System.Diagnostics;
using System.Globalization;
using System.Text;

/// <summary>
/// The real node (<c>Climaborough.Server</c>) as a separate process on free loopback ports, as a user
/// runs it; stopped (killed) by the test.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private NodeProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;

        // A port can come round again in one test run: tokens of an earlier node on it are not this node's.
        TestTokens.Forget(url);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the node listens.</summary>
    public Uri Url { get; }

    /// <summary>Everything the node printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The node's process, for measurements (CPU time, memory).</summary>
    public Process Process => process;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts a node with the given settings (environment variables, e.g. <c>Storage__DataPath</c>).</summary>
    public static NodeProcess Start(IReadOnlyDictionary<string, string> settings, string environment = "Development", int? port = null)
    {
        var bin = Path.Combine(RepoPaths.Root, "src", "Climaborough.Server", "bin", RepoPaths.Configuration, "net10.0");
        var dll = Path.Combine(bin, "Climaborough.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The node is not built: {dll} is missing.");
        }

        var httpPort = port ?? FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Cluster__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Cluster__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["DemoData__Content"] = "false"; // tests make their own labs; the demo lab would only add noise
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The node did not start.");
        return new NodeProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The node was not ready in time:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Kills the node, as a crash would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
