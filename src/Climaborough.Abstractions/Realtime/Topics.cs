namespace Climaborough.Abstractions.Realtime;

using Orleans.Concurrency;

/// <summary>
/// The per-node observer of the fan-out (docs/architecture.md, "Real-time fan-out"): each node registers one with every grain that has
/// watchers on that node, and forwards what it receives to its local SignalR group.
/// </summary>
public interface INodeObserver : IGrainObserver
{
    /// <summary>Delivers one change; one-way so that a slow node never slows the grain down.</summary>
    [OneWay]
    Task OnEventAsync(LiveEvent liveEvent);

    /// <summary>
    /// Who may read a lab changed (a member left or was removed, the visibility narrowed): the node drops
    /// its connections that may no longer read from every group of that lab's objects, before it returns,
    /// so the change that caused it completes only once nothing more reaches them.
    /// </summary>
    Task LabAccessChangedAsync(LabAccessChanged change);

    /// <summary>An account was suspended: the node drops its connections from every group but public cities.</summary>
    Task AccountSuspendedAsync(string userId);
}

/// <summary>The inputs of a lab's read rule after a change: its visibility and its members' roles.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.lab-access-changed.v1")]
public sealed record LabAccessChanged(
    [property: Id(0)] string LabId,
    [property: Id(1)] Contracts.LabVisibility Visibility,
    [property: Id(2)] IReadOnlyDictionary<string, Contracts.LabRole> Members)
{
    /// <summary>Whether a person (as the node knows them: account and partner city) may still read the lab.</summary>
    public bool MayRead(string? userId, string? cityId) =>
        Contracts.LabPolicy.Allows(Contracts.LabAction.Read, Visibility, userId is not null && Members.TryGetValue(userId, out var role) ? role : null, signedIn: userId is not null, partnerCity: cityId is not null);
}

/// <summary>
/// A grain whose changes can be watched live. Its interface names its topic kind with
/// <see cref="LiveTopicAttribute"/>; <see cref="TopicGrains"/> finds the grain of a topic from that.
/// </summary>
public interface ITopicGrain : IAddressable
{
    /// <summary>Registers (or renews) a node's observer; registrations expire unless renewed.</summary>
    Task SubscribeAsync(INodeObserver observer);

    /// <summary>Removes a node's observer.</summary>
    Task UnsubscribeAsync(INodeObserver observer);
}

/// <summary>
/// Names the topic kind a watchable grain interface serves: topic <c>kind:id</c> is the grain of that
/// interface with key <c>id</c>. A new area puts this on its grain interface; nothing else registers it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class LiveTopicAttribute(string kind) : Attribute
{
    /// <summary>The topic kind (the part before the colon).</summary>
    public string Kind { get; } = kind;
}

/// <summary>Which grain a topic is: the grain interfaces of this assembly marked with <see cref="LiveTopicAttribute"/>.</summary>
public static class TopicGrains
{
    /// <summary>Topic kind → grain interface (string-keyed, derived from <see cref="ITopicGrain"/>).</summary>
    public static IReadOnlyDictionary<string, Type> InterfacesByKind { get; } = typeof(ITopicGrain).Assembly.GetTypes()
        .Where(t => t.IsInterface && typeof(ITopicGrain).IsAssignableFrom(t) && typeof(IGrainWithStringKey).IsAssignableFrom(t))
        .Select(t => (Type: t, Kind: t.GetCustomAttributes(typeof(LiveTopicAttribute), inherit: false).OfType<LiveTopicAttribute>().FirstOrDefault()?.Kind))
        .Where(x => x.Kind is not null)
        .ToDictionary(x => x.Kind!, x => x.Type, StringComparer.Ordinal);

    /// <summary>The grain behind <paramref name="topic"/>, or <c>null</c> when the topic is malformed or its kind unknown.</summary>
    public static ITopicGrain? Find(IGrainFactory grains, string topic)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return TopicNames.TryParse(topic, out var kind, out var id) && InterfacesByKind.TryGetValue(kind, out var type)
            ? (ITopicGrain)grains.GetGrain(type, id)
            : null;
    }
}

/// <summary>How topics are named: <c>kind:id</c>.</summary>
public static class TopicNames
{
    /// <summary>Kind of the city topics.</summary>
    public const string CityKind = Contracts.TopicKinds.City;

    /// <summary>Kind of the board topics.</summary>
    public const string BoardKind = Contracts.TopicKinds.Board;

    /// <summary>Kind of the living lab topics.</summary>
    public const string LabKind = Contracts.TopicKinds.Lab;

    /// <summary>Kind of the thread topics.</summary>
    public const string ThreadKind = Contracts.TopicKinds.Thread;

    /// <summary>Kind of the live workshop (session) topics.</summary>
    public const string SessionKind = Contracts.TopicKinds.Session;

    /// <summary>Kind of a board's comments topics.</summary>
    public const string CommentsKind = Contracts.TopicKinds.Comments;

    /// <summary>Kind of a person's own topic (their notifications).</summary>
    public const string UserKind = Contracts.TopicKinds.User;

    /// <summary>Kind of an account's topic: nodes watch it for every signed-in connection, to hear of a suspension.</summary>
    public const string AccountKind = "account";

    /// <summary>The topic of one account's access (suspension).</summary>
    public static string Account(string userId) => $"{AccountKind}:{userId}";

    /// <summary>The topic of one discussion thread.</summary>
    public static string Thread(string threadId) => $"{ThreadKind}:{threadId}";

    /// <summary>The topic of one live workshop.</summary>
    public static string Session(string sessionId) => $"{SessionKind}:{sessionId}";

    /// <summary>The topic of one person's notifications.</summary>
    public static string User(string userId) => $"{UserKind}:{userId}";

    /// <summary>The topic of one living lab.</summary>
    public static string Lab(string labId) => $"{LabKind}:{labId}";

    /// <summary>The topic of one board.</summary>
    public static string Board(string boardId) => $"{BoardKind}:{boardId}";

    /// <summary>Topic of a board's comments.</summary>
    public static string Comments(string boardId) => $"{CommentsKind}:{boardId}";

    /// <summary>Kind of the pilot topics.</summary>
    public const string PilotKind = Contracts.TopicKinds.Pilot;

    /// <summary>Kind of a ClimHub's dashboard topics.</summary>
    public const string PilotDashboardKind = Contracts.TopicKinds.PilotDashboard;

    /// <summary>The topic of one pilot.</summary>
    public static string Pilot(string pilotId) => $"{PilotKind}:{pilotId}";

    /// <summary>The topic of one ClimHub's dashboard.</summary>
    public static string PilotDashboard(string hubId) => $"{PilotDashboardKind}:{hubId}";

    /// <summary>The topic of one city.</summary>
    public static string City(string cityId) => $"{CityKind}:{cityId}";

    /// <summary>Splits a topic into kind and id.</summary>
    public static bool TryParse(string topic, out string kind, out string id)
    {
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == topic.Length - 1)
        {
            kind = id = string.Empty;
            return false;
        }

        kind = topic[..colon];
        id = topic[(colon + 1)..];
        return true;
    }
}
