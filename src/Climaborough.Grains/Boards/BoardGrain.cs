namespace Climaborough.Grains.Boards;

using System.Text.Json;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Storage;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

/// <summary>
/// One board. Reentrant so that ops arriving while a log write is in flight are applied in memory
/// (each in one synchronous turn, so ordering and validation are atomic) and then written together in
/// the next write: group commit. An op is acknowledged and broadcast only after its write returned.
/// </summary>
[Reentrant]
public sealed class BoardGrain(
    [PersistentState("board")] IPersistentState<BoardState> state,
    IAppendLogStore logs,
    IFileStore files,
    IOptions<BoardOptions> options,
    TimeProvider time,
    ILogger<BoardGrain> logger) : TopicGrain(logger), IBoardGrain
{
    private static readonly JsonSerializerOptions Json = BoardJson.Options;
    private static readonly string[] Palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990", "#9a6324", "#800000"];

    private readonly BoardOptions settings = options.Value;
    private readonly BoardModel model = new();
    private readonly ClientMarks marks = new();
    private readonly Dictionary<string, List<UndoEntry>> undo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<UndoEntry>> redo = new(StringComparer.Ordinal);
    private readonly List<AppliedOp> recent = [];
    private readonly Dictionary<string, int> editsSinceVersion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Participant Participant, DateTimeOffset LastSeen)> presence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private List<Pending> pending = [];
    private List<Pending> inFlight = [];
    private bool flushing;
    private Exception? broken;
    private long seq;
    private long durableSeq;
    private BoardSnapshot memorySnapshot = new(0, []);
    private DateTimeOffset lastVersionAt;
    private IGrainTimer? presenceTimer;

    private string Id => this.GetPrimaryKeyString();

    private string Topic => TopicNames.Board(Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Created)
        {
            return;
        }

        // Any failure here fails the activation: a board never starts empty over stored content.
        lastVersionAt = state.State.CreatedAt;
        if (state.State.Versions.LastOrDefault() is { } version)
        {
            var file = await files.GetAsync(version.FileName, cancellationToken)
                ?? throw new InvalidDataException($"Board {Id}: snapshot {version.FileName} is missing.");
            StoredSnapshot? snapshot;
            try
            {
                snapshot = JsonSerializer.Deserialize<StoredSnapshot>(file.Content, Json);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Board {Id}: snapshot {version.FileName} cannot be read; refusing to activate.", ex);
            }

            if (snapshot is null)
            {
                throw new InvalidDataException($"Board {Id}: snapshot {version.FileName} is empty; refusing to activate.");
            }

            model.Load(snapshot.Elements);
            marks.Load(snapshot.Clients);

            seq = snapshot.Seq;
            memorySnapshot = new BoardSnapshot(seq, snapshot.Elements);
            lastVersionAt = version.At;
        }

        // Also the ops just behind the snapshot (not replayed: the snapshot holds them), so that a client
        // slightly behind it still gets only the ops it missed after a restart, as before it.
        var keepFrom = Math.Max(1, seq - settings.KeepOpsBehindSnapshot + 1);
        for (var segment = SegmentOf(Math.Min(keepFrom, seq + 1)); ; segment++)
        {
            var records = await logs.ReadAllAsync(SegmentName(segment), cancellationToken);
            if (records.Count == 0)
            {
                break;
            }

            foreach (var record in records)
            {
                var op = JsonSerializer.Deserialize<AppliedOp>(record, Json) ?? throw new InvalidDataException($"Board {Id}: empty log record.");
                if (op.Seq <= seq)
                {
                    if (op.Seq >= keepFrom && (recent.Count == 0 || op.Seq > recent[^1].Seq))
                    {
                        recent.Add(op);
                    }

                    continue;
                }

                if (op.Seq != seq + 1)
                {
                    throw new InvalidDataException($"Board {Id}: log jumps from {seq} to {op.Seq}.");
                }

                model.Replay(op);
                marks.MarkApplied(op.ClientId, op.ClientSeq, op.Seq);
                recent.Add(op);
                seq = op.Seq;
            }
        }

        durableSeq = seq;
    }

    public async Task<LabOutcome<BoardInfo>> CreateAsync(Actor actor, string title, string? labId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state.State.Created)
        {
            return new(null, LabErrors.Conflict, $"Board {Id} exists already.");
        }

        if (TitleProblem(title) is { } problem)
        {
            return new(null, LabErrors.Invalid, problem);
        }

        IWorkspaceGrain? lab = null;
        if (labId is not null)
        {
            // Creating a board in a lab needs Contribute there; who may not read the lab learns nothing of it.
            lab = LabIds.IsValid(labId) ? GrainFactory.GetGrain<IWorkspaceGrain>(labId) : null;
            var access = lab is null ? LabAccess.None : await lab.AccessAsync(actor);
            if (access.Refuse<BoardInfo>(LabAction.Contribute, "There is no such lab.", "Creating boards needs the member role in this lab.") is { } refused)
            {
                return refused;
            }
        }

        state.State = new BoardState { Created = true, Title = title.Trim(), LabId = labId, OwnerId = actor.UserId, CreatedAt = time.GetUtcNow() };
        lastVersionAt = state.State.CreatedAt;
        await state.WriteStateAsync();
        if (lab is not null)
        {
            await lab.AddContentAsync(actor, new LabContent("board", Id, state.State.Title, state.State.CreatedAt));
        }

        return new(Info());
    }

    public async Task<LabOutcome<BoardInfo>> ViewAsync(Actor? actor) =>
        await RefuseAsync<BoardInfo>(actor, LabAction.Read) ?? new(Info());

    public async Task<LabOutcome<BoardJoin>> JoinAsync(Actor actor, long lastSeq, Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (await RefuseAsync<BoardJoin>(actor, LabAction.Read) is { } refused)
        {
            return refused;
        }

        names[actor.UserId] = actor.Name;
        BoardSnapshot? snapshot = null;
        IReadOnlyList<AppliedOp> ops;
        var tailStart = recent.Count > 0 ? recent[0].Seq : durableSeq + 1;
        if (lastSeq >= 0 && lastSeq <= durableSeq && lastSeq >= tailStart - 1 && !(lastSeq == 0 && memorySnapshot.Seq > 0))
        {
            ops = DurableOpsAfter(lastSeq);
        }
        else
        {
            // New, far behind, or claiming ops this board never had: start again from a snapshot.
            snapshot = memorySnapshot;
            ops = DurableOpsAfter(snapshot.Seq);
        }

        var me = participant with { UserId = actor.UserId, Color = ColorFor(actor.UserId), CursorX = null, CursorY = null, Selection = [] };
        presence[me.SessionId] = (me, time.GetUtcNow());
        EnsurePresenceTimer();
        Watchers.Publish(new BoardPresenceChanged(Topic, Id, me));
        return new(new BoardJoin(Info(), snapshot, ops, [.. presence.Values.Select(p => p.Participant)], me.SessionId));
    }

    public async Task<LabOutcome<IReadOnlyList<AppliedOp>>> OpsAfterAsync(Actor actor, long afterSeq) =>
        await RefuseAsync<IReadOnlyList<AppliedOp>>(actor, LabAction.Read) ?? new(DurableOpsAfter(afterSeq));

    public Task LeaveAsync(string sessionId)
    {
        if (presence.Remove(sessionId))
        {
            Watchers.Publish(new BoardPresenceLeft(Topic, Id, sessionId));
        }

        return Task.CompletedTask;
    }

    public Task UpdatePresenceAsync(Participant participant)
    {
        if (!presence.TryGetValue(participant.SessionId, out var known) || known.Participant.UserId != participant.UserId)
        {
            return Task.CompletedTask;
        }

        var updated = known.Participant with
        {
            CursorX = participant.CursorX is { } x && double.IsFinite(x) ? x : null,
            CursorY = participant.CursorY is { } y && double.IsFinite(y) ? y : null,
            Selection = [.. (participant.Selection ?? []).Where(BoardModel.IsValidId).Take(500)],
            View = participant.View is { IsValid: true } view ? view : null,
        };
        presence[participant.SessionId] = (updated, time.GetUtcNow());
        Watchers.Publish(new BoardPresenceChanged(Topic, Id, updated));
        return Task.CompletedTask;
    }

    public async Task<EditResult> EditAsync(Actor actor, BoardEdit edit)
    {
        if (await RefuseEditAsync(actor) is { } refused)
        {
            return refused;
        }

        if (edit is null)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Invalid, Error: "An edit is required.");
        }

        return await ApplyAsync(actor, edit.ClientId, edit.ClientSeq, OpKind.Edit, () => edit.Changes);
    }

    public async Task<EditResult> UndoAsync(Actor actor, string clientId, long clientSeq) =>
        await RefuseEditAsync(actor) ?? await UndoOrRedoAsync(actor, clientId, clientSeq, undo, OpKind.Undo);

    public async Task<EditResult> RedoAsync(Actor actor, string clientId, long clientSeq) =>
        await RefuseEditAsync(actor) ?? await UndoOrRedoAsync(actor, clientId, clientSeq, redo, OpKind.Redo);

    public async Task<EditResult> RestoreVersionAsync(Actor actor, string clientId, long clientSeq, long versionSeq)
    {
        if (await RefuseEditAsync(actor) is { } refused)
        {
            return refused;
        }

        var version = state.State.Versions.FirstOrDefault(v => v.Seq == versionSeq);
        if (version is null)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.NotFound, Error: $"There is no version {versionSeq}.");
        }

        var file = await files.GetAsync(version.FileName) ?? throw new InvalidDataException($"Snapshot {version.FileName} is missing.");
        var target = JsonSerializer.Deserialize<StoredSnapshot>(file.Content, Json)!.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);

        // Computed in the same turn as the op is applied, so it diffs against exactly the state it changes.
        return await ApplyAsync(actor, clientId, clientSeq, OpKind.RestoreVersion, () => DiffTo(target));
    }

    public async Task<LabOutcome<BoardSnapshot>> GetVersionAsync(Actor? actor, long versionSeq)
    {
        if (await RefuseAsync<BoardSnapshot>(actor, LabAction.Read) is { } refused)
        {
            return refused;
        }

        var version = state.State.Versions.FirstOrDefault(v => v.Seq == versionSeq);
        if (version is null)
        {
            return new(null, LabErrors.NotFound, $"Board '{Id}' has no version {versionSeq}.", BoardErrorCodes.NotFound);
        }

        var file = await files.GetAsync(version.FileName) ?? throw new InvalidDataException($"Snapshot {version.FileName} is missing.");
        var stored = JsonSerializer.Deserialize<StoredSnapshot>(file.Content, Json)!;
        return new(new BoardSnapshot(version.Seq, [.. stored.Elements.Where(e => !e.Deleted)]));
    }

    public async Task<LabOutcome<IReadOnlyList<BoardVersion>>> ListVersionsAsync(Actor? actor) =>
        await RefuseAsync<IReadOnlyList<BoardVersion>>(actor, LabAction.Read)
        ?? new([.. state.State.Versions.Select(v => new BoardVersion(v.Seq, v.At, v.ElementCount, v.EditsByAuthor))]);

    public async Task<LabOutcome<BoardExport>> ExportAsync(Actor? actor)
    {
        if (await RefuseAsync<BoardExport>(actor, LabAction.Read) is { } refused)
        {
            return refused;
        }

        var elements = DurableElements().Where(e => !e.Deleted).OrderBy(e => e.Z).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return new(new BoardExport(BoardExport.FormatName, 1, state.State.Title, time.GetUtcNow(), durableSeq, elements));
    }

    public async Task<LabOutcome<BoardInfo>> ImportAsync(Actor actor, string title, string? labId, BoardExport content)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state.State.Created)
        {
            return new(null, LabErrors.Conflict, "Import creates a new board.");
        }

        if (content is null || content.Format != BoardExport.FormatName || content.Version != 1 || content.Elements is null)
        {
            return new(null, LabErrors.Invalid, $"This is not a {BoardExport.FormatName} version 1 export.");
        }

        // Connectors after what they join, so that one pass validates every reference.
        var changes = content.Elements.OrderBy(e => e?.Kind == ElementKind.Connector ? 1 : 0)
            .Select(e => new ElementChange(ChangeType.Create, e?.Id ?? string.Empty, e)).ToList();
        var (_, error) = model.Prepare(actor.UserId, changes, OpKind.Import, time.GetUtcNow());
        if (error is not null)
        {
            return new(null, LabErrors.Invalid, error.Error, error.ErrorCode);
        }

        var created = await CreateAsync(actor, title, labId);
        if (!created.Ok)
        {
            return created;
        }

        var result = await ApplyAsync(actor, "import", 1, OpKind.Import, () => changes);
        return result.Ok ? new(Info()) : new(null, LabErrors.Invalid, result.Error, result.ErrorCode);
    }

    public async Task<EditResult> SetLockedAsync(Actor actor, bool locked)
    {
        if (await RefuseEditAsync(actor, LabAction.Read) is { } refused)
        {
            return refused;
        }

        if (actor.UserId != state.State.OwnerId)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Forbidden, Error: "Only the board's owner locks and unlocks it.");
        }

        state.State.Locked = locked;
        await state.WriteStateAsync();
        Watchers.Publish(new BoardChanged(Topic, Info()));
        return new EditResult(true, durableSeq);
    }

    private async Task<EditResult> UndoOrRedoAsync(Actor actor, string clientId, long clientSeq, Dictionary<string, List<UndoEntry>> stacks, OpKind kind)
    {
        UndoEntry? entry = null;
        var result = await ApplyAsync(actor, clientId, clientSeq, kind, () =>
        {
            var stack = stacks.GetValueOrDefault(actor.UserId);
            while (stack is { Count: > 0 })
            {
                entry = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                var changes = Inverse(entry);
                if (changes.Count > 0)
                {
                    return changes;
                }
            }

            entry = null;
            return null;
        });
        return result;
    }

    /// <summary>
    /// The core: dedupe, validate and apply in this turn; then wait for the group commit.
    /// <paramref name="changes"/> is evaluated in the same turn, against the state the op applies to.
    /// </summary>
    private async Task<EditResult> ApplyAsync(Actor actor, string clientId, long clientSeq, OpKind kind, Func<IReadOnlyList<ElementChange>?> changes)
    {
        var userId = actor.UserId;
        if (!state.State.Created)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.NoSuchBoard, Error: $"There is no board {Id}.");
        }

        if (broken is not null)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Unavailable, Error: "The board's storage failed; try again in a moment.");
        }

        if (!BoardModel.IsValidId(clientId) || clientSeq <= 0)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Invalid, Error: "An op needs a client id (1 to 64 letters, digits, '-' or '_') and a positive client sequence number.");
        }

        if (marks.IsApplied(clientId, clientSeq, out var knownSeq))
        {
            // A retry: applied once already. Answer only once that op is durable, like the first time.
            await WaitDurableAsync(knownSeq ?? durableSeq);
            return new EditResult(true, knownSeq, Duplicate: true);
        }

        if (marks.IsTooFarAhead(clientId, clientSeq))
        {
            // Too far ahead of the client's oldest op not yet applied for the board to remember exactly:
            // refused (nothing applied), never acknowledged; the client sends the earlier ops first.
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.OutOfOrder, Error: $"Op {clientSeq} is more than {BoardLimits.MaxClientSeqAhead} ahead of op {marks.Floor(clientId) + 1}, which this board has not received; send that first.");
        }

        if (state.State.Locked && kind != OpKind.Import)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Locked, Error: "The board is locked.");
        }

        var now = time.GetUtcNow();
        var requested = changes();
        if (requested is null)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.NothingToUndo, Error: kind == OpKind.Redo ? "Nothing of yours to redo." : "Nothing of yours to undo.");
        }

        var (prepared, error) = model.Prepare(userId, requested, kind, now);
        if (prepared is null)
        {
            BoardMetrics.OpsRefused.Add(1, new KeyValuePair<string, object?>("code", error!.ErrorCode));
            return error;
        }

        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();

        model.Commit(prepared);
        names[userId] = actor.Name;
        var op = new AppliedOp(++seq, clientId, clientSeq, userId, now, kind, prepared.Changes);
        marks.MarkApplied(clientId, clientSeq, op.Seq);
        RecordUndo(userId, kind, op.Seq, prepared);

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add(new Pending(op, prepared.Befores, done));
        if (!flushing)
        {
            // Set before the loop starts: the loop may complete synchronously when storage answers at once.
            flushing = true;
            _ = FlushAsync();
        }
        try
        {
            await done.Task;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board {BoardId}: op {Seq} was not written", Id, op.Seq);
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Unavailable, Error: "The board's storage failed; try again in a moment.");
        }

        BoardMetrics.AckLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
        return new EditResult(true, op.Seq);
    }

    private async Task FlushAsync()
    {
        try
        {
            while (pending.Count > 0)
            {
                inFlight = pending;
                pending = [];
                var writeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    foreach (var segment in inFlight.GroupBy(p => SegmentOf(p.Op.Seq)))
                    {
                        await logs.AppendAsync(SegmentName(segment.Key), [.. segment.Select(p => (ReadOnlyMemory<byte>)JsonSerializer.SerializeToUtf8Bytes(p.Op, Json))]);
                    }
                }
                catch (Exception ex)
                {
                    // Memory now holds ops that are not stored. Refuse everything and reload from storage.
                    broken = ex;
                    foreach (var p in inFlight.Concat(pending))
                    {
                        p.Done.TrySetException(ex);
                    }

                    pending = [];
                    inFlight = [];
                    DeactivateOnIdle();
                    return;
                }

                BoardMetrics.StorageLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(writeStarted).TotalMilliseconds);
                BoardMetrics.BatchSize.Record(inFlight.Count);
                BoardMetrics.OpsApplied.Add(inFlight.Count);
                var ops = inFlight.Select(p => p.Op).ToList();
                durableSeq = ops[^1].Seq;
                foreach (var op in ops)
                {
                    editsSinceVersion[op.UserId] = editsSinceVersion.GetValueOrDefault(op.UserId) + 1;
                }

                recent.AddRange(ops);
                Watchers.Publish(new BoardOpsApplied(Topic, Id, ops));
                RecordActivity(ops);
                foreach (var p in inFlight)
                {
                    p.Done.TrySetResult();
                }

                inFlight = [];
                await StoreVersionIfDueAsync();
            }
        }
        finally
        {
            flushing = false;
        }
    }

    private async Task StoreVersionIfDueAsync()
    {
        var lastVersionSeq = state.State.Versions.LastOrDefault()?.Seq ?? 0;
        var now = time.GetUtcNow();
        if (durableSeq == lastVersionSeq || (durableSeq - lastVersionSeq < settings.SnapshotEveryOps && now - lastVersionAt < settings.SnapshotEvery))
        {
            return;
        }

        // The state at durableSeq: the current state without the ops applied since (still pending).
        var at = durableSeq;
        var elements = model.Before(pending.Select(p => p.Befores));
        var clientsAt = marks.At(at);
        var fileName = $"boards/{Id}/snapshots/{at:D12}.json";
        try
        {
            await files.PutAsync(fileName, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new StoredSnapshot(at, elements, clientsAt), Json)), "application/json");
            state.State.Versions.Add(new StoredVersion(at, now, elements.Count(e => !e.Deleted), new Dictionary<string, int>(editsSinceVersion, StringComparer.Ordinal), fileName));
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Not fatal: the log still holds every op; the next flush tries again.
            logger.LogWarning(ex, "Board {BoardId}: could not store the version at {Seq}", Id, at);
            return;
        }

        editsSinceVersion.Clear();
        lastVersionAt = now;
        memorySnapshot = new BoardSnapshot(at, elements);
        recent.RemoveAll(op => op.Seq <= at - settings.KeepOpsBehindSnapshot);
    }

    /// <summary>
    /// The lab's activity feed: one one-way line per person per written batch ("Maria added 12 notes to
    /// 'Traffic co-design'"), not one write of the lab per op.
    /// </summary>
    private void RecordActivity(List<AppliedOp> ops)
    {
        if (state.State.LabId is not { } labId)
        {
            return;
        }

        var lab = GrainFactory.GetGrain<IWorkspaceGrain>(labId);
        foreach (var byUser in ops.Where(o => o.Kind == OpKind.Edit).GroupBy(o => o.UserId, StringComparer.Ordinal))
        {
            var notes = byUser.Sum(o => o.Changes.Count(c => c.Type == ChangeType.Create && c.Element?.Kind == ElementKind.Note));
            if (notes > 0)
            {
                _ = lab.RecordAsync(new Actor(byUser.Key, names.GetValueOrDefault(byUser.Key) ?? byUser.Key, null), "added-notes", [notes.ToString(System.Globalization.CultureInfo.InvariantCulture), state.State.Title]);
            }
        }
    }

    /// <summary>What <paramref name="actor"/> may do on this board: its lab decides; a board outside labs is open to anyone signed in.</summary>
    private async Task<LabAccess> AccessAsync(Actor? actor)
    {
        if (!state.State.Created)
        {
            return LabAccess.None;
        }

        if (state.State.LabId is { } labId)
        {
            return await GrainFactory.GetGrain<IWorkspaceGrain>(labId).AccessAsync(actor);
        }

        return actor is null ? LabAccess.None : new LabAccess(null, Read: true, Contribute: true, Participate: true, Moderate: false);
    }

    /// <summary>Null when allowed; who may not read gets the answer for a board that does not exist.</summary>
    private async Task<LabOutcome<T>?> RefuseAsync<T>(Actor? actor, LabAction action) =>
        (await AccessAsync(actor)).Refuse<T>(action, $"There is no board '{Id}'.", "Your role in this board's lab does not allow this.");

    /// <summary>The same for ops: <c>no-such-board</c> for who may not read, <c>forbidden</c> for readers who may not edit.</summary>
    private async Task<EditResult?> RefuseEditAsync(Actor actor, LabAction action = LabAction.Contribute)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        return !access.Read ? new EditResult(false, null, ErrorCode: BoardErrorCodes.NoSuchBoard, Error: $"There is no board '{Id}'.")
            : !access.Allows(action) ? new EditResult(false, null, ErrorCode: BoardErrorCodes.Forbidden, Error: "Editing this board needs the member role in its living lab.")
            : null;
    }

    private void RecordUndo(string userId, OpKind kind, long opSeq, PreparedOp prepared)
    {
        if (prepared.Changes.Count == 0)
        {
            return;
        }

        var entry = new UndoEntry(opSeq, [.. prepared.Afters.Select(a => (a.Key, prepared.Befores[a.Key], a.Value))]);
        switch (kind)
        {
            case OpKind.Undo:
                Push(redo, userId, entry);
                break;
            case OpKind.Redo:
                Push(undo, userId, entry);
                break;
            default:
                Push(undo, userId, entry);
                redo.Remove(userId);
                break;
        }
    }

    private void Push(Dictionary<string, List<UndoEntry>> stacks, string userId, UndoEntry entry)
    {
        if (!stacks.TryGetValue(userId, out var stack))
        {
            stacks[userId] = stack = [];
        }

        stack.Add(entry);
        if (stack.Count > settings.UndoDepth)
        {
            stack.RemoveAt(0);
        }
    }

    /// <summary>
    /// The changes that take back one of the user's ops, touching only what nobody changed since: a
    /// property someone else set afterwards keeps their value.
    /// </summary>
    private List<ElementChange> Inverse(UndoEntry entry)
    {
        var changes = new List<ElementChange>();
        foreach (var (id, before, after) in entry.Touched.OrderBy(t => t.After.Kind == ElementKind.Connector ? 0 : 1))
        {
            if (!model.Elements.TryGetValue(id, out var now))
            {
                continue;
            }

            if (before is null)
            {
                if (!now.Deleted)
                {
                    changes.Add(new ElementChange(ChangeType.Delete, id));
                }

                continue;
            }

            if (before.Deleted != after.Deleted)
            {
                if (now.Deleted == after.Deleted)
                {
                    changes.Add(new ElementChange(before.Deleted ? ChangeType.Delete : ChangeType.Restore, id));
                }

                continue;
            }

            if (now.Deleted)
            {
                continue;
            }

            var patch = new ElementPatch(
                X: before.X != after.X && now.X == after.X ? before.X : null,
                Y: before.Y != after.Y && now.Y == after.Y ? before.Y : null,
                Width: before.Width != after.Width && now.Width == after.Width ? before.Width : null,
                Height: before.Height != after.Height && now.Height == after.Height ? before.Height : null,
                Z: before.Z != after.Z && now.Z == after.Z ? before.Z : null,
                Color: before.Color != after.Color && now.Color == after.Color ? before.Color : null,
                Text: before.Text != after.Text && now.Text == after.Text ? before.Text : null,
                From: before.From != after.From && now.From == after.From ? before.From : null,
                To: before.To != after.To && now.To == after.To ? before.To : null,
                FileRef: before.FileRef != after.FileRef && now.FileRef == after.FileRef ? before.FileRef : null);
            if (patch != new ElementPatch())
            {
                changes.Add(new ElementChange(ChangeType.Update, id, Patch: patch));
            }
        }

        // Restores and creations before connectors that need them; deletions of connectors first.
        return [.. changes.OrderBy(c => Order(c, model.Elements.GetValueOrDefault(c.Id)))];
    }

    private List<ElementChange> DiffTo(Dictionary<string, BoardElement> target)
    {
        var changes = new List<ElementChange>();
        foreach (var current in model.Elements.Values.Where(e => !e.Deleted && !(target.TryGetValue(e.Id, out var t) && !t.Deleted)))
        {
            changes.Add(new ElementChange(ChangeType.Delete, current.Id));
        }

        foreach (var wanted in target.Values.Where(e => !e.Deleted))
        {
            if (!model.Elements.TryGetValue(wanted.Id, out var current))
            {
                changes.Add(new ElementChange(ChangeType.Create, wanted.Id, wanted));
                continue;
            }

            if (current.Deleted)
            {
                changes.Add(new ElementChange(ChangeType.Restore, wanted.Id));
            }

            if (BoardModel.Diff(current, wanted) is { } patch)
            {
                changes.Add(new ElementChange(ChangeType.Update, wanted.Id, Patch: patch));
            }
        }

        return [.. changes.OrderBy(c => Order(c, target.GetValueOrDefault(c.Id) ?? model.Elements.GetValueOrDefault(c.Id)))];
    }

    private static int Order(ElementChange change, BoardElement? element)
    {
        var connector = element?.Kind == ElementKind.Connector;
        return change.Type switch
        {
            ChangeType.Delete => connector ? 0 : 1,
            _ when !connector => change.Type == ChangeType.Update ? 3 : 2,
            _ => change.Type == ChangeType.Update ? 5 : 4,
        };
    }

    private List<BoardElement> DurableElements() =>
        pending.Count == 0 && inFlight.Count == 0
            ? [.. model.Elements.Values]
            : model.Before(inFlight.Concat(pending).Select(p => p.Befores));

    private List<AppliedOp> DurableOpsAfter(long after)
    {
        var index = recent.FindIndex(op => op.Seq > after);
        return index < 0 ? [] : recent.GetRange(index, recent.Count - index);
    }

    private Task WaitDurableAsync(long opSeq)
    {
        if (opSeq <= durableSeq)
        {
            return Task.CompletedTask;
        }

        var waiting = inFlight.Concat(pending).FirstOrDefault(p => p.Op.Seq == opSeq);
        return waiting?.Done.Task ?? Task.CompletedTask;
    }

    private void EnsurePresenceTimer()
    {
        presenceTimer ??= this.RegisterGrainTimer(ExpirePresenceAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private Task ExpirePresenceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - settings.PresenceTimeout;
        foreach (var (sessionId, _) in presence.Where(p => p.Value.LastSeen < cutoff).ToList())
        {
            presence.Remove(sessionId);
            Watchers.Publish(new BoardPresenceLeft(Topic, Id, sessionId));
        }

        if (presence.Count == 0)
        {
            presenceTimer?.Dispose();
            presenceTimer = null;
        }

        return Task.CompletedTask;
    }

    private BoardInfo Info() =>
        new(Id, state.State.Title, state.State.LabId, state.State.OwnerId, state.State.Locked, state.State.CreatedAt, durableSeq, model.LiveCount);

    private static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Length > BoardLimits.MaxTitleLength ? $"title: a board title is 1 to {BoardLimits.MaxTitleLength} characters."
        : title.Any(c => char.IsControl(c)) ? "title: a board title has no control characters."
        : null;

    private static string ColorFor(string userId) => Palette[(int)((uint)StableHash(userId) % Palette.Length)];

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 23;
            foreach (var c in s)
            {
                h = (h * 31) + c;
            }

            return h;
        }
    }

    private long SegmentOf(long opSeq) => (opSeq - 1) / settings.SegmentSize;

    private string SegmentName(long segment) => $"boards/{Id}/log/{segment:D8}";

    private sealed record Pending(AppliedOp Op, IReadOnlyDictionary<string, BoardElement?> Befores, TaskCompletionSource Done);

    private sealed record UndoEntry(long Seq, List<(string Id, BoardElement? Before, BoardElement After)> Touched);
}

/// <summary>
/// What a board knows of a client's ops: every client sequence number at or below <see cref="Floor"/>
/// was applied, and <see cref="Applied"/> maps the recent ones to their board sequence numbers.
/// </summary>
public sealed record ClientMark(long Floor, Dictionary<long, long> Applied);

/// <summary>A snapshot file: the elements at <see cref="Seq"/> and the clients' marks, so dedupe survives restarts.</summary>
public sealed record StoredSnapshot(long Seq, List<BoardElement> Elements, Dictionary<string, ClientMark> Clients);
