namespace Climaborough.Server.Tests;

using System.Globalization;
using Climaborough.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The node in-process, on a real Kestrel bound to a free loopback port, with embedded storage in a
/// temporary folder and the Development demo data.
/// </summary>
public class NodeFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder data = new();
    private readonly IReadOnlyDictionary<string, string> settings;

    public NodeFactory()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A node with extra settings (for example cluster mode on Azurite).</summary>
    internal NodeFactory(IReadOnlyDictionary<string, string> settings, int? fixedPort = null)
    {
        this.settings = settings;
        var port = fixedPort ?? FreePorts.Next();
        TestTokens.Forget(new Uri($"http://127.0.0.1:{port}/"));
        UseKestrel(port);
    }

    /// <summary>The server's base address.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>The grain factory of the node's silo.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>An HTTP client for the real server.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataPath", data.Path);
        builder.UseSetting("Cluster:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("DemoData:Content", "false"); // as for node processes: tests make their own labs
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        data.Dispose();
    }
}
