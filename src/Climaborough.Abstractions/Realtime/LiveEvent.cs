namespace Climaborough.Abstractions.Realtime;

using Climaborough.Contracts;

/// <summary>
/// Something that changed on a watched object; <see cref="Topic"/> names the SignalR group. Each event
/// delivers itself (<see cref="DeliverAsync"/>): a new area's event says which client call it is, in its
/// own file, and the node's observer needs no change.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.live-event.v1")]
public abstract record LiveEvent([property: Id(0)] string Topic)
{
    /// <summary>
    /// Sends this event to those on this node who watch <see cref="Topic"/>: usually one call on
    /// <see cref="ILiveAudience.Watchers"/>; an event whose recipients see different things (a vote)
    /// asks the audience who they are.
    /// </summary>
    public abstract Task DeliverAsync(ILiveAudience audience);
}

/// <summary>The connections of one node that an event can be sent to (the node's SignalR clients).</summary>
public interface ILiveAudience
{
    /// <summary>Every connection on this node watching <paramref name="topic"/>.</summary>
    ILiveClient Watchers(string topic);

    /// <summary>Every connection watching <paramref name="topic"/> but <paramref name="connectionIds"/>.</summary>
    ILiveClient WatchersExcept(string topic, IReadOnlyList<string> connectionIds);

    /// <summary>One connection.</summary>
    ILiveClient Connection(string connectionId);

    /// <summary>Who watches <paramref name="topic"/> on this node: connection, account and whether as a facilitator of its lab.</summary>
    IReadOnlyList<LiveWatcher> WatchersOf(string topic);
}

/// <summary>One connection watching a topic, as the node knows it.</summary>
/// <param name="ConnectionId">The SignalR connection.</param>
/// <param name="UserId">The account behind it (null: nobody signed in).</param>
/// <param name="Facilitator">Whether it watches as a facilitator (moderator) of the topic's lab.</param>
public sealed record LiveWatcher(string ConnectionId, string? UserId, bool Facilitator);
