namespace Climaborough.Load;

using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// The baseline: a SignalR hub that only relays what a writer sends to the group, with the same payload
/// shape as the board's broadcasts, no ordering, no storage, no validation.
/// </summary>
public sealed class BareHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task<EditResult> Relay(string group, AppliedOp op)
    {
        await Clients.Group(group).SendAsync(nameof(ILiveClient.BoardOps), group, new[] { op });
        return new EditResult(true, op.Seq);
    }

    /// <summary>Runs the bare hub on a loopback port until killed.</summary>
    public static async Task ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions));
        var app = builder.Build();
        app.MapHub<BareHub>("/hubs/bare");
        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
    }
}
