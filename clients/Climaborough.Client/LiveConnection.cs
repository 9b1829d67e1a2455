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
public interface ILiveConnection : IAsyncDisposable
{
    /// <summary>Current state.</summary>
    LiveState State { get; }

    /// <summary>Raised on every state change.</summary>
    event Action<LiveState>? StateChanged;

    /// <summary>Starts connecting (returns at once); reconnects forever until disposed.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onChange"/> with the city's current state and on each change, also after
    /// reconnects (with the state it missed). Dispose the result to stop.
    /// </summary>
    Task<IAsyncDisposable> WatchCityAsync(string cityId, Func<CityDto, Task> onChange);

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

    /// <summary>A watched lab changed (its id and the new activity line, if any).</summary>
    event Action<string, LabActivity?>? LabChanged;

    /// <summary>Follows a lab (see the hub's <c>WatchLab</c>); watch again after a reconnect.</summary>
    Task<LabDetails> WatchLabAsync(string labId);

    /// <summary>Stops following a lab.</summary>
    Task UnwatchLabAsync(string labId);

    /// <summary>A post of a watched thread was added or changed (thread id, the post as every reader sees it, the thread's summary).</summary>
    event Action<string, PostView, ThreadSummary>? ThreadChanged;

    /// <summary>A new notification for the signed-in person, and the unread count.</summary>
    event Action<NotificationItem, int>? Notified;

    /// <summary>Follows a thread live (see the hub's <c>WatchThread</c>); watch again after a reconnect.</summary>
    Task<ThreadView> WatchThreadAsync(string labId, string threadId);

    /// <summary>Stops following a thread.</summary>
    Task UnwatchThreadAsync(string threadId);

    /// <summary>Receives one's own notifications live; answers the current ones.</summary>
    Task<NotificationList> WatchNotificationsAsync();

    /// <summary>A watched workshop changed (its id and the whole view; keep it if its version is newer).</summary>
    event Action<string, SessionView>? SessionChanged;

    /// <summary>Follows a workshop live (see the hub's <c>WatchSession</c>); watch again after a reconnect.</summary>
    Task<SessionView> WatchSessionAsync(string labId, string sessionId);

    /// <summary>Stops following a workshop.</summary>
    Task UnwatchSessionAsync(string sessionId);

    /// <summary>A vote of a watched workshop changed, as this person may see it (session id, vote).</summary>
    event Action<string, VoteView>? VoteChanged;

    /// <summary>Starts a dot vote (moderators; see the hub's <c>StartVote</c>).</summary>
    Task<VoteAnswer> StartVoteAsync(string labId, string sessionId, StartVoteRequest request);

    /// <summary>Closes a vote (moderators).</summary>
    Task<VoteAnswer> CloseVoteAsync(string labId, string sessionId, string voteId);

    /// <summary>Places one of one's dots; send the same request id again to retry it.</summary>
    Task<VoteAnswer> PlaceDotAsync(string labId, string sessionId, string voteId, DotRequest request);

    /// <summary>Removes one of one's dots; send the same request id again to retry it.</summary>
    Task<VoteAnswer> RemoveDotAsync(string labId, string sessionId, string voteId, DotRequest request);

    /// <summary>
    /// The server ended a watch because the user may no longer read it (kind <c>board</c>, <c>lab</c>,
    /// <c>thread</c>, <c>session</c> or <c>user</c>, and the id): nothing more of it arrives.
    /// </summary>
    event Action<string, string>? AccessLost;
}

/// <summary>The SignalR implementation of <see cref="ILiveConnection"/>, with automatic reconnect.</summary>
public sealed class LiveConnection : ILiveConnection
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private readonly HubConnection connection;
    private readonly Dictionary<string, List<CityWatcher>> cityWatchers = new(StringComparer.Ordinal);

    /// <summary>Counts connections (raised before each one is made): each watcher gets a city's current state once per connection.</summary>
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
        connection.On<CityDto>(nameof(ILiveClient.CityChanged), OnCityChangedAsync);
        connection.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (board, ops) => BoardOps?.Invoke(board, ops));
        connection.On<string, Participant>(nameof(ILiveClient.PresenceChanged), (board, p) => PresenceChanged?.Invoke(board, p));
        connection.On<string, string>(nameof(ILiveClient.PresenceLeft), (board, session) => PresenceLeft?.Invoke(board, session));
        connection.On<string, LabActivity?>(nameof(ILiveClient.LabChanged), (lab, activity) => LabChanged?.Invoke(lab, activity));
        connection.On<string, PostView, ThreadSummary>(nameof(ILiveClient.ThreadChanged), (thread, post, summary) => ThreadChanged?.Invoke(thread, post, summary));
        connection.On<string, SessionView>(nameof(ILiveClient.SessionChanged), (session, view) => SessionChanged?.Invoke(session, view));
        connection.On<string, VoteView>(nameof(ILiveClient.VoteChanged), (session, vote) => VoteChanged?.Invoke(session, vote));
        connection.On<NotificationItem, int>(nameof(ILiveClient.Notified), (item, unread) => Notified?.Invoke(item, unread));
        connection.On<string, string>(nameof(ILiveClient.AccessLost), (kind, id) => AccessLost?.Invoke(kind, id));
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
    public event Action<string, LabActivity?>? LabChanged;

    /// <inheritdoc />
    public Task<LabDetails> WatchLabAsync(string labId) => connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), labId);

    /// <inheritdoc />
    public Task UnwatchLabAsync(string labId) => connection.State == HubConnectionState.Connected ? connection.InvokeAsync(nameof(ILiveHub.UnwatchLab), labId) : Task.CompletedTask;

    /// <inheritdoc />
    public event Action<string, PostView, ThreadSummary>? ThreadChanged;

    /// <inheritdoc />
    public event Action<NotificationItem, int>? Notified;

    /// <inheritdoc />
    public event Action<string, string>? AccessLost;

    /// <inheritdoc />
    public Task<ThreadView> WatchThreadAsync(string labId, string threadId) => connection.InvokeAsync<ThreadView>(nameof(ILiveHub.WatchThread), labId, threadId);

    /// <inheritdoc />
    public Task UnwatchThreadAsync(string threadId) => connection.State == HubConnectionState.Connected ? connection.InvokeAsync(nameof(ILiveHub.UnwatchThread), threadId) : Task.CompletedTask;

    /// <inheritdoc />
    public Task<NotificationList> WatchNotificationsAsync() => connection.InvokeAsync<NotificationList>(nameof(ILiveHub.WatchNotifications));

    /// <inheritdoc />
    public event Action<string, SessionView>? SessionChanged;

    /// <inheritdoc />
    public Task<SessionView> WatchSessionAsync(string labId, string sessionId) => connection.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), labId, sessionId);

    /// <inheritdoc />
    public Task UnwatchSessionAsync(string sessionId) => connection.State == HubConnectionState.Connected ? connection.InvokeAsync(nameof(ILiveHub.UnwatchSession), sessionId) : Task.CompletedTask;

    /// <inheritdoc />
    public event Action<string, VoteView>? VoteChanged;

    /// <inheritdoc />
    public Task<VoteAnswer> StartVoteAsync(string labId, string sessionId, StartVoteRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), labId, sessionId, request);

    /// <inheritdoc />
    public Task<VoteAnswer> CloseVoteAsync(string labId, string sessionId, string voteId) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), labId, sessionId, voteId);

    /// <inheritdoc />
    public Task<VoteAnswer> PlaceDotAsync(string labId, string sessionId, string voteId, DotRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, sessionId, voteId, request);

    /// <inheritdoc />
    public Task<VoteAnswer> RemoveDotAsync(string labId, string sessionId, string voteId, DotRequest request) => connection.InvokeAsync<VoteAnswer>(nameof(ILiveHub.RemoveDot), labId, sessionId, voteId, request);

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
    public async Task<IAsyncDisposable> WatchCityAsync(string cityId, Func<CityDto, Task> onChange)
    {
        var watcher = new CityWatcher(onChange);
        lock (cityWatchers)
        {
            if (!cityWatchers.TryGetValue(cityId, out var list))
            {
                cityWatchers[cityId] = list = [];
            }

            list.Add(watcher);
        }

        if (connection.State == HubConnectionState.Connected)
        {
            var served = Volatile.Read(ref generation);
            var current = await connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), cityId);

            // The connect loop may have re-watched every city meanwhile: the current state comes once.
            if (Claim(watcher, served))
            {
                await onChange(current);
            }
        }

        return new Watch(this, cityId, watcher);
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
        string[] cities;
        lock (cityWatchers)
        {
            cities = [.. cityWatchers.Keys];
        }

        foreach (var cityId in cities)
        {
            try
            {
                var current = await connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), cityId);
                CityWatcher[] watchers;
                lock (cityWatchers)
                {
                    watchers = cityWatchers.TryGetValue(cityId, out var list) ? [.. list] : [];
                }

                foreach (var watcher in watchers.Where(w => Claim(w, served)))
                {
                    await watcher.OnChange(current);
                }
            }
            catch (HubException)
            {
                // The city went away while we were offline: nothing to watch any more.
            }
        }
    }

    private async Task OnCityChangedAsync(CityDto city)
    {
        CityWatcher[] watchers;
        lock (cityWatchers)
        {
            watchers = cityWatchers.TryGetValue(city.Id, out var list) ? [.. list] : [];
        }

        foreach (var watcher in watchers)
        {
            await watcher.OnChange(city);
        }
    }

    /// <summary>Whether <paramref name="watcher"/> still needs the current state of connection <paramref name="served"/> (and now has it).</summary>
    private bool Claim(CityWatcher watcher, int served)
    {
        lock (cityWatchers)
        {
            if (watcher.ServedGeneration == served)
            {
                return false;
            }

            watcher.ServedGeneration = served;
            return true;
        }
    }

    private async Task UnwatchAsync(string cityId, CityWatcher watcher)
    {
        bool last;
        lock (cityWatchers)
        {
            last = cityWatchers.TryGetValue(cityId, out var list) && list.Remove(watcher) && list.Count == 0;
            if (last)
            {
                cityWatchers.Remove(cityId);
            }
        }

        if (last && connection.State == HubConnectionState.Connected)
        {
            await connection.InvokeAsync(nameof(ILiveHub.UnwatchCity), cityId);
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

    /// <summary>One watcher of a city, and the connection whose current state it was last given.</summary>
    private sealed class CityWatcher(Func<CityDto, Task> onChange)
    {
        public Func<CityDto, Task> OnChange { get; } = onChange;

        public int ServedGeneration { get; set; } = -1;
    }

    private sealed class Watch(LiveConnection owner, string cityId, CityWatcher watcher) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await owner.UnwatchAsync(cityId, watcher);
            }
        }
    }

    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            Backoff[Math.Min((int)retryContext.PreviousRetryCount, Backoff.Length - 1)];
    }
}
