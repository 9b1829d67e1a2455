namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>
/// Something a client can watch on the live hub: its topic as the hub names it in <c>AccessLost</c>
/// (<see cref="Kind"/>, <see cref="Id"/>), the hub method that starts the watch and answers the current
/// state (read after subscribing), and the one that stops it. Made by <see cref="LiveTopics"/>.
/// </summary>
public abstract record LiveTopic(string Kind, string Id, string WatchMethod, IReadOnlyList<object?> WatchArgs, string? UnwatchMethod, IReadOnlyList<object?> UnwatchArgs)
{
    /// <summary>Other topics whose loss ends this watch too (a thread's or a workshop's lab).</summary>
    public IReadOnlyList<(string Kind, string Id)> EndedWith { get; init; } = [];

    /// <summary>What the watch method answers.</summary>
    public abstract Type StateType { get; }

    /// <summary>One watch per key and connection on the server: local watches of the same key share it.</summary>
    public string Key => Kind + ":" + Id;

    /// <summary>Whether <c>AccessLost(kind, id)</c> ends this watch (an empty <see cref="Id"/> is the caller's own topic of that kind).</summary>
    public bool EndsWith(string kind, string id) =>
        (kind == Kind && (Id.Length == 0 || id == Id)) || EndedWith.Contains((kind, id));
}

/// <summary>A topic whose watch answers a <typeparamref name="TState"/>.</summary>
public sealed record LiveTopic<TState>(string Kind, string Id, string WatchMethod, IReadOnlyList<object?> WatchArgs, string? UnwatchMethod, IReadOnlyList<object?> UnwatchArgs)
    : LiveTopic(Kind, Id, WatchMethod, WatchArgs, UnwatchMethod, UnwatchArgs)
    where TState : class
{
    /// <inheritdoc />
    public override Type StateType => typeof(TState);
}

/// <summary>Every topic a client can watch: a new area adds one line here (and its events to <see cref="LiveEvents"/>).</summary>
public static class LiveTopics
{
    /// <summary>A city's profile (<c>WatchCity</c>).</summary>
    public static LiveTopic<CityDto> City(string cityId) =>
        new(TopicKinds.City, cityId, nameof(ILiveHub.WatchCity), [cityId], nameof(ILiveHub.UnwatchCity), [cityId]);

    /// <summary>A living lab (<c>WatchLab</c>): members, settings, contents, activity.</summary>
    public static LiveTopic<LabDetails> Lab(string labId) =>
        new(TopicKinds.Lab, labId, nameof(ILiveHub.WatchLab), [labId], nameof(ILiveHub.UnwatchLab), [labId]);

    /// <summary>A discussion thread of a lab (<c>WatchThread</c>); losing the lab ends it too.</summary>
    public static LiveTopic<ThreadView> Thread(string labId, string threadId) =>
        new(TopicKinds.Thread, threadId, nameof(ILiveHub.WatchThread), [labId, threadId], nameof(ILiveHub.UnwatchThread), [threadId]) { EndedWith = [(TopicKinds.Lab, labId)] };

    /// <summary>A workshop of a lab (<c>WatchSession</c>), with its votes; losing the lab ends it too.</summary>
    public static LiveTopic<SessionView> Session(string labId, string sessionId) =>
        new(TopicKinds.Session, sessionId, nameof(ILiveHub.WatchSession), [labId, sessionId], nameof(ILiveHub.UnwatchSession), [sessionId]) { EndedWith = [(TopicKinds.Lab, labId)] };

    /// <summary>A board's comment threads (<c>WatchComments</c>); losing the board's lab ends it too.</summary>
    public static LiveTopic<BoardCommentsView> Comments(string boardId, string? labId) =>
        new(TopicKinds.Comments, boardId, nameof(ILiveHub.WatchComments), [boardId], nameof(ILiveHub.UnwatchComments), [boardId]) { EndedWith = labId is null ? [(TopicKinds.Board, boardId)] : [(TopicKinds.Board, boardId), (TopicKinds.Lab, labId)] };

    /// <summary>A pilot (<c>WatchPilot</c>): its page reads it again on <see cref="LiveEvents.PilotChanged"/>; losing its lab ends it too.</summary>
    public static LiveTopic<PilotView> Pilot(string pilotId, string? labId) =>
        new(TopicKinds.Pilot, pilotId, nameof(ILiveHub.WatchPilot), [pilotId], nameof(ILiveHub.UnwatchPilot), [pilotId]) { EndedWith = labId is null ? [] : [(TopicKinds.Lab, labId)] };

    /// <summary>A ClimHub's pilots for the dashboard (<c>WatchPilotDashboard</c>): it reads itself again on <see cref="LiveEvents.PilotDashboardChanged"/>.</summary>
    public static LiveTopic<ClimHub> PilotDashboard(string hubId) =>
        new(TopicKinds.PilotDashboard, hubId, nameof(ILiveHub.WatchPilotDashboard), [hubId], nameof(ILiveHub.UnwatchPilotDashboard), [hubId]);

    /// <summary>The signed-in person's own notifications (<c>WatchNotifications</c>); they end with the connection.</summary>
    public static LiveTopic<NotificationList> Notifications() =>
        new(TopicKinds.User, string.Empty, nameof(ILiveHub.WatchNotifications), [], null, []);
}

/// <summary>A server → client method of the live hub, as data: its name, its arguments' types and which topic an occurrence belongs to.</summary>
public abstract class LiveEvent(string method, IReadOnlyList<Type> parameterTypes)
{
    /// <summary>The <see cref="ILiveClient"/> method's name.</summary>
    public string Method { get; } = method;

    /// <summary>The types its arguments are read as.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; } = parameterTypes;

    /// <summary>The id of the topic an occurrence is about; null: the connection's own (every watch of it hears it).</summary>
    public abstract string? TopicOf(IReadOnlyList<object?> args);
}

/// <summary>A server → client method whose occurrences carry a <typeparamref name="T"/>.</summary>
public sealed class LiveEvent<T> : LiveEvent
{
    private readonly Func<IReadOnlyList<object?>, (string? Topic, T Payload)> read;
    private readonly Func<string?, T, object?[]> write;

    /// <summary>An event read by <paramref name="read"/> from the wire's arguments and written back by <paramref name="write"/> (for fakes).</summary>
    public LiveEvent(string method, IReadOnlyList<Type> parameterTypes, Func<IReadOnlyList<object?>, (string? Topic, T Payload)> read, Func<string?, T, object?[]> write)
        : base(method, parameterTypes)
    {
        this.read = read;
        this.write = write;
    }

    /// <inheritdoc />
    public override string? TopicOf(IReadOnlyList<object?> args) => read(args).Topic;

    /// <summary>What an occurrence carries.</summary>
    public T PayloadOf(IReadOnlyList<object?> args) => read(args).Payload;

    /// <summary>The wire's arguments of an occurrence about <paramref name="topicId"/> (what the hub would send).</summary>
    public object?[] ArgumentsOf(string? topicId, T payload) => write(topicId, payload);
}

/// <summary>Every server → client event that watches hear: a new area adds its events here.</summary>
public static class LiveEvents
{
    /// <summary>A watched city changed: its whole new state.</summary>
    public static readonly LiveEvent<CityDto> CityChanged = new(nameof(ILiveClient.CityChanged), [typeof(CityDto)], a => (((CityDto)a[0]!).Id, (CityDto)a[0]!), (_, city) => [city]);

    /// <summary>A watched lab changed; the payload is the new or updated activity line, if any.</summary>
    public static readonly LiveEvent<LabActivity?> LabChanged = Keyed<LabActivity?>(nameof(ILiveClient.LabChanged), typeof(LabActivity));

    /// <summary>A post of a watched thread was added or changed: the post as every reader sees it, and the thread's summary.</summary>
    public static readonly LiveEvent<(PostView Post, ThreadSummary Summary)> ThreadChanged = new(
        nameof(ILiveClient.ThreadChanged),
        [typeof(string), typeof(PostView), typeof(ThreadSummary)],
        a => ((string?)a[0], ((PostView)a[1]!, (ThreadSummary)a[2]!)),
        (id, change) => [id, change.Post, change.Summary]);

    /// <summary>A watched workshop changed: its whole view (keep it if its version is newer).</summary>
    public static readonly LiveEvent<SessionView> SessionChanged = Keyed<SessionView>(nameof(ILiveClient.SessionChanged), typeof(SessionView));

    /// <summary>A vote of a watched workshop changed, as this person may see it.</summary>
    public static readonly LiveEvent<VoteView> VoteChanged = Keyed<VoteView>(nameof(ILiveClient.VoteChanged), typeof(VoteView));

    /// <summary>A moderator of a watched workshop summoned everyone's view.</summary>
    public static readonly LiveEvent<SummonView> Summoned = Keyed<SummonView>(nameof(ILiveClient.Summoned), typeof(SummonView));

    /// <summary>Who is present in a watched workshop changed.</summary>
    public static readonly LiveEvent<WorkshopPresence> WorkshopPresenceChanged = Keyed<WorkshopPresence>(nameof(ILiveClient.WorkshopPresenceChanged), typeof(WorkshopPresence));

    /// <summary>Someone reacted in a watched workshop (ephemeral).</summary>
    public static readonly LiveEvent<ReactionView> Reacted = Keyed<ReactionView>(nameof(ILiveClient.Reacted), typeof(ReactionView));

    /// <summary>A new notification for the signed-in person, and the unread count.</summary>
    public static readonly LiveEvent<(NotificationItem Item, int Unread)> Notified = new(
        nameof(ILiveClient.Notified),
        [typeof(NotificationItem), typeof(int)],
        a => (null, ((NotificationItem)a[0]!, (int)a[1]!)),
        (_, n) => [n.Item, n.Unread]);

    /// <summary>An event of the common shape <c>(topicId, payload)</c>.</summary>
    /// <summary>A comment thread of a watched board was opened or changed: the whole thread.</summary>
    public static readonly LiveEvent<CommentThreadView> CommentThreadChanged = Keyed<CommentThreadView>(nameof(ILiveClient.CommentThreadChanged), typeof(CommentThreadView));

    /// <summary>A watched pilot changed: its id (read the pilot again).</summary>
    public static readonly LiveEvent<string> PilotChanged = new(nameof(ILiveClient.PilotChanged), [typeof(string)], a => ((string?)a[0], (string)a[0]!), (_, id) => [id]);

    /// <summary>A pilot of a watched hub changed: the hub's id (read the dashboard again).</summary>
    public static readonly LiveEvent<string> PilotDashboardChanged = new(nameof(ILiveClient.PilotDashboardChanged), [typeof(string)], a => ((string?)a[0], (string)a[0]!), (_, id) => [id]);

    private static LiveEvent<T> Keyed<T>(string method, Type payloadType) =>
        new(method, [typeof(string), payloadType], a => ((string?)a[0], (T)a[1]!), (id, payload) => [id, payload]);
}

/// <summary>A watch the server refused: the code from <see cref="ErrorCodes.Hub"/> and the server's text.</summary>
public sealed record WatchRefusal(string Code, string Message)
{
    /// <summary>Reads the code from a hub error's message (<c>…code: text</c>, or "…user is unauthorized"); <c>internal</c> when it carries none.</summary>
    public static WatchRefusal From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        foreach (var code in ErrorCodes.Hub)
        {
            var at = message.IndexOf(code + ":", StringComparison.Ordinal);
            if (at >= 0)
            {
                return new(code, message[(at + code.Length + 1)..].Trim());
            }

            if (message.EndsWith(code, StringComparison.Ordinal))
            {
                return new(code, message);
            }
        }

        return new(ErrorCodes.Internal, message);
    }
}

/// <summary>
/// What a watch does with what arrives: the state (after subscribing and after every reconnect), the
/// topic's events, a refusal and the loss of access. Handlers are called as things arrive, on any thread
/// (components wrap them in <c>InvokeAsync</c>).
/// </summary>
public abstract class Watcher
{
    private readonly List<(LiveEvent Event, Func<IReadOnlyList<object?>, Task> Handle)> handlers = [];

    /// <summary>The events this watcher hears.</summary>
    public IEnumerable<LiveEvent> Events => handlers.Select(h => h.Event);

    /// <summary>Called when the server refuses the watch (also after a reconnect); the watch stays and is tried again on the next connection.</summary>
    public Func<WatchRefusal, Task>? OnRefused { get; init; }

    /// <summary>Called when the server ends the watch because the person may no longer read it.</summary>
    public Func<Task>? OnAccessLost { get; init; }

    /// <summary>Delivers a state the watch method answered (or the offline read found).</summary>
    public abstract Task StateAsync(object state);

    /// <summary>
    /// Reads the state while there is no connection: not read (no reader, or no network), or the answer
    /// (null: there is nothing, or nothing for this person).
    /// </summary>
    public abstract Task<(bool Read, object? State)> ReadOfflineAsync();

    /// <summary>Delivers an occurrence of an event this watcher hears.</summary>
    public async Task EventAsync(LiveEvent e, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var (_, handle) in handlers.Where(h => h.Event.Method == e.Method).ToArray())
        {
            await handle(args);
        }
    }

    /// <summary>Delivers a refusal.</summary>
    public Task RefusedAsync(WatchRefusal refusal) => OnRefused?.Invoke(refusal) ?? Task.CompletedTask;

    /// <summary>Delivers the loss of access.</summary>
    public Task AccessLostAsync() => OnAccessLost?.Invoke() ?? Task.CompletedTask;

    /// <summary>Adds a handler for one of the topic's events.</summary>
    protected void Add<T>(LiveEvent<T> e, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add((e, args => handler(e.PayloadOf(args))));
    }
}

/// <summary>A watcher of a topic answering <typeparamref name="TState"/>; add event handlers with <see cref="On{T}"/>.</summary>
public sealed class Watcher<TState>(Func<TState, Task> onState) : Watcher
    where TState : class
{
    /// <summary>
    /// Reads the state another way (over REST) when the watch starts without a connection; a null answer
    /// is refused as <c>not-found</c>, a network failure delivers nothing. The next connection delivers
    /// the live state.
    /// </summary>
    public Func<Task<TState?>>? ReadOffline { get; init; }

    /// <summary>Hears <paramref name="e"/> for this watch's topic.</summary>
    public Watcher<TState> On<T>(LiveEvent<T> e, Func<T, Task> handler)
    {
        Add(e, handler);
        return this;
    }

    /// <inheritdoc />
    public override Task StateAsync(object state) => onState((TState)state);

    /// <inheritdoc />
    public override async Task<(bool Read, object? State)> ReadOfflineAsync()
    {
        if (ReadOffline is null)
        {
            return (false, null);
        }

        try
        {
            return (true, await ReadOffline());
        }
        catch (HttpRequestException)
        {
            return (false, null);
        }
    }
}

/// <summary>
/// The watches of one connection: which watcher follows which topic, which connection's state each was
/// given, and who an event or a loss of access is for. <see cref="LiveConnection"/> keeps one; a test's
/// fake connection can keep one too, so that it serves every area's watch the same way.
/// </summary>
public sealed class WatchBook
{
    private readonly List<Entry> entries = [];

    /// <summary>Starts keeping a watch.</summary>
    public Entry Add(LiveTopic topic, Watcher watcher)
    {
        var entry = new Entry(topic, watcher);
        lock (entries)
        {
            entries.Add(entry);
        }

        return entry;
    }

    /// <summary>Stops a watch; true when it was the last local watch of its topic (time to unwatch on the server).</summary>
    public bool Remove(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (entries)
        {
            entry.Stopped = true;
            return entries.Remove(entry) && !entries.Any(e => e.Topic.Key == entry.Topic.Key);
        }
    }

    /// <summary>The watches now kept, grouped by topic key: one watch call serves each group.</summary>
    public IReadOnlyList<Entry[]> ByTopic()
    {
        lock (entries)
        {
            return [.. entries.GroupBy(e => e.Topic.Key, StringComparer.Ordinal).Select(g => g.ToArray())];
        }
    }

    /// <summary>Whether <paramref name="entry"/> still needs the state of connection <paramref name="generation"/> (and now has it); connections count up.</summary>
    public bool Claim(Entry entry, int generation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (entries)
        {
            // A connection's answer never replaces a later connection's (a watch call can outlive its connection).
            if (entry.Stopped || entry.ServedGeneration >= generation)
            {
                return false;
            }

            entry.ServedGeneration = generation;
            return true;
        }
    }

    /// <summary>Delivers the answer of connection <paramref name="generation"/>'s watch call to each entry that has not had it yet.</summary>
    public async Task DeliverAsync(IEnumerable<Entry> group, int generation, object state)
    {
        foreach (var entry in group.Where(e => Claim(e, generation)).ToArray())
        {
            await entry.Watcher.StateAsync(state);
        }
    }

    /// <summary>Tells each entry still kept that the server refused its watch.</summary>
    public async Task RefuseAsync(IEnumerable<Entry> group, WatchRefusal refusal)
    {
        foreach (var entry in group.Where(Kept).ToArray())
        {
            await entry.Watcher.RefusedAsync(refusal);
        }
    }

    /// <summary>Reads the state without a connection and delivers it (or refuses as not found), unless a connection's answer came first.</summary>
    public async Task ReadOfflineAsync(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (read, state) = await entry.Watcher.ReadOfflineAsync();
        if (!read || !Kept(entry) || entry.ServedGeneration >= 0)
        {
            return;
        }

        await (state is null ? entry.Watcher.RefusedAsync(new WatchRefusal(ErrorCodes.NotFound, string.Empty)) : entry.Watcher.StateAsync(state));
    }

    private bool Kept(Entry entry)
    {
        lock (entries)
        {
            return !entry.Stopped;
        }
    }

    /// <summary>The events some kept watcher hears (a connection binds each once).</summary>
    public IReadOnlyList<LiveEvent> Events()
    {
        lock (entries)
        {
            return [.. entries.SelectMany(e => e.Watcher.Events).DistinctBy(e => e.Method)];
        }
    }

    /// <summary>Delivers an occurrence of <paramref name="e"/> to the watchers of its topic that hear it.</summary>
    public async Task DispatchAsync(LiveEvent e, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(e);
        var topic = e.TopicOf(args);
        Entry[] hearing;
        lock (entries)
        {
            hearing = [.. entries.Where(x => (topic is null || x.Topic.Id == topic) && x.Watcher.Events.Any(h => h.Method == e.Method))];
        }

        foreach (var entry in hearing.Where(x => !x.Stopped))
        {
            await entry.Watcher.EventAsync(e, args);
        }
    }

    /// <summary>Tells the watchers that <c>AccessLost(kind, id)</c> ends.</summary>
    public async Task LoseAccessAsync(string kind, string id)
    {
        Entry[] ended;
        lock (entries)
        {
            ended = [.. entries.Where(x => x.Topic.EndsWith(kind, id))];
        }

        foreach (var entry in ended.Where(x => !x.Stopped))
        {
            await entry.Watcher.AccessLostAsync();
        }
    }

    /// <summary>One kept watch.</summary>
    public sealed class Entry(LiveTopic topic, Watcher watcher)
    {
        /// <summary>What it follows.</summary>
        public LiveTopic Topic { get; } = topic;

        /// <summary>Who hears it.</summary>
        public Watcher Watcher { get; } = watcher;

        /// <summary>The connection whose state it was last given (-1: none yet).</summary>
        public int ServedGeneration { get; internal set; } = -1;

        /// <summary>Disposed: nothing more is delivered.</summary>
        public bool Stopped { get; internal set; }
    }
}

/// <summary>Watches with one handler, as thin calls of <see cref="ILiveConnection.WatchAsync{TState}"/>.</summary>
public static class LiveWatches
{
    /// <summary>
    /// Calls <paramref name="onChange"/> with the city's current state and on each change, also after
    /// reconnects (with the state it missed). Dispose the result to stop.
    /// </summary>
    public static Task<IAsyncDisposable> WatchCityAsync(this ILiveConnection live, string cityId, Func<CityDto, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.WatchAsync(LiveTopics.City(cityId), new Watcher<CityDto>(onChange).On(LiveEvents.CityChanged, onChange));
    }
}
