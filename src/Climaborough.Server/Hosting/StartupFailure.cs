namespace Climaborough.Server.Hosting;

using Climaborough.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

/// <summary>What the node prints at start and when it cannot start.</summary>
public static class StartupFailure
{
    /// <summary>Logs one line naming the setting and returns the process exit code.</summary>
    public static int Report(StorageConfigurationException ex)
    {
        using var factory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        factory.CreateLogger("Climaborough").LogCritical("Cannot start: {Problem}", ex.Message);
        return 2;
    }

    /// <summary>Logs the URLs to open once Kestrel listens.</summary>
    public static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("Climaborough is running: open {Url}/", address.TrimEnd('/'));
        }
    }
}
