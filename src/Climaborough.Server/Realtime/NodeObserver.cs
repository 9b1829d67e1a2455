namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Microsoft.AspNetCore.SignalR;

/// <summary>This node's one observer: turns grain events into typed calls on the local SignalR group.</summary>
public sealed class NodeObserver(IHubContext<LiveHub, ILiveClient> hub, ILogger<NodeObserver> logger) : INodeObserver
{
    public Task OnEventAsync(LiveEvent liveEvent)
    {
        var group = hub.Clients.Group(liveEvent.Topic);
        switch (liveEvent)
        {
            case CityChanged changed:
                return group.CityChanged(changed.City.ToDto());
            default:
                logger.LogWarning("No client method for live event {EventType}", liveEvent.GetType().Name);
                return Task.CompletedTask;
        }
    }
}
