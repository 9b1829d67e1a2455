namespace Climaborough.Server.Realtime;

using System.Threading.Channels;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// This node's one observer: hands grain events to the local SignalR connections. Each event delivers
/// itself (<see cref="LiveEvent.DeliverAsync"/>, declared with the event in its area), so a new area
/// needs no change here. Events are sent one at a time, in the order they arrive, so a board's ops
/// reach each browser in order; a delivery that fails is logged with the event's type, never stops the pump.
/// </summary>
public sealed class NodeObserver : INodeObserver, ILiveAudience, IDisposable
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
                await liveEvent.DeliverAsync(this);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not forward {EventType} to {Topic}", liveEvent.GetType().Name, liveEvent.Topic);
            }
        }
    }

    private sealed record Revocation(Func<Task> Action, TaskCompletionSource Done);

    // Each event knows its client call (LiveEvent.DeliverAsync); this node only says who watches.
    ILiveClient ILiveAudience.Watchers(string topic) => hub.Clients.Group(topic);

    ILiveClient ILiveAudience.WatchersExcept(string topic, IReadOnlyList<string> connectionIds) => hub.Clients.GroupExcept(topic, connectionIds);

    ILiveClient ILiveAudience.Connection(string connectionId) => hub.Clients.Client(connectionId);

    IReadOnlyList<LiveWatcher> ILiveAudience.WatchersOf(string topic) =>
        [.. Subscriptions.WatchersOf(topic).Select(w => new LiveWatcher(w.ConnectionId, w.UserId, w.Facilitator))];
}
