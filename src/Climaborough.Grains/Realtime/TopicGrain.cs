namespace Climaborough.Grains.Realtime;

using Climaborough.Abstractions.Realtime;
using Microsoft.Extensions.Logging;

/// <summary>A grain whose changes nodes watch: keeps their observers (one per node) and publishes to them.</summary>
public abstract class TopicGrain(ILogger logger) : Grain, ITopicGrain
{
    /// <summary>The nodes watching this grain.</summary>
    protected TopicPublisher Watchers { get; } = new(logger);

    public Task SubscribeAsync(INodeObserver observer)
    {
        Watchers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(INodeObserver observer)
    {
        Watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
