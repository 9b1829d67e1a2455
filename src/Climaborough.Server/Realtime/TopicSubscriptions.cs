namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Realtime;

/// <summary>
/// Which topics have watchers on this node, and who they are. The first local watcher of a grain
/// registers this node's observer with it; the last one to leave removes it. So a grain's cost per
/// change is one message per node, whatever the number of browsers.
/// <para>
/// Each watch remembers the lab it belongs to, and each connection the person behind it, so that when
/// a lab's access changes (or an account is suspended) the node drops exactly the watches that may no
/// longer read. To hear of those changes the node also watches, without joining any SignalR group, the
/// lab of every board and thread watched here ("guards") and the account of every signed-in connection.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The gate is a SemaphoreSlim whose wait handle is never asked for, so it holds nothing to dispose; disposing it at shutdown would fault disconnects still in flight.")]
public sealed class TopicSubscriptions(IGrainFactory grains, NodeObserver observer, ILogger<TopicSubscriptions> logger)
{
    private const string GuardPrefix = "~";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly object sync = new();

    // watch key (a topic, or "~" + topic for a guard) → connection → the lab the watch belongs to
    private readonly Dictionary<string, Dictionary<string, string?>> watchersByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> keysByConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person> people = new(StringComparer.Ordinal);

    // topic → connections watching it as facilitators of its lab (they get per-role detail, such as a vote's voter count)
    private readonly Dictionary<string, HashSet<string>> facilitators = new(StringComparer.Ordinal);

    // grain topic → number of (key, connection) entries needing it
    private readonly Dictionary<string, int> references = new(StringComparer.Ordinal);
    private INodeObserver? reference;

    /// <summary>The person behind a connection as the node knows them (null: nobody signed in).</summary>
    public sealed record Person(string? UserId, string? CityId);

    /// <summary>A watch that a revocation ended: the SignalR group to leave and the client to tell.</summary>
    public sealed record Ended(string ConnectionId, string Topic);

    /// <summary>Grain topics this node is registered with.</summary>
    public IReadOnlyCollection<string> ActiveTopics
    {
        get
        {
            lock (sync)
            {
                return [.. references.Keys];
            }
        }
    }

    /// <summary>A connection opened: remembers who it is and, for a signed-in account, watches the account (suspension).</summary>
    public async Task ConnectedAsync(string connectionId, string? userId, string? cityId)
    {
        lock (sync)
        {
            people[connectionId] = new Person(userId, cityId);
        }

        if (userId is not null)
        {
            await AddAsync(connectionId, GuardPrefix + TopicNames.Account(userId), null);
        }
    }

    /// <summary>The person behind a connection.</summary>
    public Person PersonOf(string connectionId)
    {
        lock (sync)
        {
            return people.GetValueOrDefault(connectionId) ?? new Person(null, null);
        }
    }

    /// <summary>Adds a watcher of <paramref name="topic"/>, which belongs to lab <paramref name="labId"/> (if any).</summary>
    public async Task WatchAsync(string connectionId, string topic, string? labId = null)
    {
        await AddAsync(connectionId, topic, labId);
        if (labId is not null && topic != TopicNames.Lab(labId))
        {
            await AddAsync(connectionId, GuardPrefix + TopicNames.Lab(labId), labId);
        }
    }

    /// <summary>Removes a watcher; unregisters the node if it was the grain's last.</summary>
    public async Task UnwatchAsync(string connectionId, string topic)
    {
        string? labId;
        lock (sync)
        {
            labId = watchersByKey.TryGetValue(topic, out var w) && w.TryGetValue(connectionId, out var l) ? l : null;
        }

        var released = new List<string>();
        lock (sync)
        {
            Remove(connectionId, topic, released);
            if (labId is not null && !StillInLab(connectionId, labId))
            {
                Remove(connectionId, GuardPrefix + TopicNames.Lab(labId), released);
            }
        }

        await UnsubscribeAsync(released);
    }

    /// <summary>Marks (or unmarks) a connection's watch of <paramref name="topic"/> as a facilitator's; a watch that ends, or a lost moderator role, unmarks it.</summary>
    public void MarkFacilitator(string connectionId, string topic, bool facilitator)
    {
        lock (sync)
        {
            if (facilitator && watchersByKey.TryGetValue(topic, out var watchers) && watchers.ContainsKey(connectionId))
            {
                if (!facilitators.TryGetValue(topic, out var set))
                {
                    facilitators[topic] = set = new(StringComparer.Ordinal);
                }

                set.Add(connectionId);
            }
            else
            {
                Unmark(connectionId, topic);
            }
        }
    }

    /// <summary>A topic's watchers on this node: connection, person and whether they watch as facilitators.</summary>
    public IReadOnlyList<(string ConnectionId, string? UserId, bool Facilitator)> WatchersOf(string topic)
    {
        lock (sync)
        {
            if (!watchersByKey.TryGetValue(topic, out var watchers))
            {
                return [];
            }

            var marked = facilitators.GetValueOrDefault(topic);
            return [.. watchers.Keys.Select(c => (c, people.GetValueOrDefault(c)?.UserId, marked?.Contains(c) == true))];
        }
    }

    /// <summary>Whether a connection watches a topic (presence updates only count from those who joined).</summary>
    public bool Watches(string connectionId, string topic)
    {
        lock (sync)
        {
            return keysByConnection.TryGetValue(connectionId, out var keys) && keys.Contains(topic);
        }
    }

    /// <summary>Topics a connection watches (guards left out).</summary>
    public IReadOnlyList<string> TopicsOf(string connectionId)
    {
        lock (sync)
        {
            return keysByConnection.TryGetValue(connectionId, out var set) ? [.. set.Where(k => !k.StartsWith(GuardPrefix, StringComparison.Ordinal))] : [];
        }
    }

    /// <summary>Removes every watch of a closed connection.</summary>
    public async Task DisconnectedAsync(string connectionId)
    {
        var released = new List<string>();
        lock (sync)
        {
            foreach (var key in keysByConnection.TryGetValue(connectionId, out var set) ? [.. set] : Array.Empty<string>())
            {
                Remove(connectionId, key, released);
            }

            people.Remove(connectionId);
        }

        await UnsubscribeAsync(released);
    }

    /// <summary>
    /// A lab's readers changed: ends, on this node, every watch of that lab's objects whose person may no
    /// longer read it. The bookkeeping is synchronous; unregistering from grains is not awaited (the lab
    /// grain waits for this node, so a call back into it must not be awaited here).
    /// </summary>
    public IReadOnlyList<Ended> RevokeLab(LabAccessChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ended = new List<Ended>();
        var released = new List<string>();
        lock (sync)
        {
            foreach (var (key, watchers) in watchersByKey.ToList())
            {
                foreach (var (connectionId, labId) in watchers.ToList())
                {
                    var person = people.GetValueOrDefault(connectionId) ?? new Person(null, null);
                    if (labId == change.LabId && facilitators.TryGetValue(key, out var marked) && marked.Contains(connectionId)
                        && !(person.UserId is not null && change.Members.TryGetValue(person.UserId, out var role) && role >= Contracts.LabRole.Moderator))
                    {
                        Unmark(connectionId, key);
                    }

                    if (labId == change.LabId && !change.MayRead(person.UserId, person.CityId))
                    {
                        Remove(connectionId, key, released);
                        if (!key.StartsWith(GuardPrefix, StringComparison.Ordinal))
                        {
                            ended.Add(new Ended(connectionId, key));
                        }
                    }
                }
            }
        }

        _ = UnsubscribeAsync(released);
        return ended;
    }

    /// <summary>An account was suspended: ends every watch of its connections here except public cities.</summary>
    public IReadOnlyList<Ended> RevokeAccount(string userId)
    {
        var ended = new List<Ended>();
        var released = new List<string>();
        lock (sync)
        {
            foreach (var (connectionId, person) in people.Where(p => p.Value.UserId == userId).ToList())
            {
                people[connectionId] = new Person(null, null);
                foreach (var key in keysByConnection.TryGetValue(connectionId, out var set) ? [.. set] : Array.Empty<string>())
                {
                    if (TopicNames.TryParse(key, out var kind, out _) && kind == TopicNames.CityKind)
                    {
                        continue;
                    }

                    Remove(connectionId, key, released);
                    if (!key.StartsWith(GuardPrefix, StringComparison.Ordinal))
                    {
                        ended.Add(new Ended(connectionId, key));
                    }
                }
            }
        }

        _ = UnsubscribeAsync(released);
        return ended;
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

    private async Task AddAsync(string connectionId, string key, string? labId)
    {
        var topic = GrainTopic(key);
        await gate.WaitAsync();
        try
        {
            bool first;
            bool added;
            lock (sync)
            {
                if (!watchersByKey.TryGetValue(key, out var watchers))
                {
                    watchersByKey[key] = watchers = new(StringComparer.Ordinal);
                }

                added = !watchers.ContainsKey(connectionId);
                watchers[connectionId] = labId;
                if (!keysByConnection.TryGetValue(connectionId, out var keys))
                {
                    keysByConnection[connectionId] = keys = new(StringComparer.Ordinal);
                }

                keys.Add(key);
                first = false;
                if (added)
                {
                    references[topic] = references.GetValueOrDefault(topic) + 1;
                    first = references[topic] == 1;
                }
            }

            if (first)
            {
                try
                {
                    await GrainFor(topic).SubscribeAsync(Reference);
                }
                catch
                {
                    lock (sync)
                    {
                        Remove(connectionId, key, []);
                    }

                    throw;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task UnsubscribeAsync(List<string> released)
    {
        foreach (var topic in released)
        {
            try
            {
                await GrainFor(topic).UnsubscribeAsync(Reference);
            }
            catch (Exception ex)
            {
                // Harmless: the registration expires by itself.
                logger.LogDebug(ex, "Could not unsubscribe from {Topic}", topic);
            }
        }
    }

    private bool StillInLab(string connectionId, string labId) =>
        keysByConnection.TryGetValue(connectionId, out var keys)
        && keys.Any(k => !k.StartsWith(GuardPrefix, StringComparison.Ordinal) && watchersByKey.TryGetValue(k, out var w) && w.GetValueOrDefault(connectionId) == labId);

    /// <summary>Removes one entry (under <see cref="sync"/>); adds the grain topic to <paramref name="released"/> when nobody here needs it any more.</summary>
    private void Remove(string connectionId, string key, List<string> released)
    {
        if (keysByConnection.TryGetValue(connectionId, out var keys))
        {
            keys.Remove(key);
            if (keys.Count == 0)
            {
                keysByConnection.Remove(connectionId);
            }
        }

        Unmark(connectionId, key);
        if (watchersByKey.TryGetValue(key, out var watchers) && watchers.Remove(connectionId))
        {
            if (watchers.Count == 0)
            {
                watchersByKey.Remove(key);
            }

            var topic = GrainTopic(key);
            var left = references.GetValueOrDefault(topic) - 1;
            if (left <= 0)
            {
                references.Remove(topic);
                released.Add(topic);
            }
            else
            {
                references[topic] = left;
            }
        }
    }

    private void Unmark(string connectionId, string topic)
    {
        if (facilitators.TryGetValue(topic, out var set) && set.Remove(connectionId) && set.Count == 0)
        {
            facilitators.Remove(topic);
        }
    }

    private static string GrainTopic(string key) => key.StartsWith(GuardPrefix, StringComparison.Ordinal) ? key[GuardPrefix.Length..] : key;

    // A topic's kind names its grain interface ([LiveTopic] on it): data kept with each area, no table here.
    private ITopicGrain GrainFor(string topic) =>
        TopicGrains.Find(grains, topic) ?? throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));
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
