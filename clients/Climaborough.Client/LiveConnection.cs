namespace Climaborough.Client;

using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>State of the live connection, as the connection indicator shows it.</summary>
public enum LiveState
{
    /// <summary>The first connection attempt is under way.</summary>
    Connecting,

    /// <summary>Connected: live updates arrive.</summary>
    Connected,

    /// <summary>The connection dropped and is being re-established.</summary>
    Reconnecting,

    /// <summary>Not connected; attempts continue in the background.</summary>
    Offline,
}

/// <summary>
/// The live hub for components and .NET callers. Components never own a <see cref="HubConnection"/>:
/// they ask this service for watches and dispose them.
/// </summary>
public partial interface ILiveConnection : IAsyncDisposable
{
    /// <summary>Current state.</summary>
    LiveState State { get; }

    /// <summary>Raised on every state change.</summary>
    event Action<LiveState>? StateChanged;

    /// <summary>Starts connecting (returns at once); reconnects forever until disposed.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches <paramref name="topic"/>: subscribes, gives <paramref name="watcher"/> the state read after
    /// subscribing, then the topic's events it hears; after every reconnect it subscribes again and gives
    /// the current state again (what was missed). A refusal and the loss of access go to the watcher's
    /// handlers. Without a connection it reads offline (if the watcher can) and waits for the next one.
    /// Dispose the result to stop: nothing more is delivered, and the last local watch of a topic
    /// unsubscribes on the server.
    /// </summary>
    Task<IAsyncDisposable> WatchAsync<TState>(LiveTopic<TState> topic, Watcher<TState> watcher)
        where TState : class;

    /// <summary>Raised after every (re)connection: sessions re-join and resend what waits.</summary>
    event Func<Task>? Connected;

    /// <summary>Durable ops of a joined board.</summary>
    event Action<string, IReadOnlyList<AppliedOp>>? BoardOps;

    /// <summary>Presence on a joined board.</summary>
    event Action<string, Participant>? PresenceChanged;

    /// <summary>Someone left a joined board.</summary>
    event Action<string, string>? PresenceLeft;

    /// <summary>Joins a board (see the hub's <c>JoinBoard</c>).</summary>
    Task<BoardJoin> JoinBoardAsync(string boardId, long lastSeq);

    /// <summary>Sends an edit; answers once durable.</summary>
    Task<EditResult> EditAsync(string boardId, BoardEdit edit);

    /// <summary>Undoes the user's last op.</summary>
    Task<EditResult> UndoAsync(string boardId, string clientId, long clientSeq);

    /// <summary>Redoes the user's last undo.</summary>
    Task<EditResult> RedoAsync(string boardId, string clientId, long clientSeq);

    /// <summary>Sends the cursor and selection.</summary>
    Task UpdatePresenceAsync(string boardId, PresenceUpdate presence);

    /// <summary>Restores a stored version, as a new op.</summary>
    Task<EditResult> RestoreVersionAsync(string boardId, string clientId, long clientSeq, long versionSeq);

    /// <summary>
    /// Tells the connection whether the device has a network (the browser's online/offline events):
    /// without one it disconnects at once and stays offline instead of waiting for a timeout; with one
    /// it reconnects.
    /// </summary>
    Task SetNetworkAvailableAsync(bool available);

    /// <summary>Connects again (after signing in or out, so the hub knows the new user).</summary>
    Task ReconnectAsync();

    /// <summary>Starts a dot vote (moderators; see the hub's <c>StartVote</c>).</summary>
    Task<VoteAnswer> StartVoteAsync(string labId, string sessionId, StartVoteRequest request);

    /// <summary>Closes a vote (moderators).</summary>
    Task<VoteAnswer> CloseVoteAsync(string labId, string sessionId, string voteId);

    /// <summary>Places one of one's dots; send the same request id again to retry it.</summary>
    Task<VoteAnswer> PlaceDotAsync(string labId, string sessionId, string voteId, DotRequest request);

    /// <summary>Removes one of one's dots; send the same request id again to retry it.</summary>
    Task<VoteAnswer> RemoveDotAsync(string labId, string sessionId, string voteId, DotRequest request);

    /// <summary>A board's private brainstorm as the caller may see it: counters, and their own private notes (all of them for facilitators).</summary>
    Task<PrivateNotesView> PrivateNotesAsync(string boardId);

    /// <summary>Reveals a workshop's private notes to everyone (moderators); answers once the reveal is durable.</summary>
    Task<EditResult> RevealPrivateNotesAsync(string labId, string sessionId);

    /// <summary>A joined board's private brainstorm changed (board id, the view for this connection).</summary>
    event Action<string, PrivateNotesView>? PrivateNotesChanged;

    /// <summary>
    /// The server ended a watch because the user may no longer read it (kind <c>board</c>, <c>lab</c>,
    /// <c>thread</c>, <c>session</c> or <c>user</c>, and the id): nothing more of it arrives.
    /// </summary>
    event Action<string, string>? AccessLost;
}

/// <summary>The SignalR implementation of <see cref="ILiveConnection"/>, with automatic reconnect.</summary>
public sealed partial class LiveConnection : ILiveConnection
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private readonly HubConnection connection;
    private readonly WatchBook watches = new();
    private readonly HashSet<string> boundEvents = new(StringComparer.Ordinal);

    /// <summary>Counts connections (raised before each one is made): each watcher gets its topic's current state once per connection.</summary>
    private int generation;
    private readonly CancellationTokenSource stopping = new();
    private Task? connectLoop;
    private volatile bool networkDown;
    private volatile bool restarting;

    /// <summary>Connects to the hub at <paramref name="hubUrl"/>, as the user whose access token <paramref name="accessToken"/> gives (anonymous when it gives none).</summary>
    public LiveConnection(Uri hubUrl, Action<IHubConnectionBuilder>? configure = null, Func<Task<string?>>? accessToken = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                if (accessToken is not null)
                {
                    o.AccessTokenProvider = accessToken;
                }
            })
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .WithAutomaticReconnect(new ForeverRetryPolicy());
        configure?.Invoke(builder);
        connection = builder.Build();
        connection.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (board, ops) => BoardOps?.Invoke(board, ops));
        connection.On<string, Participant>(nameof(ILiveClient.PresenceChanged), (board, p) => PresenceChanged?.Invoke(board, p));
        connection.On<string, string>(nameof(ILiveClient.PresenceLeft), (board, session) => PresenceLeft?.Invoke(board, session));
        connection.On<string, PrivateNotesView>(nameof(ILiveClient.PrivateNotesChanged), (board, view) => PrivateNotesChanged?.Invoke(board, view));
        connection.On<string, string>(nameof(ILiveClient.AccessLost), async (kind, id) =>
        {
            await watches.LoseAccessAsync(kind, id);
            AccessLost?.Invoke(kind, id);
        });
        connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref generation);
            return SetState(LiveState.Reconnecting);
        };
        connection.Reconnected += async _ =>
        {
            await SetState(LiveState.Connected);
            await RewatchAllAsync();
            await RaiseConnectedAsync();
        };
        connection.Closed += _ =>
        {
            // Automatic reconnect gave up or the server closed us: keep trying in the background.
            if (!stopping.IsCancellationRequested && !networkDown)
            {
                connectLoop = ConnectLoopAsync(stopping.Token);
            }

            return SetState(restarting ? LiveState.Connecting : LiveState.Offline);
        };
    }

    /// <inheritdoc />
    public LiveState State { get; private set; } = LiveState.Connecting;

    /// <inheritdoc />
    public event Action<LiveState>? StateChanged;

    /// <inheritdoc />
    public event Func<Task>? Connected;

    /// <inheritdoc />
    public event Action<string, IReadOnlyList<AppliedOp>>? BoardOps;

    /// <inheritdoc />
    public event Action<string, Participant>? PresenceChanged;

    /// <inheritdoc />
    public event Action<string, string>? PresenceLeft;

    /// <inheritdoc />
    public Task<BoardJoin> JoinBoardAsync(string boardId, long lastSeq) =>
        connection.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, lastSeq);

    /// <inheritdoc />
    public Task<EditResult> EditAsync(string boardId, BoardEdit edit) =>
        connection.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, edit);

    /// <inheritdoc />
    public Task<EditResult> UndoAsync(string boardId, string clientId, long clientSeq) =>
        connection.InvokeAsync<EditResult>(nameof(ILiveHub.Undo), boardId, clientId, clientSeq);

    /// <inheritdoc />
    public Task<EditResult> RedoAsync(string boardId, string clientId, long clientSeq) =>
        connection.InvokeAsync<EditResult>(nameof(ILiveHub.Redo), boardId, clientId, clientSeq);

    /// <inheritdoc />
    public Task<EditResult> RestoreVersionAsync(string boardId, string clientId, long clientSeq, long versionSeq) =>
        connection.InvokeAsync<EditResult>(nameof(ILiveHub.RestoreVersion), boardId, clientId, clientSeq, versionSeq);

    /// <inheritdoc />
    public Task UpdatePresenceAsync(string boardId, PresenceUpdate presence) =>
        connection.InvokeAsync(nameof(ILiveHub.UpdatePresence), boardId, presence);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        connectLoop ??= ConnectLoopAsync(stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetNetworkAvailableAsync(bool available)
    {
        if (networkDown != available)
        {
            return;
        }

        networkDown = !available;
        if (networkDown)
        {
            await connection.StopAsync();
            await SetState(LiveState.Offline);
        }
        else if (!stopping.IsCancellationRequested)
        {
            connectLoop = ConnectLoopAsync(stopping.Token);
        }
    }

    /// <inheritdoc />
    public event Action<string, string>? AccessLost;

    /// <inheritdoc />
    public Task<VoteAnswer> StartVoteAsync(string labId, string sessionId, StartVoteRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), labId, sessionId, request);

    /// <inheritdoc />
    public Task<VoteAnswer> CloseVoteAsync(string labId, string sessionId, string voteId) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), labId, sessionId, voteId);

    /// <inheritdoc />
    public Task<VoteAnswer> PlaceDotAsync(string labId, string sessionId, string voteId, DotRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, sessionId, voteId, request);

    /// <inheritdoc />
    public Task<VoteAnswer> RemoveDotAsync(string labId, string sessionId, string voteId, DotRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.RemoveDot), labId, sessionId, voteId, request);

    /// <inheritdoc />
    public Task<PrivateNotesView> PrivateNotesAsync(string boardId) => connection.InvokeAsync<PrivateNotesView>(nameof(ILiveHub.PrivateNotes), boardId);

    /// <inheritdoc />
    public Task<EditResult> RevealPrivateNotesAsync(string labId, string sessionId) => connection.InvokeAsync<EditResult>(nameof(ILiveHub.RevealPrivateNotes), labId, sessionId);

    /// <inheritdoc />
    public event Action<string, PrivateNotesView>? PrivateNotesChanged;

    /// <inheritdoc />
    public async Task ReconnectAsync()
    {
        // Closing makes the Closed handler start connecting again, with a fresh token; meanwhile the
        // indicator says "connecting", not "offline".
        restarting = true;
        await connection.StopAsync();
    }

    /// <summary>Waits until connected (for tools and tests).</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (State != LiveState.Connected)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> WatchAsync<TState>(LiveTopic<TState> topic, Watcher<TState> watcher)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(watcher);
        var entry = watches.Add(topic, watcher);
        BindEvents();
        if (connection.State == HubConnectionState.Connected)
        {
            // The connect loop may re-watch everything meanwhile: each entry claims a connection's state once.
            await WatchOnServerAsync([entry], Volatile.Read(ref generation));
        }
        else
        {
            await watches.ReadOfflineAsync(entry);
        }

        return new Watch(this, entry);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (connectLoop is not null)
        {
            try
            {
                await connectLoop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await connection.DisposeAsync();
        stopping.Dispose();
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
        {
            await Task.Delay(Backoff[Math.Min(attempt, Backoff.Length - 1)], cancellationToken);
            try
            {
                if (connection.State != HubConnectionState.Disconnected || networkDown)
                {
                    return;
                }

                Interlocked.Increment(ref generation);
                await connection.StartAsync(cancellationToken);
                restarting = false;

                // "Connected" once the watches are back, so that a caller waiting for it misses no change.
                await RewatchAllAsync();
                await SetState(LiveState.Connected);
                await RaiseConnectedAsync();
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await SetState(restarting && attempt == 0 ? LiveState.Connecting : LiveState.Offline);
            }
        }
    }

    private async Task RaiseConnectedAsync()
    {
        foreach (var handler in Connected?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            try
            {
                await handler();
            }
            catch (Exception) when (connection.State != HubConnectionState.Connected)
            {
                // Lost again while re-joining: the next connection raises this again.
            }
        }
    }

    private async Task RewatchAllAsync()
    {
        var served = Volatile.Read(ref generation);
        foreach (var group in watches.ByTopic())
        {
            if (!await WatchOnServerAsync(group, served))
            {
                return;
            }
        }
    }

    /// <summary>One watch call for a topic's local watches; false when the connection was lost on the way.</summary>
    private async Task<bool> WatchOnServerAsync(WatchBook.Entry[] group, int served)
    {
        var topic = group[0].Topic;
        try
        {
            var current = await connection.InvokeCoreAsync(topic.WatchMethod, topic.StateType, [.. topic.WatchArgs]);
            if (current is not null)
            {
                await watches.DeliverAsync(group, served, current);
            }
        }
        catch (HubException ex)
        {
            // Refused (gone, or not for this person): said once per connection; the next one tries again.
            await watches.RefuseAsync(group, WatchRefusal.From(ex));
        }
        catch (Exception) when (connection.State != HubConnectionState.Connected)
        {
            // Lost again on the way: the next connection watches again.
            return false;
        }

        return true;
    }

    /// <summary>Binds each event some watcher hears to the hub connection, once.</summary>
    private void BindEvents()
    {
        foreach (var e in watches.Events())
        {
            lock (boundEvents)
            {
                if (!boundEvents.Add(e.Method))
                {
                    continue;
                }
            }

            connection.On(e.Method, [.. e.ParameterTypes], (args, _) => watches.DispatchAsync(e, args), this);
        }
    }

    private async Task UnwatchAsync(WatchBook.Entry entry)
    {
        if (watches.Remove(entry) && entry.Topic.UnwatchMethod is { } method && connection.State == HubConnectionState.Connected)
        {
            try
            {
                await connection.InvokeCoreAsync(method, [.. entry.Topic.UnwatchArgs]);
            }
            catch (Exception) when (connection.State != HubConnectionState.Connected)
            {
                // Gone with the connection: watches belong to a connection.
            }
        }
    }

    private Task SetState(LiveState state)
    {
        if (State != state)
        {
            State = state;
            StateChanged?.Invoke(state);
        }

        return Task.CompletedTask;
    }

    private sealed class Watch(LiveConnection owner, WatchBook.Entry entry) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await owner.UnwatchAsync(entry);
            }
        }
    }

    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            Backoff[Math.Min((int)retryContext.PreviousRetryCount, Backoff.Length - 1)];
    }
}
