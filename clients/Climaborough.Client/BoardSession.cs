namespace Climaborough.Client;

using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR;

/// <summary>How far the server has this client's changes.</summary>
public enum SyncState
{
    /// <summary>The server acknowledged everything.</summary>
    Saved,

    /// <summary>Changes are on their way.</summary>
    Saving,

    /// <summary>Not connected; changes wait (and survive a reload).</summary>
    Offline,

    /// <summary>The board does not exist, or this person may not (or no longer) see it: nothing is sent or received.</summary>
    NoAccess,
}

/// <summary>Where a board's unacknowledged changes wait (the browser's session storage; memory in tests).</summary>
public interface IPendingStore
{
    /// <summary>What was waiting for this board, if anything.</summary>
    Task<PendingChanges?> LoadAsync(string boardId);

    /// <summary>Replaces what waits for this board.</summary>
    Task SaveAsync(string boardId, PendingChanges pending);

    /// <summary>The copy of the board kept when the connection dropped, if any.</summary>
    Task<BoardCopy?> LoadCopyAsync(string boardId);

    /// <summary>Keeps a copy of the board, so a reload while offline still shows it.</summary>
    Task SaveCopyAsync(string boardId, BoardCopy copy);
}

/// <summary>A client id, its last used sequence number and the edits not yet acknowledged, in order.</summary>
public sealed record PendingChanges(string ClientId, long LastClientSeq, IReadOnlyList<BoardEdit> Edits);

/// <summary>The server's state of a board as this client last knew it.</summary>
public sealed record BoardCopy(BoardInfo Board, BoardSnapshot Snapshot);

/// <summary>
/// One board as a user works on it: the server's state (a <see cref="BoardReplica"/>) with the user's
/// own unacknowledged edits applied on top, so every change shows at once. Edits are sent one at a
/// time in order; while offline they wait in an <see cref="IPendingStore"/> and are resent after the
/// reconnect with the same ids, so nothing is lost or applied twice. An edit the server refuses is
/// dropped from the view (rolled back) and reported through <see cref="Rejected"/>.
/// </summary>
public sealed class BoardSession : IAsyncDisposable
{
    private readonly ILiveConnection live;
    private readonly IPendingStore store;
    private readonly BoardReplica replica = new();
    private readonly List<BoardEdit> pending = [];
    private readonly List<(BoardEdit Edit, long Seq)> echoes = [];
    private readonly Dictionary<string, Participant> participants = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim sending = new(1, 1);
    private Dictionary<string, BoardElement> view = new(StringComparer.Ordinal);
    private string clientId = NewClientId();
    private long lastClientSeq;
    private bool joined;
    private bool disposed;
    private bool noAccess;

    // The .NET client delivers hub events on other threads than the caller's: the lists and the
    // replica change only under this lock (in the browser there is one thread and it costs nothing).
    private readonly object sync = new();
    private PresenceUpdate lastPresence = new(null, null, []);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>A session on <paramref name="boardId"/>.</summary>
    public BoardSession(ILiveConnection live, IPendingStore store, string boardId)
    {
        this.live = live;
        this.store = store;
        BoardId = boardId;
    }

    /// <summary>The board.</summary>
    public string BoardId { get; }

    /// <summary>The board's metadata once joined.</summary>
    public BoardInfo? Board { get; private set; }

    /// <summary>This session's id among the participants.</summary>
    public string? SessionId { get; private set; }

    /// <summary>What the user sees: the server's state plus their waiting edits.</summary>
    public IReadOnlyDictionary<string, BoardElement> View => view;

    /// <summary>Others on the board.</summary>
    public IReadOnlyCollection<Participant> Participants => participants.Values;

    /// <summary>Edits not yet acknowledged.</summary>
    public int PendingCount => pending.Count;

    /// <summary>Saved, saving or offline.</summary>
    public SyncState Sync => noAccess ? SyncState.NoAccess : live.State != LiveState.Connected || !joined ? SyncState.Offline : pending.Count > 0 ? SyncState.Saving : SyncState.Saved;

    /// <summary>Raised when anything the user sees changed.</summary>
    public event Action? Changed;

    /// <summary>Raised when the server refused one of the user's edits (it was rolled back).</summary>
    public event Action<EditResult>? Rejected;

    /// <summary>Loads waiting edits, joins the board when connected, and keeps following it.</summary>
    public async Task StartAsync()
    {
        if (await store.LoadAsync(BoardId) is { } saved)
        {
            clientId = saved.ClientId;
            lastClientSeq = saved.LastClientSeq;
            pending.AddRange(saved.Edits);
        }

        if (await store.LoadCopyAsync(BoardId) is { } copy)
        {
            // Shown at once (also while offline); joining then brings only what changed since.
            replica.Load(new BoardJoin(copy.Board, copy.Snapshot, [], [], string.Empty));
            Board = copy.Board;
        }

        live.BoardOps += OnBoardOps;
        live.PresenceChanged += OnPresenceChanged;
        live.PresenceLeft += OnPresenceLeft;
        live.Connected += OnConnectedAsync;
        live.StateChanged += OnStateChanged;
        live.AccessLost += OnAccessLost;
        Recompute();
        if (live.State == LiveState.Connected)
        {
            await OnConnectedAsync();
        }

        _ = HeartbeatAsync(stopping.Token);
    }

    /// <summary>How often presence is repeated while nothing moves (the board drops a participant silent for 5 s).</summary>
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(2);

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await UpdatePresenceAsync(lastPresence);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Applies the user's changes now and sends them (or keeps them while offline).</summary>
    public async Task ApplyAsync(IReadOnlyList<ElementChange> changes)
    {
        // One edit per message the server accepts: a big change (moving 400 notes) goes as several
        // edits in order, each applied whole (a frame's move, with what it holds, is one change).
        lock (sync)
        {
            foreach (var part in Split(changes))
            {
                pending.Add(new BoardEdit(clientId, ++lastClientSeq, part));
            }
        }

        await PersistAsync();
        Recompute();
        await SendPendingAsync();
    }

    /// <summary>Undoes the user's last edit (online only; the result arrives as an op).</summary>
    public async Task<EditResult> UndoAsync() => await UndoRedoAsync(redo: false);

    /// <summary>Redoes the user's last undo.</summary>
    public async Task<EditResult> RedoAsync() => await UndoRedoAsync(redo: true);

    /// <summary>Restores a stored version (online only; it arrives as an op, and can be undone).</summary>
    public async Task<EditResult> RestoreVersionAsync(long versionSeq)
    {
        if (Sync == SyncState.Offline)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.Unavailable, Error: "Restoring needs a connection.");
        }

        await SendPendingAsync();
        var seq = ++lastClientSeq;
        await PersistAsync();
        return await live.RestoreVersionAsync(BoardId, clientId, seq, versionSeq);
    }

    /// <summary>Sends the cursor and selection (dropped while offline).</summary>
    public async Task UpdatePresenceAsync(PresenceUpdate presence)
    {
        lastPresence = presence;
        if (live.State == LiveState.Connected && joined && !disposed)
        {
            try
            {
                await live.UpdatePresenceAsync(BoardId, presence);
            }
            catch (Exception) when (live.State != LiveState.Connected)
            {
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        disposed = true;
        stopping.Cancel();
        stopping.Dispose();
        live.BoardOps -= OnBoardOps;
        live.PresenceChanged -= OnPresenceChanged;
        live.PresenceLeft -= OnPresenceLeft;
        live.Connected -= OnConnectedAsync;
        live.StateChanged -= OnStateChanged;
        live.AccessLost -= OnAccessLost;
        sending.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<EditResult> UndoRedoAsync(bool redo)
    {
        if (Sync == SyncState.Offline)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.Unavailable, Error: "Undo needs a connection.");
        }

        await SendPendingAsync();
        var seq = ++lastClientSeq;
        await PersistAsync();
        return redo ? await live.RedoAsync(BoardId, clientId, seq) : await live.UndoAsync(BoardId, clientId, seq);
    }

    private async Task OnConnectedAsync()
    {
        if (disposed)
        {
            return;
        }

        joined = false;
        BoardJoin join;
        try
        {
            join = await live.JoinBoardAsync(BoardId, replica.Seq);
        }
        catch (HubException ex) when (IsRefusal(ex) || ex.Message.StartsWith(ErrorCodes.InvalidArgument, StringComparison.Ordinal))
        {
            // Not there, or not for this person: say so, instead of looking offline for ever. (A join's
            // only argument is the board id: a malformed one names no board either.)
            noAccess = true;
            Changed?.Invoke();
            return;
        }

        noAccess = false;
        lock (sync)
        {
            replica.Load(join);
        }

        Board = join.Board;
        SessionId = join.SessionId;
        participants.Clear();
        foreach (var p in join.Participants.Where(p => p.SessionId != join.SessionId))
        {
            participants[p.SessionId] = p;
        }

        joined = true;
        Recompute();
        await SendPendingAsync();
    }

    private async Task SendPendingAsync()
    {
        if (!await sending.WaitAsync(0))
        {
            return;
        }

        try
        {
            while (pending.Count > 0 && joined && live.State == LiveState.Connected && !disposed)
            {
                BoardEdit edit;
                lock (sync)
                {
                    edit = pending[0];
                }

                EditResult result;
                try
                {
                    result = await live.EditAsync(BoardId, edit);
                }
                catch (HubException ex) when (IsRefusal(ex))
                {
                    // Access ended: the edits stay stored (nothing is thrown away), but nothing more is sent.
                    noAccess = true;
                    break;
                }
                catch (Exception)
                {
                    // Offline: the edit stays first in line and goes again after the reconnect.
                    break;
                }

                if (result.ErrorCode is ErrorCodes.RateLimited or ErrorCodes.Unavailable or ErrorCodes.OutOfOrder)
                {
                    await Task.Delay(500);
                    continue;
                }

                lock (sync)
                {
                    pending.RemoveAt(0);
                    if (result.Ok && result.Seq is { } seq && seq > replica.Seq)
                    {
                        // Keep showing it until the op itself arrives, so nothing flickers.
                        echoes.Add((edit, seq));
                    }
                }

                if (!result.Ok)
                {
                    Rejected?.Invoke(result);
                }

                await PersistAsync();
                Recompute();
            }
        }
        finally
        {
            sending.Release();
        }
    }

    private void OnBoardOps(string boardId, IReadOnlyList<AppliedOp> ops)
    {
        if (boardId != BoardId)
        {
            return;
        }

        lock (sync)
        {
            foreach (var op in ops)
            {
                replica.Receive(op);
            }

            echoes.RemoveAll(e => e.Seq <= replica.Seq);
        }

        Recompute();
    }

    private void OnPresenceChanged(string boardId, Participant participant)
    {
        if (boardId == BoardId && participant.SessionId != SessionId)
        {
            participants[participant.SessionId] = participant;
            Changed?.Invoke();
        }
    }

    private void OnPresenceLeft(string boardId, string sessionId)
    {
        if (boardId == BoardId && participants.Remove(sessionId))
        {
            Changed?.Invoke();
        }
    }

    private void OnStateChanged(LiveState state)
    {
        if (state != LiveState.Connected)
        {
            // Whoever we saw may have left meanwhile; the re-join tells us who is there.
            var wasJoined = joined;
            joined = false;
            participants.Clear();
            if (wasJoined && Board is { } board && !disposed)
            {
                BoardSnapshot copy;
                lock (sync)
                {
                    copy = new BoardSnapshot(replica.Seq, [.. replica.Elements.Values]);
                }

                _ = store.SaveCopyAsync(BoardId, new BoardCopy(board, copy));
            }
        }

        Changed?.Invoke();
    }

    private void OnAccessLost(string kind, string id)
    {
        if (kind == TopicKinds.Board && id == BoardId)
        {
            noAccess = true;
            joined = false;
            participants.Clear();
            Changed?.Invoke();
        }
    }

    private static bool IsRefusal(HubException ex) =>
        ex.Message.Contains(ErrorCodes.NotFound, StringComparison.Ordinal) || ex.Message.Contains(ErrorCodes.Unauthorized, StringComparison.Ordinal);

    /// <summary>Room left in a hub message for the edit's envelope (ids, the method name, framing).</summary>
    private const int EnvelopeBytes = 1024;

    /// <summary>Splits changes into runs that each fit one hub message and the per-op change limit, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<ElementChange>> Split(IReadOnlyList<ElementChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var parts = new List<IReadOnlyList<ElementChange>>();
        var current = new List<ElementChange>();
        var size = 0;
        foreach (var change in changes)
        {
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(change, BoardJson.Options).Length + 1;
            if (current.Count > 0 && (size + bytes > BoardLimits.MaxHubMessageBytes - EnvelopeBytes || current.Count >= BoardLimits.MaxChangesPerOp))
            {
                parts.Add(current);
                current = [];
                size = 0;
            }

            current.Add(change);
            size += bytes;
        }

        if (current.Count > 0 || parts.Count == 0)
        {
            parts.Add(current);
        }

        return parts;
    }

    private Task PersistAsync()
    {
        PendingChanges saved;
        lock (sync)
        {
            saved = new PendingChanges(clientId, lastClientSeq, [.. pending]);
        }

        return store.SaveAsync(BoardId, saved);
    }

    /// <summary>The server's state with the user's acknowledged-but-not-yet-seen and waiting edits on top.</summary>
    private void Recompute()
    {
        lock (sync)
        {
            var next = new Dictionary<string, BoardElement>(replica.Elements, StringComparer.Ordinal);
            foreach (var edit in echoes.Select(e => e.Edit).Concat(pending))
            {
                foreach (var change in edit.Changes)
                {
                    ApplyOptimistically(next, change);
                }
            }

            view = next;
        }

        Changed?.Invoke();
    }

    private static void ApplyOptimistically(Dictionary<string, BoardElement> elements, ElementChange change)
    {
        switch (change.Type)
        {
            case ChangeType.Create when change.Element is { } e && !elements.ContainsKey(change.Id):
                elements[change.Id] = e with { Deleted = false };
                break;
            case ChangeType.Update when change.Patch is { } p && elements.TryGetValue(change.Id, out var e) && !e.Deleted:
                elements[change.Id] = BoardOpApplier.ApplyPatch(e, p);
                break;
            case ChangeType.Delete when elements.TryGetValue(change.Id, out var e):
                elements[change.Id] = e with { Deleted = true };
                break;
            case ChangeType.Restore when elements.TryGetValue(change.Id, out var e):
                elements[change.Id] = e with { Deleted = false };
                break;
        }
    }

    private static string NewClientId() => "c" + Guid.NewGuid().ToString("N")[..16];
}
