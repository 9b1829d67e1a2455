namespace Climaborough.Testing;

using System.Diagnostics;
using System.Globalization;

/// <summary>
/// A real Azurite (npm package <c>azurite</c>, installed by the test command with <c>npm ci</c>) on free
/// loopback ports, in memory, one per test process, stopped when the process exits.
/// </summary>
public sealed class AzuriteServer
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<AzuriteServer>> SharedInstance = new(StartAsync);
    private readonly Process process;

    private AzuriteServer(Process process, int blobPort, int tablePort)
    {
        this.process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>The Azurite of this test process.</summary>
    public static Task<AzuriteServer> Shared => SharedInstance.Value;

    /// <summary>Connection string (Azurite's well-known development account, not a secret).</summary>
    public string ConnectionString { get; }

    private static async Task<AzuriteServer> StartAsync()
    {
        var exe = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException($"Azurite is not installed at {exe}: run ./test.sh, which runs 'npm ci' first.");
        }

        int blobPort = FreePorts.Next(), tablePort = FreePorts.Next(), queuePort = FreePorts.Next();
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        await FreePorts.WaitListeningAsync(blobPort, TimeSpan.FromSeconds(60), () => !process.HasExited);
        await FreePorts.WaitListeningAsync(tablePort, TimeSpan.FromSeconds(60), () => !process.HasExited);
        return new AzuriteServer(process, blobPort, tablePort);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
