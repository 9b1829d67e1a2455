namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Storage;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

/// <summary>
/// One board. Reentrant so that ops arriving while a log write is in flight are applied in memory
/// (each in one synchronous turn, so ordering and validation are atomic) and then written together in
/// the next write: group commit (<see cref="BoardLog"/>). An op is acknowledged and broadcast only
/// after its write returned. The grain owns the state and decides access; the parts it owns keep the
/// log, the versions (<see cref="BoardSnapshots"/>), dedupe (<see cref="ClientMarks"/>), undo
/// (<see cref="UndoHistory"/>), presence (<see cref="BoardPresence"/>) and activity lines.
/// </summary>
[Reentrant]
public sealed partial class BoardGrain(
    [PersistentState("board")] IPersistentState<BoardState> state,
    IAppendLogStore logs,
    IFileStore files,
    IOptions<BoardOptions> options,
    TimeProvider time,
    ILogger<BoardGrain> logger) : TopicGrain(logger), IBoardGrain
{
    private readonly BoardOptions settings = options.Value;
    private readonly BoardModel model = new();
    private readonly ClientMarks marks = new();
    private readonly UndoHistory history = new(options.Value.UndoDepth);
    private readonly BoardPresence presence = new(options.Value.PresenceTimeout);
    private readonly BoardActivity activity = new();
    private BoardLog log = null!;
    private BoardSnapshots snapshots = null!;
    private IGrainTimer? presenceTimer;

    private string Id => this.GetPrimaryKeyString();

    private string Topic => TopicNames.Board(Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log = new BoardLog(logs, Id, settings, OnDurable, StoreVersionIfDueAsync, _ => DeactivateOnIdle());
        snapshots = new BoardSnapshots(files, Id, settings, logger);
        privacy.Attach(state.State);
        if (!state.State.Created)
        {
            return;
        }

        // Any failure here fails the activation: a board never starts empty over stored content.
        var snapshot = await snapshots.LoadLatestAsync(state.State, cancellationToken);
        if (snapshot is not null)
        {
            model.Load(snapshot.Elements);
            marks.Load(snapshot.Clients);
        }

        await log.LoadAsync(snapshot?.Seq ?? 0, op =>
        {
            model.Replay(op);
            marks.MarkApplied(op.ClientId, op.ClientSeq, op.Seq);
            privacy.Replay(op);
        }, cancellationToken);
    }

    public async Task<Outcome<BoardInfo>> CreateAsync(Actor actor, string title, string? labId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state.State.Created)
        {
            return new Refusal(ErrorCodes.Conflict, $"Board {Id} exists already.");
        }

        if (TitleProblem(title) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        ILabGrain? lab = null;
        if (labId is not null)
        {
            // Creating a board in a lab needs Contribute there; who may not read the lab learns nothing of it.
            lab = LabIds.IsValid(labId) ? GrainFactory.GetGrain<ILabGrain>(labId) : null;
            var access = lab is null ? LabAccess.None : await lab.AccessAsync(actor);
            if (access.Refuse(LabAction.Contribute, "There is no such lab.", "Creating boards needs the member role in this lab.") is { } refused)
            {
                return refused;
            }
        }

        state.State = new BoardState { Created = true, Title = title.Trim(), LabId = labId, OwnerId = actor.UserId, CreatedAt = time.GetUtcNow() };
        privacy.Attach(state.State);
        snapshots.Begin(state.State.CreatedAt);
        await state.WriteStateAsync();
        if (lab is not null)
        {
            await lab.AddContentAsync(actor, new LabContent("board", Id, state.State.Title, state.State.CreatedAt));
        }

        return new(Info());
    }

    public async Task<Outcome<BoardInfo>> ViewAsync(Actor? actor) =>
        await RefuseAsync(actor, LabAction.Read) ?? new Outcome<BoardInfo>(Info());

    public async Task<Outcome<BoardJoin>> JoinAsync(Actor actor, long lastSeq, Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var (refused, viewer) = await ReaderAsync(actor);
        if (refused is not null)
        {
            return refused;
        }

        activity.Saw(actor);

        // New, far behind, or claiming ops this board never had: start again from a snapshot.
        var snapshot = log.CanCatchUpFrom(lastSeq) && !(lastSeq == 0 && snapshots.Latest.Seq > 0) ? null : snapshots.Latest;
        var ops = log.DurableOpsAfter(snapshot?.Seq ?? lastSeq);
        var me = presence.Join(actor.UserId, participant, time.GetUtcNow());
        presenceTimer ??= this.RegisterGrainTimer(ExpirePresenceAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Watchers.Publish(new BoardPresenceChanged(Topic, Id, me));
        return new(new BoardJoin(Info(), Visible(snapshot, viewer), privacy.Redact(ops, viewer), presence.Participants, me.SessionId));
    }

    public async Task<Outcome<IReadOnlyList<AppliedOp>>> OpsAfterAsync(Actor actor, long afterSeq)
    {
        var (refused, viewer) = await ReaderAsync(actor);
        return refused ?? new Outcome<IReadOnlyList<AppliedOp>>(privacy.Redact(log.DurableOpsAfter(afterSeq), viewer));
    }

    public Task LeaveAsync(string sessionId)
    {
        if (presence.Leave(sessionId))
        {
            Watchers.Publish(new BoardPresenceLeft(Topic, Id, sessionId));
        }

        return Task.CompletedTask;
    }

    public Task UpdatePresenceAsync(Participant participant)
    {
        // A selection never names a private element: presence goes to everyone.
        if (presence.UpdateOrReturn(participant with { Selection = privacy.PublicSelection(participant.Selection) }, time.GetUtcNow()) is { } updated)
        {
            Watchers.Publish(new BoardPresenceChanged(Topic, Id, updated));
        }

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
            return new EditResult(false, null, ErrorCode: ErrorCodes.InvalidOp, Error: "An edit is required.");
        }

        return await ApplyAsync(actor, edit.ClientId, edit.ClientSeq, OpKind.Edit, () => edit.Changes);
    }

    public async Task<EditResult> UndoAsync(Actor actor, string clientId, long clientSeq) =>
        await RefuseEditAsync(actor) ?? await ApplyAsync(actor, clientId, clientSeq, OpKind.Undo, () => history.TakeBack(actor.UserId, OpKind.Undo, model.Elements));

    public async Task<EditResult> RedoAsync(Actor actor, string clientId, long clientSeq) =>
        await RefuseEditAsync(actor) ?? await ApplyAsync(actor, clientId, clientSeq, OpKind.Redo, () => history.TakeBack(actor.UserId, OpKind.Redo, model.Elements));

    public async Task<EditResult> RestoreVersionAsync(Actor actor, string clientId, long clientSeq, long versionSeq)
    {
        if (await RefuseEditAsync(actor) is { } refused)
        {
            return refused;
        }

        if (await snapshots.ReadAsync(state.State, versionSeq) is not { } version)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.NotFound, Error: $"There is no version {versionSeq}.");
        }

        // Computed in the same turn as the op is applied, so it diffs against exactly the state it changes.
        var target = version.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
        return await ApplyAsync(actor, clientId, clientSeq, OpKind.RestoreVersion, () =>
        {
            privacy.KeepPrivate(target, model.Elements);
            return BoardDiff.To(model.Elements, target);
        });
    }

    public async Task<Outcome<BoardSnapshot>> GetVersionAsync(Actor? actor, long versionSeq)
    {
        var (refused, viewer) = await ReaderAsync(actor);
        if (refused is not null)
        {
            return refused;
        }

        return await snapshots.ReadAsync(state.State, versionSeq) is { } version
            ? new Outcome<BoardSnapshot>(new BoardSnapshot(version.Seq, [.. version.Elements.Where(e => !e.Deleted && privacy.Sees(viewer, e.Id, version.Seq))]))
            : Refusal.NotFound($"Board '{Id}' has no version {versionSeq}.");
    }

    public async Task<Outcome<IReadOnlyList<BoardVersion>>> ListVersionsAsync(Actor? actor) =>
        await RefuseAsync(actor, LabAction.Read)
        ?? new Outcome<IReadOnlyList<BoardVersion>>([.. state.State.Versions.Select(v => new BoardVersion(v.Seq, v.At, v.ElementCount, v.EditsByAuthor))]);

    public async Task<Outcome<BoardExport>> ExportAsync(Actor? actor)
    {
        var (refused, viewer) = await ReaderAsync(actor);
        if (refused is not null)
        {
            return refused;
        }

        var durable = log.AllDurable ? [.. model.Elements.Values] : model.Before(log.NotDurable);
        var elements = durable.Where(e => !e.Deleted && privacy.Sees(viewer, e.Id, log.DurableSeq)).OrderBy(e => e.Z).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return new(new BoardExport(BoardExport.FormatName, 1, state.State.Title, time.GetUtcNow(), log.DurableSeq, elements));
    }

    public async Task<Outcome<BoardInfo>> ImportAsync(Actor actor, string title, string? labId, BoardExport content)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (state.State.Created)
        {
            return new Refusal(ErrorCodes.InvalidOp, "Import creates a new board.");
        }

        if (content is null || content.Format != BoardExport.FormatName || content.Version != 1 || content.Elements is null)
        {
            return new Refusal(ErrorCodes.InvalidOp, $"This is not a {BoardExport.FormatName} version 1 export.");
        }

        // Connectors after what they join, so that one pass validates every reference.
        var changes = content.Elements.OrderBy(e => e?.Kind == ElementKind.Connector ? 1 : 0)
            .Select(e => new ElementChange(ChangeType.Create, e?.Id ?? string.Empty, e)).ToList();
        var (_, error) = model.Prepare(actor.UserId, changes, OpKind.Import, time.GetUtcNow());
        if (error is not null)
        {
            return new Refusal(error.ErrorCode ?? ErrorCodes.InvalidOp, error.Error ?? string.Empty);
        }

        var created = await CreateAsync(actor, title, labId);
        if (!created.Ok)
        {
            return created;
        }

        var result = await ApplyAsync(actor, "import", 1, OpKind.Import, () => changes);
        return result.Ok ? new Outcome<BoardInfo>(Info()) : new Refusal(result.ErrorCode ?? ErrorCodes.InvalidOp, result.Error ?? string.Empty);
    }

    /// <summary>Locking and unlocking: the board's creator, and on a lab's board also the lab's owners and moderators.</summary>
    public async Task<EditResult> SetLockedAsync(Actor actor, bool locked)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        if (EditRefusal(access, LabAction.Read) is { } refused)
        {
            return refused;
        }

        if (actor.UserId != state.State.OwnerId && !access.Moderate)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.Forbidden, Error: "Only the board's creator, or the owners and moderators of its lab, lock and unlock it.");
        }

        state.State.Locked = locked;
        await state.WriteStateAsync();
        Watchers.Publish(new BoardChanged(Topic, Info()));
        return new EditResult(true, log.DurableSeq);
    }

    /// <summary>
    /// The core: dedupe, validate and apply in this turn; then wait for the group commit.
    /// <paramref name="changes"/> is evaluated in the same turn, against the state the op applies to.
    /// </summary>
    private async Task<EditResult> ApplyAsync(Actor actor, string clientId, long clientSeq, OpKind kind, Func<IReadOnlyList<ElementChange>?> changes)
    {
        var userId = actor.UserId;
        var facilitates = await FacilitatesAsync(actor, kind);
        if (!state.State.Created)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.NoSuchBoard, Error: $"There is no board '{Id}'.");
        }

        if (log.IsBroken)
        {
            return Unavailable();
        }

        if (!BoardModel.IsValidId(clientId) || clientSeq <= 0)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.InvalidOp, Error: "An op needs a client id (1 to 64 letters, digits, '-' or '_') and a positive client sequence number.");
        }

        if (marks.IsApplied(clientId, clientSeq, out var knownSeq))
        {
            // A retry: applied once already. Answer only once that op is durable, like the first time.
            await log.WaitDurableAsync(knownSeq ?? log.DurableSeq);
            return new EditResult(true, knownSeq, Duplicate: true);
        }

        if (marks.IsTooFarAhead(clientId, clientSeq))
        {
            // Too far ahead of the client's oldest op not yet applied for the board to remember exactly:
            // refused (nothing applied), never acknowledged; the client sends the earlier ops first.
            return new EditResult(false, null, ErrorCode: ErrorCodes.OutOfOrder, Error: $"Op {clientSeq} is more than {BoardLimits.MaxClientSeqAhead} ahead of op {marks.Floor(clientId) + 1}, which this board has not received; send that first.");
        }

        if (state.State.Locked && kind != OpKind.Import)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.BoardLocked, Error: "The board is locked.");
        }

        var now = time.GetUtcNow();
        var requested = changes();
        if (requested is null)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.NothingToUndo, Error: kind == OpKind.Redo ? "Nothing of yours to redo." : "Nothing of yours to undo.");
        }

        if (privacy.Refuse(userId, requested) is { } hidden)
        {
            return hidden;
        }

        var (prepared, error) = model.Prepare(userId, requested, kind, now);
        if (prepared is not null && !facilitates && LockRefusal(prepared) is { } locked)
        {
            (prepared, error) = (null, locked);
        }

        if (prepared is null)
        {
            BoardMetrics.OpsRefused.Add(1, new KeyValuePair<string, object?>("code", error!.ErrorCode));
            return error;
        }

        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        model.Commit(prepared);
        activity.Saw(actor);
        var op = new AppliedOp(log.NextSeq, clientId, clientSeq, userId, now, kind, prepared.Changes);
        marks.MarkApplied(clientId, clientSeq, op.Seq);
        history.Record(userId, kind, prepared);
        privacy.MarkCreated(op, actor.Name);

        // Last in this turn: the marks and the history above must hold the op before any snapshot does.
        var durable = log.Append(op, prepared.Befores);
        try
        {
            await durable;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board {BoardId}: op {Seq} was not written", Id, op.Seq);
            return Unavailable();
        }

        BoardMetrics.AckLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
        return new EditResult(true, op.Seq);
    }

    /// <summary>A batch is stored: count it for the next version, broadcast it, and tell the lab's activity feed.</summary>
    private void OnDurable(IReadOnlyList<AppliedOp> ops)
    {
        snapshots.Count(ops);
        var everyone = PublishOps(ops);

        // One one-way line per person per written batch ("Maria added 12 notes to 'Traffic co-design'"), not one write of the lab per op.
        if (state.State.LabId is { } labId)
        {
            var lab = GrainFactory.GetGrain<ILabGrain>(labId);
            foreach (var (who, notes) in activity.NotesAdded(everyone))
            {
                _ = lab.RecordAsync(who, "added-notes", [notes.ToString(System.Globalization.CultureInfo.InvariantCulture), state.State.Title]);
            }
        }
    }

    private async Task StoreVersionIfDueAsync()
    {
        var at = log.DurableSeq;
        var now = time.GetUtcNow();
        if (!snapshots.IsDue(state.State, at, now))
        {
            return;
        }

        // The state at the durable sequence number: the current state without the ops applied since (still being written).
        // Its images are held first, so a version never shows a file whose bytes were deleted (docs/security.md, "Images on boards").
        var elements = model.Before(log.NotDurable);
        try
        {
            await HoldVersionFilesAsync(at, elements);
        }
        catch (Exception ex)
        {
            // Not fatal, as a version that could not be written: the log still holds every op, and the next call tries again.
            logger.LogWarning(ex, "Board {BoardId}: could not hold the files of the version at {Seq}", Id, at);
            return;
        }

        if (await snapshots.StoreAsync(state.State, at, elements, marks.At(at), now, () => state.WriteStateAsync()))
        {
            log.ForgetBehind(at);
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
            return await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor);
        }

        return actor is null ? LabAccess.None : new LabAccess(null, Read: true, Contribute: true, Participate: true, Moderate: false);
    }

    /// <summary>Null when allowed; who may not read gets the answer for a board that does not exist.</summary>
    private async Task<Refusal?> RefuseAsync(Actor? actor, LabAction action) =>
        (await AccessAsync(actor)).Refuse(action, $"There is no board '{Id}'.", "Your role in this board's lab does not allow this.") is { } refused
            ? refused with { Code = refused.Code == ErrorCodes.NotFound ? ErrorCodes.NoSuchBoard : refused.Code }
            : null;

    /// <summary>The same for ops: <c>no-such-board</c> for who may not read, <c>forbidden</c> for readers who may not edit.</summary>
    private async Task<EditResult?> RefuseEditAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return EditRefusal(await AccessAsync(actor), LabAction.Contribute);
    }

    private EditResult? EditRefusal(LabAccess access, LabAction action) =>
        !access.Read ? new EditResult(false, null, ErrorCode: ErrorCodes.NoSuchBoard, Error: $"There is no board '{Id}'.")
        : !access.Allows(action) ? new EditResult(false, null, ErrorCode: ErrorCodes.Forbidden, Error: "Editing this board needs the member role in its living lab.")
        : null;

    private static EditResult Unavailable() =>
        new(false, null, ErrorCode: ErrorCodes.Unavailable, Error: "The board's storage failed; try again in a moment.");

    private Task ExpirePresenceAsync(CancellationToken cancellationToken)
    {
        foreach (var sessionId in presence.Expire(time.GetUtcNow()))
        {
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
        new(Id, state.State.Title, state.State.LabId, state.State.OwnerId, state.State.Locked, state.State.CreatedAt, log.DurableSeq, model.LiveCount, CurrentLocks);

    private static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Length > BoardLimits.MaxTitleLength ? $"title: a board title is 1 to {BoardLimits.MaxTitleLength} characters."
        : title.Any(c => char.IsControl(c)) ? "title: a board title has no control characters."
        : null;
}
