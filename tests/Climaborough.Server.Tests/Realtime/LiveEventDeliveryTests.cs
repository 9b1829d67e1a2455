namespace Climaborough.Server.Tests.Realtime;

using System.Reflection;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// Events deliver themselves (<see cref="LiveEvent.DeliverAsync"/>) and topics name their grain
/// (<see cref="LiveTopicAttribute"/>): the node's observer and subscriptions hold no list of areas, so
/// these tests find every event type and topic kind by reflection and fail when a new one is not wired.
/// </summary>
public sealed class LiveEventDeliveryTests
{
    private const string Topic = "test:topic-1";

    // Watchers of the topic on the fake node: a facilitator, the person whose dots change in a vote
    // (two tabs), and someone else.
    private static readonly LiveWatcher[] Watchers =
    [
        new("c-facilitator", "u-elena", Facilitator: true),
        new("c-ivan-1", "s-UserId", Facilitator: false),
        new("c-ivan-2", "s-UserId", Facilitator: false),
        new("c-other", "u-maria", Facilitator: false),
    ];

    public static TheoryData<string> EventTypes() => [.. ConcreteEvents().Select(t => t.Name)];

    [Fact]
    public void The_abstractions_declare_the_live_events_of_every_area()
    {
        var names = ConcreteEvents().Select(t => t.Name).ToList();

        // Not the whole list (that is what the theory is for), but proof that reflection finds them.
        Assert.Contains("CityChanged", names);
        Assert.Contains("BoardOpsApplied", names);
        Assert.Contains("VoteChanged", names);
        Assert.Contains("Notified", names);
        Assert.True(names.Count >= 10, $"only {names.Count} live event types found");
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Every_live_event_reaches_each_watcher_of_its_topic_exactly_once_with_a_client_event(string eventType)
    {
        var type = ConcreteEvents().Single(t => t.Name == eventType);
        var liveEvent = (LiveEvent)Samples.Of(type)!;
        if (liveEvent is Abstractions.Sessions.VoteChanged vote)
        {
            // A start or a close reaches everyone; a dot change reaches fewer on purpose (the test below).
            liveEvent = vote with { UserId = null, UserDots = null };
        }

        Assert.Equal(Topic, liveEvent.Topic);
        var audience = new RecordingAudience(Watchers);

        await liveEvent.DeliverAsync(audience);

        Assert.NotEmpty(audience.Calls);
        Assert.All(audience.Calls, c => Assert.Contains(c.Method, LiveInterfaces.ClientEvents.Select(m => m.Name)));
        Assert.All(audience.Calls, c => Assert.NotEqual(nameof(ILiveClient.AccessLost), c.Method));
        Assert.All(audience.Calls, c => Assert.True(c.Topic is null || c.Topic == Topic, $"{eventType} was sent to {c.Topic}, not its own topic"));
        foreach (var watcher in Watchers)
        {
            Assert.True(audience.CallsReaching(watcher.ConnectionId) == 1, $"{eventType} reached {watcher.ConnectionId} {audience.CallsReaching(watcher.ConnectionId)} times");
        }
    }

    [Fact]
    public async Task A_vote_change_gives_its_counts_only_to_facilitators_and_the_dots_only_to_their_owner()
    {
        var open = new VoteView("v1", "s1", StepIndex: 0, VoteStatus.Open, Items: [], DotsPerPerson: 3, MaxPerItem: 2, DateTimeOffset.UnixEpoch,
            ClosedAt: null, CloseReason: null, MyDots: null, Voters: null, Results: null, Version: 1);
        var changed = new Abstractions.Sessions.VoteChanged(Topic, "s1", open, Voters: 7, UserId: "s-UserId", UserDots: ["n1"]);
        var audience = new RecordingAudience(Watchers);

        await changed.DeliverAsync(audience);

        VoteView Seen(string connectionId) => (VoteView)audience.Calls.Single(c => RecordingAudience.Reaches(c, connectionId)).Args[1]!;
        Assert.Equal(7, Seen("c-facilitator").Voters);
        Assert.Null(Seen("c-facilitator").MyDots);
        Assert.Equal(["n1"], Seen("c-ivan-1").MyDots!);
        Assert.Equal(["n1"], Seen("c-ivan-2").MyDots!);
        Assert.Null(Seen("c-ivan-1").Voters);
        Assert.Equal(0, audience.CallsReaching("c-other")); // it tells the others nothing: they see no counts while open

        // A dot that does not change the number of voters (a second one of Ivan's) reaches Ivan's tabs only.
        var quiet = new RecordingAudience(Watchers);
        await (changed with { UserDots = ["n1", "n2"], VotersChanged = false }).DeliverAsync(quiet);
        Assert.Equal([0, 1, 1, 0], Watchers.Select(w => quiet.CallsReaching(w.ConnectionId)));

        // The close reaches everyone, facilitators with the count.
        var closing = new RecordingAudience(Watchers);
        await (changed with { Public = open with { Status = VoteStatus.Closed }, UserId = null, UserDots = null, VotersChanged = false }).DeliverAsync(closing);
        Assert.Equal([1, 1, 1, 1], Watchers.Select(w => closing.CallsReaching(w.ConnectionId)));
        Assert.Equal(7, ((VoteView)closing.Calls.Single(c => RecordingAudience.Reaches(c, "c-facilitator")).Args[1]!).Voters);
    }

    [Fact]
    public void Every_topic_kind_names_one_watchable_grain_interface()
    {
        var kinds = typeof(TopicNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Kind", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.True(TopicGrains.InterfacesByKind.ContainsKey(k), $"topic kind '{k}' has no grain interface marked [LiveTopic(\"{k}\")]"));
        Assert.All(TopicGrains.InterfacesByKind.Values, t => Assert.True(typeof(ITopicGrain).IsAssignableFrom(t)));
        Assert.Equal(TopicGrains.InterfacesByKind.Count, TopicGrains.InterfacesByKind.Values.Distinct().Count());
    }

    [Fact]
    public void Every_hub_method_and_client_event_of_the_composed_interfaces_is_in_the_protocol_document()
    {
        var protocol = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol.md"));

        Assert.True(LiveInterfaces.HubMethods.Count >= 20, $"only {LiveInterfaces.HubMethods.Count} hub methods found");
        Assert.All(LiveInterfaces.HubMethods.Concat(LiveInterfaces.ClientEvents), m => Assert.Contains("`" + m.Name, protocol, StringComparison.Ordinal));
    }

    private static IEnumerable<Type> ConcreteEvents() =>
        typeof(LiveEvent).Assembly.GetTypes().Where(t => typeof(LiveEvent).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>Builds a value of a record type from its constructor, with a recognisable value per parameter.</summary>
    private static class Samples
    {
        public static object? Of(Type type, string name = "value")
        {
            var nullable = Nullable.GetUnderlyingType(type);
            type = nullable ?? type;
            if (type == typeof(string))
            {
                return name == nameof(LiveEvent.Topic) ? Topic : "s-" + name;
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).GetValue(0);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(bool))
            {
                return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (type == typeof(DateTimeOffset))
            {
                return DateTimeOffset.UnixEpoch;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic
                && (generic == typeof(IReadOnlyList<>) || generic == typeof(List<>) || generic == typeof(IEnumerable<>)))
            {
                return Array.CreateInstance(type.GetGenericArguments()[0], 0);
            }

            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
            {
                return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()));
            }

            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Of(p.ParameterType, p.Name!))]);
        }
    }

    private sealed record Call(string? Topic, IReadOnlyList<string> Except, string? Connection, string Method, object?[] Args);

    /// <summary>A node with <see cref="Watchers"/> on every topic; records each client call and whom it addresses.</summary>
    private sealed class RecordingAudience(IReadOnlyList<LiveWatcher> watchers) : ILiveAudience
    {
        public List<Call> Calls { get; } = [];

        public ILiveClient Watchers(string topic) => Client(topic, [], null);

        public ILiveClient WatchersExcept(string topic, IReadOnlyList<string> connectionIds) => Client(topic, [.. connectionIds], null);

        public ILiveClient Connection(string connectionId) => Client(null, [], connectionId);

        public IReadOnlyList<LiveWatcher> WatchersOf(string topic) => topic == Topic ? watchers : [];

        public static bool Reaches(Call call, string connectionId) =>
            call.Connection is not null ? call.Connection == connectionId : call.Topic == Topic && !call.Except.Contains(connectionId);

        public int CallsReaching(string connectionId) => Calls.Count(c => Reaches(c, connectionId));

        private ILiveClient Client(string? topic, IReadOnlyList<string> except, string? connection)
        {
            var client = DispatchProxy.Create<ILiveClient, RecordingClient>();
            ((RecordingClient)(object)client).Record = (method, args) => Calls.Add(new Call(topic, except, connection, method, args));
            return client;
        }
    }

    /// <summary>An <see cref="ILiveClient"/> whose every event is recorded (public for <see cref="DispatchProxy"/>).</summary>
    public class RecordingClient : DispatchProxy
    {
        internal Action<string, object?[]> Record { get; set; } = (_, _) => { };

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Record(targetMethod!.Name, args ?? []);
            return Task.CompletedTask;
        }
    }
}
