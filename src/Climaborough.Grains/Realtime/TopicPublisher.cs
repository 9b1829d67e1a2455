namespace Climaborough.Grains.Realtime;

using Climaborough.Abstractions.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

/// <summary>
/// The observers (one per node) of one grain. Nodes renew their registration well within
/// <see cref="Expiry"/>, so a node that died stops being called without anyone unsubscribing it.
/// </summary>
public sealed class TopicPublisher(ILogger logger)
{
    /// <summary>How long a registration lives without renewal.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<INodeObserver> observers = new(Expiry, logger);

    /// <summary>Number of nodes currently registered.</summary>
    public int Count => observers.Count;

    /// <summary>Registers or renews a node.</summary>
    public void Subscribe(INodeObserver observer) => observers.Subscribe(observer, observer);

    /// <summary>Removes a node.</summary>
    public void Unsubscribe(INodeObserver observer) => observers.Unsubscribe(observer);

    /// <summary>Sends the event to every registered node.</summary>
    public void Publish(LiveEvent liveEvent) => observers.Notify(o => o.OnEventAsync(liveEvent));
}
