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
    private readonly IServiceProvider services;
    private readonly IGrainFactory grains;
    private readonly ILogger<NodeObserver> logger;
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;

    public NodeObserver(IHubContext<LiveHub, ILiveClient> hub, IServiceProvider services, IGrainFactory grains, ILogger<NodeObserver> logger)
    {
        this.hub = hub;
        this.services = services;
        this.grains = grains;
        this.logger = logger;
        pump = Task.Run(PumpAsync);
    }

    public Task OnEventAsync(LiveEvent liveEvent)
    {
        queue.Writer.TryWrite(liveEvent);
        return Task.CompletedTask;
    }

    // Revocations go through the same queue as events, so everything that arrived before is delivered
    // first and nothing after reaches those who lost access; the grain waits until it is done.
    public Task LabAccessChangedAsync(LabAccessChanged change) =>
        EnqueueAsync(() => EndAsync(Subscriptions.RevokeLab(change)));

    public Task AccountSuspendedAsync(string userId) =>
        EnqueueAsync(() => EndAsync(Subscriptions.RevokeAccount(userId)));

    public void Dispose() => queue.Writer.TryComplete();

    // Resolved late: the subscriptions need this observer to exist first.
    private TopicSubscriptions Subscriptions => services.GetRequiredService<TopicSubscriptions>();

    private Task EnqueueAsync(Func<Task> action)
    {
        var revocation = new Revocation(action, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(revocation) ? revocation.Done.Task : Task.CompletedTask;
    }

    private async Task EndAsync(IReadOnlyList<TopicSubscriptions.Ended> ended)
    {
        foreach (var (connectionId, topic) in ended)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, topic);
            if (TopicNames.TryParse(topic, out var kind, out var id))
            {
                if (kind == TopicNames.BoardKind)
                {
                    // Their cursor leaves the board for the others (not awaited: the board may be busy).
                    _ = grains.GetGrain<IBoardGrain>(id).LeaveAsync(connectionId);
                }

                await hub.Clients.Client(connectionId).AccessLost(kind, id);
            }
        }

        if (ended.Count > 0)
        {
            logger.LogInformation("Access ended for {Count} live watches", ended.Count);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var item in queue.Reader.ReadAllAsync())
        {
            if (item is Revocation revocation)
            {
                try
                {
                    await revocation.Action();
                    revocation.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not end access");
                    revocation.Done.TrySetException(ex);
                }

                continue;
            }

            var liveEvent = (LiveEvent)item;
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

    /// <summary>
    /// Everyone watching gets the public view (no counts while open); the one person whose dots changed gets
    /// them on each of their connections here, and facilitators get the voter count: no grain call per connection.
    /// </summary>
    private async Task SendVoteAsync(Climaborough.Abstractions.Sessions.VoteChanged changed)
    {
        var special = Subscriptions.WatchersOf(changed.Topic)
            .Where(w => w.Facilitator || (changed.UserId is not null && w.UserId == changed.UserId))
            .ToList();
        await hub.Clients.GroupExcept(changed.Topic, [.. special.Select(w => w.ConnectionId)]).VoteChanged(changed.SessionId, changed.Public);
        foreach (var (connectionId, userId, facilitator) in special)
        {
            var own = changed.UserId is not null && userId == changed.UserId;
            var view = changed.Public with { MyDots = own ? changed.UserDots : null, Voters = facilitator ? changed.Voters : changed.Public.Voters };
            await hub.Clients.Client(connectionId).VoteChanged(changed.SessionId, view);
        }
    }

    private sealed record Revocation(Func<Task> Action, TaskCompletionSource Done);

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
            case Climaborough.Abstractions.Labs.LabChanged changed:
                return group.LabChanged(changed.LabId, changed.Activity);
            case Climaborough.Abstractions.Threads.ThreadChanged changed:
                return group.ThreadChanged(changed.ThreadId, changed.Post, changed.Summary);
            case Climaborough.Abstractions.Sessions.SessionChanged changed:
                return group.SessionChanged(changed.SessionId, changed.View);
            case Climaborough.Abstractions.Sessions.VoteChanged changed:
                return SendVoteAsync(changed);
            case Climaborough.Abstractions.Threads.Notified notified:
                return group.Notified(notified.Item, notified.Unread);
            default:
                logger.LogWarning("No client method for live event {EventType}", liveEvent.GetType().Name);
                return Task.CompletedTask;
        }
    }
}
