namespace Climaborough.Grains.Boards;

using System.Security.Cryptography;
using System.Text;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Microsoft.Extensions.Logging;

/// <summary>
/// The board's side of contributions without attending (<see cref="IBoardContributionGrain"/>): the note is placed
/// and applied in one turn, like a reveal, under a client id no person's client can have.
/// </summary>
public sealed partial class BoardGrain : IBoardContributionGrain
{
    /// <summary>The client id of contribution ops (a colon: never a valid id of a person's client).</summary>
    private const string ContributionClient = "board:contribution";

    private const double NoteWidth = 200;
    private const double NoteHeight = 120;
    private const double Gap = 20;

    public async Task<ContributionResult> ContributeAsync(Actor actor, string sessionId, string requestId, string text, string? color, string? frameId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        if (EditRefusal(access, LabAction.Contribute) is { } refused)
        {
            return new(refused, null);
        }

        if (log.IsBroken)
        {
            return new(Unavailable(), null);
        }

        if (state.State.Locked)
        {
            return new(new EditResult(false, null, ErrorCode: ErrorCodes.BoardLocked, Error: "The board is locked."), null);
        }

        // The note's id follows from who sent which request: a retry finds its note and changes nothing.
        var id = NoteId(actor.UserId, sessionId, requestId);
        if (model.Elements.TryGetValue(id, out var known))
        {
            await log.WaitDurableAsync(log.NextSeq - 1);
            return new(new EditResult(true, log.DurableSeq, Duplicate: true), known.Id);
        }

        var now = time.GetUtcNow();
        var (x, y) = Place(sessionId, frameId);
        var note = new BoardElement(id, ElementKind.Note, x, y, NoteWidth, NoteHeight, NextZ(), color ?? "#fff59d", text, null, null, null, actor.UserId, now, now, AsyncSession: sessionId);
        var (prepared, error) = model.Prepare(actor.UserId, [new ElementChange(ChangeType.Create, id, note)], OpKind.Contribution, now);
        if (prepared is not null && !access.Moderate && LockRefusal(prepared) is { } locked)
        {
            (prepared, error) = (null, locked);
        }

        if (prepared is null)
        {
            BoardMetrics.OpsRefused.Add(1, new KeyValuePair<string, object?>("code", error!.ErrorCode));
            return new(error, null);
        }

        model.Commit(prepared);
        activity.Saw(actor);
        var clientSeq = marks.Floor(ContributionClient) + 1;
        var op = new AppliedOp(log.NextSeq, ContributionClient, clientSeq, actor.UserId, now, OpKind.Contribution, prepared.Changes);
        marks.MarkApplied(ContributionClient, clientSeq, op.Seq);
        history.Record(actor.UserId, OpKind.Contribution, prepared);
        privacy.MarkCreated(op, actor.Name);
        var durable = log.Append(op, prepared.Befores);
        try
        {
            await durable;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board {BoardId}: contribution op {Seq} was not written", Id, op.Seq);
            return new(Unavailable(), null);
        }

        return new(new EditResult(true, op.Seq), id);
    }

    /// <summary><c>a</c> and 20 hex digits of a hash of the person, the workshop and their request id.</summary>
    private static string NoteId(string userId, string sessionId, string requestId) =>
        "a" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + sessionId + "\n" + requestId)))[..20];

    private long NextZ() => model.Elements.Count == 0 ? 0 : model.Elements.Values.Max(e => e.Z) + 1;

    /// <summary>
    /// Where the next contributed note goes: in rows inside the step's frame (below its heading), or, without one, in a
    /// column to the right of everything on the board. Counted from this workshop's contributed notes already there.
    /// </summary>
    private (double X, double Y) Place(string sessionId, string? frameId)
    {
        var live = model.Elements.Values.Where(e => !e.Deleted).ToList();
        var mine = live.Where(e => e.AsyncSession == sessionId).ToList();
        if (frameId is not null && model.Elements.TryGetValue(frameId, out var frame) && frame is { Kind: ElementKind.Frame, Deleted: false })
        {
            var inside = mine.Count(e => BoardGeometry.IsInside(e, frame));
            var columns = Math.Max(1, (int)((frame.Width - Gap) / (NoteWidth + Gap)));
            return (frame.X + Gap + (inside % columns * (NoteWidth + Gap)), frame.Y + 60 + (inside / columns * (NoteHeight + Gap)));
        }

        var others = live.Where(e => e.AsyncSession != sessionId).ToList();
        var right = others.Count == 0 ? 0 : others.Max(e => e.X + e.Width) + 60;
        var top = others.Count == 0 ? 0 : others.Min(e => e.Y);
        var outside = mine.Count(e => e.X >= right);
        return (right, top + (outside * (NoteHeight + Gap)));
    }
}
