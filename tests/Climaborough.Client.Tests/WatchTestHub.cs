namespace Climaborough.Client.Tests;

using System.Collections.Concurrent;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A stand-in for the live hub with the wire of docs/protocol.md for labs (<c>WatchLab</c> answers the
/// lab read after subscribing, <c>UnwatchLab</c>, refusals as <c>not-found: …</c>), so the client's watch
/// is tested against real SignalR without the cluster it is not about.
/// </summary>
public sealed class WatchTestHub(WatchTestServer server) : Hub
{
    public override Task OnConnectedAsync()
    {
        server.Connections[Context.ConnectionId] = Context;
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        server.Connections.TryRemove(Context.ConnectionId, out _);
        return Task.CompletedTask;
    }

    public async Task<LabDetails> WatchLab(string labId)
    {
        server.Calls.Enqueue($"{nameof(ILiveHub.WatchLab)} {labId}");
        if (!server.Labs.TryGetValue(labId, out var lab))
        {
            throw new HubException($"{ErrorCodes.NotFound}: there is no lab '{labId}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, labId);
        return lab;
    }

    public async Task UnwatchLab(string labId)
    {
        server.Calls.Enqueue($"{nameof(ILiveHub.UnwatchLab)} {labId}");
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, labId);
    }
}

/// <summary>Kestrel on a loopback port serving <see cref="WatchTestHub"/> at the live hub's path.</summary>
public sealed class WatchTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private WatchTestServer(WebApplication app) => this.app = app;

    /// <summary>The labs the hub knows, by id; any other id is refused as not found.</summary>
    public ConcurrentDictionary<string, LabDetails> Labs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every hub call, in order ("WatchLab l1").</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Open connections.</summary>
    public ConcurrentDictionary<string, HubCallerContext> Connections { get; } = new(StringComparer.Ordinal);

    /// <summary>The hub's address.</summary>
    public Uri HubUrl => new(app.Urls.First() + LivePaths.Hub);

    public static async Task<WatchTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR().AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions));
        WatchTestServer? server = null;
        builder.Services.AddSingleton(_ => server!);
        var app = builder.Build();
        server = new WatchTestServer(app);
        app.MapHub<WatchTestHub>(LivePaths.Hub);
        await app.StartAsync();
        return server;
    }

    /// <summary>Sends <c>LabChanged</c> to the lab's watchers, as the hub does.</summary>
    public Task LabChangedAsync(string labId, LabActivity? activity) =>
        app.Services.GetRequiredService<IHubContext<WatchTestHub>>().Clients.Group(labId).SendAsync(nameof(ILiveClient.LabChanged), labId, activity);

    /// <summary>Sends <c>AccessLost</c> to every connection.</summary>
    public Task AccessLostAsync(string kind, string id) =>
        app.Services.GetRequiredService<IHubContext<WatchTestHub>>().Clients.All.SendAsync(nameof(ILiveClient.AccessLost), kind, id);

    /// <summary>Drops every connection, as a network failure would (the clients reconnect by themselves).</summary>
    public void DropConnections()
    {
        foreach (var connection in Connections.Values)
        {
            connection.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
