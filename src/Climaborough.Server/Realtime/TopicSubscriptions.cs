namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;

/// <summary>
/// Which topics have watchers on this node. The first local watcher of a topic registers this node's
/// observer with the topic's grain; the last one to leave removes it. So a grain's cost per change is
/// one message per node, whatever the number of browsers.
/// </summary>
public sealed class TopicSubscriptions(IGrainFactory grains, NodeObserver observer, ILogger<TopicSubscriptions> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, HashSet<string>> watchersByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> topicsByConnection = new(StringComparer.Ordinal);
    private INodeObserver? reference;

    /// <summary>Topics with at least one local watcher.</summary>
    public IReadOnlyCollection<string> ActiveTopics
    {
        get
        {
            lock (watchersByTopic)
            {
                return [.. watchersByTopic.Keys];
            }
        }
    }

    /// <summary>Adds a watcher; registers the node with the grain if it is the topic's first.</summary>
    public async Task WatchAsync(string connectionId, string topic)
    {
        await gate.WaitAsync();
        try
        {
            bool first;
            lock (watchersByTopic)
            {
                first = !watchersByTopic.TryGetValue(topic, out var watchers);
                if (first)
                {
                    watchersByTopic[topic] = watchers = new(StringComparer.Ordinal);
                }

                watchers!.Add(connectionId);
                if (!topicsByConnection.TryGetValue(connectionId, out var topics))
                {
                    topicsByConnection[connectionId] = topics = new(StringComparer.Ordinal);
                }

                topics.Add(topic);
            }

            if (first)
            {
                try
                {
                    await GrainFor(topic).SubscribeAsync(Reference);
                }
                catch
                {
                    Remove(connectionId, topic);
                    throw;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Removes a watcher; unregisters the node if it was the topic's last.</summary>
    public async Task UnwatchAsync(string connectionId, string topic)
    {
        await gate.WaitAsync();
        try
        {
            if (Remove(connectionId, topic))
            {
                await GrainFor(topic).UnsubscribeAsync(Reference);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Topics a connection watches.</summary>
    public IReadOnlyList<string> TopicsOf(string connectionId)
    {
        lock (watchersByTopic)
        {
            return topicsByConnection.TryGetValue(connectionId, out var set) ? [.. set] : [];
        }
    }

    /// <summary>Removes every watch of a closed connection.</summary>
    public async Task DisconnectedAsync(string connectionId)
    {
        string[] topics;
        lock (watchersByTopic)
        {
            topics = topicsByConnection.TryGetValue(connectionId, out var set) ? [.. set] : [];
        }

        foreach (var topic in topics)
        {
            await UnwatchAsync(connectionId, topic);
        }
    }

    /// <summary>Renews the node's registration with every watched grain (registrations expire).</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        foreach (var topic in ActiveTopics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await GrainFor(topic).SubscribeAsync(Reference);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not renew the subscription to {Topic}", topic);
            }
        }
    }

    private INodeObserver Reference => reference ??= grains.CreateObjectReference<INodeObserver>(observer);

    private bool Remove(string connectionId, string topic)
    {
        lock (watchersByTopic)
        {
            if (topicsByConnection.TryGetValue(connectionId, out var topics))
            {
                topics.Remove(topic);
                if (topics.Count == 0)
                {
                    topicsByConnection.Remove(connectionId);
                }
            }

            if (watchersByTopic.TryGetValue(topic, out var watchers) && watchers.Remove(connectionId) && watchers.Count == 0)
            {
                watchersByTopic.Remove(topic);
                return true;
            }

            return false;
        }
    }

    private ITopicGrain GrainFor(string topic)
    {
        if (TopicNames.TryParse(topic, out var kind, out var id))
        {
            switch (kind)
            {
                case TopicNames.CityKind:
                    return grains.GetGrain<ICityGrain>(id);
                case TopicNames.BoardKind:
                    return grains.GetGrain<IBoardGrain>(id);
                case TopicNames.LabKind:
                    return grains.GetGrain<Climaborough.Abstractions.Workspaces.IWorkspaceGrain>(id);
                case TopicNames.ThreadKind:
                    return grains.GetGrain<Climaborough.Abstractions.Threads.IThreadGrain>(id);
                case TopicNames.UserKind:
                    return grains.GetGrain<Climaborough.Abstractions.Threads.INotificationGrain>(id);
            }
        }

        throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));
    }
}

/// <summary>Renews this node's registrations well before they expire.</summary>
public sealed class SubscriptionRenewalService(TopicSubscriptions subscriptions) : BackgroundService
{
    /// <summary>Renewal period: a sixth of the grains' expiry, so a missed renewal or two is harmless.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await subscriptions.RenewAllAsync(stoppingToken);
        }
    }
}
