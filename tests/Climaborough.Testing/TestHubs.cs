namespace Climaborough.Testing;

using Climaborough.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Connections to a node's live hub (<see cref="LivePaths.Hub"/>) as a test user, speaking the wire's JSON
/// (<see cref="BoardJson"/>) as the real clients do.
/// </summary>
public static class TestHubs
{
    /// <summary>
    /// A connection (not started) signed in as the test account <paramref name="user"/> (a token from
    /// <see cref="TestTokens.ForAsync"/>, asked for at each connect), or signed out when it is null.
    /// </summary>
    public static HubConnection For(Uri node, string? user) =>
        Build(node, user is null ? null : async () => await TestTokens.ForAsync(node, user), webSocketsOnly: false);

    /// <summary>A connection (not started) that sends <paramref name="token"/> (none when null), optionally on WebSockets only, without negotiation.</summary>
    public static HubConnection WithToken(Uri node, string? token, bool webSocketsOnly = false) =>
        Build(node, token is null ? null : () => Task.FromResult<string?>(token), webSocketsOnly);

    /// <summary>A started connection signed in as <paramref name="user"/> (signed out when null).</summary>
    public static async Task<HubConnection> ConnectAsync(Uri node, string? user, CancellationToken cancellationToken = default)
    {
        var hub = For(node, user);
        try
        {
            await hub.StartAsync(cancellationToken);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }

        return hub;
    }

    private static HubConnection Build(Uri node, Func<Task<string?>>? token, bool webSocketsOnly)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new HubConnectionBuilder()
            .WithUrl(new Uri(node, LivePaths.Hub.TrimStart('/')), o =>
            {
                if (token is not null)
                {
                    o.AccessTokenProvider = token;
                }

                if (webSocketsOnly)
                {
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                }
            })
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
    }
}
