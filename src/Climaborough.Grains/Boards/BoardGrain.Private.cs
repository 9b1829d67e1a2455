namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Microsoft.Extensions.Logging;

/// <summary>
/// The board's side of a workshop's private brainstorm (<see cref="IBoardPrivacyGrain"/>): the round, the reveal op and
/// the per-reader filters that the rest of the grain applies to every op it broadcasts and every read it answers.
/// </summary>
public sealed partial class BoardGrain : IBoardPrivacyGrain
{
    /// <summary>The client id of reveal ops: not a valid id for a person's client, so nobody's edit can collide with it.</summary>
    private const string RevealClient = "board:reveal";

    private readonly PrivateNotes privacy = new();

    public async Task<Outcome<PrivateNotesView>> SetPrivateAsync(Actor actor, string sessionId, bool open)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        if (ModerateRefusal(access) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(sessionId) || sessionId.Length > 64)
        {
            return new Refusal(ErrorCodes.Invalid, "sessionId: 1 to 64 characters.");
        }

        if (open != privacy.Open)
        {
            // Stored before any op is assigned past it, so a restart replays the same round for the same numbers.
            if (open)
            {
                privacy.OpenRound(sessionId, log.NextSeq - 1);
            }
            else
            {
                privacy.CloseRound(log.NextSeq - 1);
            }

            await state.WriteStateAsync();
            PublishPrivateNotes();
        }

        return new(privacy.View(new PrivateViewer(actor.UserId, access.Moderate), model.Elements));
    }

    public async Task<EditResult> RevealAsync(Actor actor, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        if (!access.Read)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.NoSuchBoard, Error: $"There is no board '{Id}'.");
        }

        if (!access.Moderate)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.Forbidden, Error: "Only the lab's moderators reveal a private brainstorm.");
        }

        if (log.IsBroken)
        {
            return Unavailable();
        }

        var changes = privacy.RevealChanges(model.Elements);
        if (changes.Count == 0)
        {
            if (privacy.Open)
            {
                privacy.CloseRound(log.NextSeq - 1);
                await state.WriteStateAsync();
                PublishPrivateNotes();
            }

            return new EditResult(true, log.DurableSeq);
        }

        // One op, in this turn: it lists each private element as it is, so those who never had it create it and
        // the others overwrite it with the same content. It is acknowledged, like any op, once it is in the log.
        var befores = changes.ToDictionary(c => c.Id, c => (BoardElement?)model.Elements[c.Id], StringComparer.Ordinal);
        var clientSeq = marks.Floor(RevealClient) + 1;
        var op = new AppliedOp(log.NextSeq, RevealClient, clientSeq, actor.UserId, time.GetUtcNow(), OpKind.Reveal, changes);
        model.Replay(op);
        marks.MarkApplied(RevealClient, clientSeq, op.Seq);
        privacy.Reveal(op);
        var durable = log.Append(op, befores);
        try
        {
            await durable;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board {BoardId}: reveal op {Seq} was not written", Id, op.Seq);
            return Unavailable();
        }

        return new EditResult(true, op.Seq);
    }

    public async Task<Outcome<PrivateNotesView>> PrivateNotesAsync(Actor? actor)
    {
        var (refused, viewer) = await ReaderAsync(actor);
        return refused ?? new Outcome<PrivateNotesView>(privacy.View(viewer, model.Elements));
    }

    /// <summary>Read access and how this reader sees private elements (facilitators: the lab's moderators and owners).</summary>
    private async Task<(Refusal? Refused, PrivateViewer Viewer)> ReaderAsync(Actor? actor)
    {
        var access = await AccessAsync(actor);
        var refused = access.Refuse(LabAction.Read, $"There is no board '{Id}'.", "Your role in this board's lab does not allow this.") is { } r
            ? r with { Code = r.Code == ErrorCodes.NotFound ? ErrorCodes.NoSuchBoard : r.Code }
            : null;
        return (refused, new PrivateViewer(actor?.UserId, access.Moderate));
    }

    private Refusal? ModerateRefusal(LabAccess access) =>
        access.Refuse(LabAction.Moderate, $"There is no board '{Id}'.", "Only the lab's moderators run a private brainstorm.") is { } r
            ? r with { Code = r.Code == ErrorCodes.NotFound ? ErrorCodes.NoSuchBoard : r.Code }
            : null;

    /// <summary>A snapshot as <paramref name="viewer"/> may receive it.</summary>
    private BoardSnapshot? Visible(BoardSnapshot? snapshot, PrivateViewer viewer) =>
        snapshot is null || !privacy.Any ? snapshot : snapshot with { Elements = privacy.Visible(snapshot.Elements, viewer, snapshot.Seq) };

    /// <summary>
    /// Broadcasts a written batch. Without private changes: one event for the board's group, as always. With them:
    /// one event carrying the public batch for the group and the full or own batches for the few connections of
    /// facilitators and authors, which each node picks from the watchers it holds (no grain call per connection).
    /// Returns the batch as everyone may see it (for the activity feed).
    /// </summary>
    private IReadOnlyList<AppliedOp> PublishOps(IReadOnlyList<AppliedOp> ops)
    {
        if (!privacy.Any || !ops.Any(o => o.Kind == OpKind.Reveal || privacy.HidesSomething(o)))
        {
            Watchers.Publish(new BoardOpsApplied(Topic, Id, ops));
            return ops;
        }

        var everyone = privacy.Redact(ops, new PrivateViewer(null, false));
        var byAuthor = privacy.HiddenAuthors(ops).ToDictionary(a => a, a => privacy.Redact(ops, new PrivateViewer(a, false)), StringComparer.Ordinal);
        Watchers.Publish(byAuthor.Count == 0 ? new BoardOpsApplied(Topic, Id, everyone) : new BoardPrivateOpsApplied(Topic, Id, everyone, ops, byAuthor));
        PublishPrivateNotes();
        return everyone;
    }

    /// <summary>Counters for everyone; the marks go only to their authors' and facilitators' connections (see <see cref="PrivateNotesChanged"/>).</summary>
    private void PublishPrivateNotes() =>
        Watchers.Publish(new PrivateNotesChanged(Topic, Id, privacy.View(new PrivateViewer(null, false), model.Elements), privacy.Pending(model.Elements)));
}
