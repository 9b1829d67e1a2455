namespace Climaborough.Web.Tests;

using System.Globalization;
using System.Net;
using System.Text.Json;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A bUnit context with the app's real services, except the two the components are not about: the
/// HTTP server (a handler answering canned responses) and the hub (<see cref="FakeLiveConnection"/>).
/// </summary>
public abstract class WebTestContext : BunitContext
{
    protected WebTestContext(string culture = "en")
    {
        // As the app does: the language's resources, and its readers' dates and numbers (British for English).
        CultureInfo.CurrentCulture = CulturePreference.FormatsFor(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Services.AddLocalization();
        Services.AddSingleton<ILiveConnection>(Live);
        Services.AddSingleton(new ClimaboroughApi(new HttpClient(Http) { BaseAddress = new Uri("http://localhost/") }));
        Services.AddScoped<CulturePreference>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected FakeLiveConnection Live { get; } = new();

    protected StubHttpHandler Http { get; } = new();
}

/// <summary>Answers requests from a table; anything else is a 404.</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> routes = new(StringComparer.Ordinal);

    /// <summary>Answers <paramref name="path"/> with JSON; only requests of <paramref name="method"/> when given (those win over any-method answers).</summary>
    public void Json(string path, object body, string? method = null) =>
        routes[Key(method, path)] = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json") };

    /// <summary>
    /// Keeps requests to <paramref name="path"/> (of <paramref name="method"/>) waiting until the test sets the
    /// returned source: a request in flight, as on a slow network.
    /// </summary>
    public TaskCompletionSource<object> Hold(string path, string? method = null)
    {
        var release = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        held[Key(method, path)] = release;
        return release;
    }

    private readonly Dictionary<string, TaskCompletionSource<object>> held = new(StringComparer.Ordinal);

    public void Fail(string path) => routes[path] = () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

    /// <summary>Refuses with a problem document, as the server does (its <c>detail</c> is the message users see).</summary>
    public void Problem(string path, HttpStatusCode status, string detail, string? method = null) =>
        routes[Key(method, path)] = () => new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { title = "Refused", status = (int)status, detail }, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/problem+json"),
        };

    /// <summary>Refuses as invalid input, as the server does: a validation problem naming each field.</summary>
    public void ValidationProblem(string path, IReadOnlyDictionary<string, string[]> errors, string? method = null) =>
        routes[Key(method, path)] = () => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { title = "One or more validation errors occurred.", status = 400, errors }, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/problem+json"),
        };

    private static string Key(string? method, string path) => method is null ? path : method + " " + path;

    /// <summary>Every request: method, path, query and body.</summary>
    public List<(string Method, string Path, string Query, string? Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        var path = request.RequestUri!.AbsolutePath;
        if (held.TryGetValue(Key(request.Method.Method, path), out var release) || held.TryGetValue(path, out release))
        {
            var body = await release.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json") };
        }

        // A route with its query (e.g. "?dryRun=true") wins over the same path without.
        var query = request.RequestUri.Query;
        return (query.Length > 0 && routes.TryGetValue(Key(request.Method.Method, path + query), out var answer)) || routes.TryGetValue(Key(request.Method.Method, path), out answer) || routes.TryGetValue(path, out answer) ? answer() : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// A hub connection the test drives: its state, what each watch answers (<see cref="Serve{TState}"/>),
/// the events and losses of access it pushes by topic, and the board calls. It serves every area's watch
/// through the one <see cref="WatchAsync{TState}"/>, so a new area needs nothing new here.
/// </summary>
public sealed partial class FakeLiveConnection : ILiveConnection
{
    private readonly WatchBook watches = new();
    private readonly Dictionary<string, object> answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> watchCalls = new(StringComparer.Ordinal);
    private int generation;

    public LiveState State { get; private set; } = LiveState.Connecting;

    public event Action<LiveState>? StateChanged;

    public void SetState(LiveState state)
    {
        State = state;
        StateChanged?.Invoke(state);
    }

    /// <summary>What watching <paramref name="topic"/> answers from now on (a topic without an answer is refused as not found).</summary>
    public void Serve<TState>(LiveTopic<TState> topic, TState state)
        where TState : class => answers[topic.Key] = state;

    /// <summary>The ids of the topics of <paramref name="kind"/> watched and not disposed.</summary>
    public IReadOnlyList<string> Watching(string kind) => [.. watches.ByTopic().Select(g => g[0].Topic).Where(t => t.Kind == kind).Select(t => t.Id)];

    /// <summary>How often topics of <paramref name="kind"/> were watched on the "server" (once per connection and topic).</summary>
    public int WatchCalls(string kind) => watchCalls.GetValueOrDefault(kind);

    public async Task<IAsyncDisposable> WatchAsync<TState>(LiveTopic<TState> topic, Watcher<TState> watcher)
        where TState : class
    {
        var entry = watches.Add(topic, watcher);
        if (State == LiveState.Connected)
        {
            await AnswerAsync([entry]);
        }
        else
        {
            await watches.ReadOfflineAsync(entry);
        }

        return new Unwatch(() => watches.Remove(entry));
    }

    /// <summary>Pushes an event about <paramref name="topicId"/>, as the hub would.</summary>
    public Task RaiseAsync<T>(LiveEvent<T> e, string? topicId, T payload) => watches.DispatchAsync(e, e.ArgumentsOf(topicId, payload));

    /// <summary>Plays the server ending a watch (the user lost access).</summary>
    public async Task LoseAccessAsync(string kind, string id)
    {
        await watches.LoseAccessAsync(kind, id);
        AccessLost?.Invoke(kind, id);
    }

    /// <summary>How many handlers listen for <see cref="AccessLost"/> (a disposed page leaves none behind).</summary>
    public int AccessLostSubscribers => AccessLost?.GetInvocationList().Length ?? 0;

    /// <summary>
    /// Connects: every watch is answered again, then <see cref="Connected"/> is raised. The state says
    /// "connected" before the watches are answered (as after SignalR's own reconnect), or, with
    /// <paramref name="watchesFirst"/>, only after them (as the real connection's first start and restart do).
    /// </summary>
    public Task GoOnlineAsync() => GoOnlineAsync(watchesFirst: false);

    /// <summary>Connects as the real connection's first start and restart do: the watches are answered before the state says "connected".</summary>
    public Task GoOnlineWatchesFirstAsync() => GoOnlineAsync(watchesFirst: true);

    private async Task GoOnlineAsync(bool watchesFirst)
    {
        generation++;
        if (!watchesFirst)
        {
            SetState(LiveState.Connected);
        }

        foreach (var group in watches.ByTopic())
        {
            await AnswerAsync(group);
        }

        if (watchesFirst)
        {
            SetState(LiveState.Connected);
        }

        foreach (var handler in Connected?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }

    private async Task AnswerAsync(WatchBook.Entry[] group)
    {
        var topic = group[0].Topic;
        watchCalls[topic.Kind] = WatchCalls(topic.Kind) + 1;
        await (answers.TryGetValue(topic.Key, out var state)
            ? watches.DeliverAsync(group, generation, state)
            : watches.RefuseAsync(group, new WatchRefusal(ErrorCodes.NotFound, $"there is no {topic.Kind} '{topic.Id}'.")));
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public event Func<Task>? Connected;

    public event Action<string, string>? AccessLost;

    public int Reconnects { get; private set; }

    public Task ReconnectAsync()
    {
        Reconnects++;
        return Task.CompletedTask;
    }

    public Task SetNetworkAvailableAsync(bool available)
    {
        SetState(available ? LiveState.Connected : LiveState.Offline);
        return Task.CompletedTask;
    }

    public event Action<string, IReadOnlyList<AppliedOp>>? BoardOps;

    public event Action<string, Participant>? PresenceChanged;

    public event Action<string, string>? PresenceLeft;

    /// <summary>What the fake server applied, in order.</summary>
    public List<BoardEdit> ReceivedEdits { get; } = [];

    /// <summary>Answers to edits, decided by the test; by default every edit is applied.</summary>
    public Func<BoardEdit, EditResult>? Answer { get; set; }

    private long serverSeq;

    /// <summary>The lab of the boards the fake serves (none by default).</summary>
    public string? BoardLabId { get; set; }

    /// <summary>Who created the boards the fake serves.</summary>
    public string BoardOwnerId { get; set; } = "demo:owner";

    /// <summary>Whether the boards the fake serves are locked.</summary>
    public bool BoardLocked { get; set; }

    /// <summary>Boards that do not exist, or that the person may not see: joining them is refused as the hub does.</summary>
    public HashSet<string> MissingBoards { get; } = new(StringComparer.Ordinal);

    /// <summary>Joins as the hub does: a malformed id is an invalid argument, a missing (or hidden) board is not found.</summary>
    public Task<BoardJoin> JoinBoardAsync(string boardId, long lastSeq) =>
        boardId.Length is < 3 or > 64 || !boardId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? Task.FromException<BoardJoin>(new Microsoft.AspNetCore.SignalR.HubException($"{ErrorCodes.InvalidArgument}: a board id is 3 to 64 lower-case letters, digits or dashes."))
            : MissingBoards.Contains(boardId)
            ? Task.FromException<BoardJoin>(new Microsoft.AspNetCore.SignalR.HubException($"{ErrorCodes.NotFound}: there is no board '{boardId}'."))
            : Task.FromResult(new BoardJoin(new BoardInfo(boardId, "Test board", BoardLabId, BoardOwnerId, BoardLocked, DateTimeOffset.UnixEpoch, serverSeq, 0), null, [], [], "me"));

    public Task<EditResult> EditAsync(string boardId, BoardEdit edit)
    {
        if (State != LiveState.Connected)
        {
            throw new InvalidOperationException("offline");
        }

        ReceivedEdits.Add(edit);
        var result = Answer?.Invoke(edit) ?? new EditResult(true, ++serverSeq);
        if (result.Ok)
        {
            BoardOps?.Invoke(boardId, [new AppliedOp(result.Seq!.Value, edit.ClientId, edit.ClientSeq, "demo:me", DateTimeOffset.UnixEpoch, OpKind.Edit, edit.Changes)]);
        }

        return Task.FromResult(result);
    }

    public Task<EditResult> UndoAsync(string boardId, string clientId, long clientSeq) => Task.FromResult(new EditResult(false, null, ErrorCode: ErrorCodes.NothingToUndo));

    public Task<EditResult> RedoAsync(string boardId, string clientId, long clientSeq) => Task.FromResult(new EditResult(false, null, ErrorCode: ErrorCodes.NothingToUndo));

    public Task UpdatePresenceAsync(string boardId, PresenceUpdate presence) => Task.CompletedTask;

    public List<long> RestoredVersions { get; } = [];

    public Task<EditResult> RestoreVersionAsync(string boardId, string clientId, long clientSeq, long versionSeq)
    {
        RestoredVersions.Add(versionSeq);
        return Task.FromResult(new EditResult(true, ++serverSeq));
    }

    /// <summary>Vote calls received: method (StartVote, CloseVote, PlaceDot, RemoveDot), vote id (or null), item id, request id.</summary>
    public List<(string Method, string? VoteId, string? ItemId, string? RequestId)> VoteCalls { get; } = [];

    /// <summary>Answers to vote calls, decided by the test (by default: refused as not found).</summary>
    public Func<string, string?, DotRequest?, VoteAnswer>? AnswerVote { get; set; }

    /// <summary>The requests of <see cref="StartVoteAsync"/>, in order (what a vote is on).</summary>
    public List<StartVoteRequest> StartVoteRequests { get; } = [];

    public Task<VoteAnswer> StartVoteAsync(string labId, string sessionId, StartVoteRequest request)
    {
        StartVoteRequests.Add(request);
        return Vote(nameof(ILiveHub.StartVote), null, null, request.RequestId);
    }

    public Task<VoteAnswer> CloseVoteAsync(string labId, string sessionId, string voteId) => Vote(nameof(ILiveHub.CloseVote), voteId, null, null);

    public Task<VoteAnswer> PlaceDotAsync(string labId, string sessionId, string voteId, DotRequest request) => Vote(nameof(ILiveHub.PlaceDot), voteId, request, request.RequestId);

    public Task<VoteAnswer> RemoveDotAsync(string labId, string sessionId, string voteId, DotRequest request) => Vote(nameof(ILiveHub.RemoveDot), voteId, request, request.RequestId);

    private Task<VoteAnswer> Vote(string method, string? voteId, DotRequest? dot, string? requestId)
    {
        VoteCalls.Add((method, voteId, dot?.ItemId, requestId));
        return Task.FromResult(AnswerVote?.Invoke(method, voteId, dot) ?? new VoteAnswer(false, null, ErrorCodes.NoSuchVote, "no vote"));
    }

    /// <summary>What <see cref="PrivateNotesAsync"/> answers (by default: no private brainstorm).</summary>
    public PrivateNotesView PrivateNotes { get; set; } = PrivateNotesView.None;

    /// <summary>Reveals asked for: lab and session ids.</summary>
    public List<(string LabId, string SessionId)> Reveals { get; } = [];

    public event Action<string, PrivateNotesView>? PrivateNotesChanged;

    public Task<PrivateNotesView> PrivateNotesAsync(string boardId) => Task.FromResult(PrivateNotes);

    public Task<EditResult> RevealPrivateNotesAsync(string labId, string sessionId)
    {
        Reveals.Add((labId, sessionId));
        return Task.FromResult(new EditResult(true, ++serverSeq));
    }

    /// <summary>Pushes a private brainstorm change, as the hub would.</summary>
    public void RaisePrivateNotes(string boardId, PrivateNotesView view) => PrivateNotesChanged?.Invoke(boardId, view);

    public void RaisePresence(string boardId, Participant p) => PresenceChanged?.Invoke(boardId, p);

    public void RaiseLeft(string boardId, string session) => PresenceLeft?.Invoke(boardId, session);

    private sealed class Unwatch(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
