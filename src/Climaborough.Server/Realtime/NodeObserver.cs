namespace Climaborough.Server.Realtime;

using System.Threading.Channels;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// This node's one observer: turns grain events into typed calls on the local SignalR group. Events
/// are sent one at a time, in the order they arrive, so a board's ops reach each browser in order.
/// </summary>
public sealed class NodeObserver : INodeObserver, IDisposable
{
    private readonly IHubContext<LiveHub, ILiveClient> hub;
    private readonly ILogger<NodeObserver> logger;
    private readonly Channel<LiveEvent> queue = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;

    public NodeObserver(IHubContext<LiveHub, ILiveClient> hub, ILogger<NodeObserver> logger)
    {
        this.hub = hub;
        this.logger = logger;
        pump = Task.Run(PumpAsync);
    }

    public Task OnEventAsync(LiveEvent liveEvent)
    {
        queue.Writer.TryWrite(liveEvent);
        return Task.CompletedTask;
    }

    public void Dispose() => queue.Writer.TryComplete();

    private async Task PumpAsync()
    {
        await foreach (var liveEvent in queue.Reader.ReadAllAsync())
        {
            try
            {
                await SendAsync(liveEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not forward {EventType} to {Topic}", liveEvent.GetType().Name, liveEvent.Topic);
            }
        }
    }

    private Task SendAsync(LiveEvent liveEvent)
    {
        var group = hub.Clients.Group(liveEvent.Topic);
        switch (liveEvent)
        {
            case CityChanged changed:
                return group.CityChanged(changed.City.ToDto());
            case BoardOpsApplied ops:
                return group.BoardOps(ops.BoardId, ops.Ops);
            case BoardPresenceChanged changed:
                return group.PresenceChanged(changed.BoardId, changed.Participant);
            case BoardPresenceLeft left:
                return group.PresenceLeft(left.BoardId, left.SessionId);
            case BoardChanged changed:
                return group.BoardChanged(changed.Board);
            case Climaborough.Abstractions.Workspaces.LabChanged changed:
                return group.LabChanged(changed.LabId, changed.Activity);
            case Climaborough.Abstractions.Threads.ThreadChanged changed:
                return group.ThreadChanged(changed.ThreadId, changed.Post, changed.Summary);
            case Climaborough.Abstractions.Threads.Notified notified:
                return group.Notified(notified.Item, notified.Unread);
            default:
                logger.LogWarning("No client method for live event {EventType}", liveEvent.GetType().Name);
                return Task.CompletedTask;
        }
    }
}
