namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using System.Threading.RateLimiting;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// Board methods of the hub: signed-in users only; the user is always the authenticated one, and the
/// board grain decides (asking its lab) what they may do. Who may not read a board gets exactly the
/// answer for a board that does not exist.
/// </summary>
public sealed partial class LiveHub
{
    private const string RateLimiterKey = "board-ops-limiter";
    private const string PresenceKey = "presence-last";

    [Authorize]
    public async Task<BoardJoin> JoinBoard(string boardId, long lastSeq)
    {
        var board = BoardFor(boardId);
        var actor = await SignedInActorAsync();
        var me = new Participant(Context.ConnectionId, actor.UserId, CurrentUser.Name(Context.User), string.Empty, null, null, []);
        var join = Found(boardId, await board.JoinAsync(actor, lastSeq, me));

        // Subscribed after the board said yes (nobody else hears a thing), then whatever became durable
        // meanwhile is fetched, so no op falls between the answer and the first event.
        var topic = TopicNames.Board(boardId);
        var facilitator = join.Board.LabId is { } labId && await grains.GetGrain<ILabGrain>(labId).AllowsAsync(actor, LabAction.Moderate);
        await StartWatchingAsync(topic, join.Board.LabId);
        subscriptions.MarkFacilitator(Context.ConnectionId, topic, facilitator); // private brainstorm ops reach facilitators whole (BoardGrain.Private)
        var since = await board.OpsAfterAsync(actor, join.Ops.Count > 0 ? join.Ops[^1].Seq : join.Snapshot?.Seq ?? lastSeq);
        if (!since.Ok)
        {
            await StopWatchingAsync(topic);
            await board.LeaveAsync(Context.ConnectionId);
            throw NoSuchBoard(boardId);
        }

        return since.Value!.Count == 0 ? join : join with { Ops = [.. join.Ops, .. since.Value.Where(op => op.Seq > (join.Ops.Count > 0 ? join.Ops[^1].Seq : 0))] };
    }

    /// <summary>Leaves a board; answers the same whether or not the board exists or was joined (no oracle).</summary>
    [Authorize]
    public async Task LeaveBoard(string boardId)
    {
        var board = BoardFor(boardId);
        var topic = TopicNames.Board(boardId);
        if (subscriptions.Watches(Context.ConnectionId, topic))
        {
            await StopWatchingAsync(topic);
            await board.LeaveAsync(Context.ConnectionId);
        }
    }

    [Authorize]
    public async Task<EditResult> Edit(string boardId, BoardEdit edit)
    {
        var board = BoardFor(boardId);
        if (Throttled() is { } refused)
        {
            return refused;
        }

        if (edit is null || edit.Changes is null)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.InvalidOp, Error: "An edit has a client id, a client sequence number and changes.");
        }

        return NotFoundAsError(boardId, await board.EditAsync(await SignedInActorAsync(), edit));
    }

    [Authorize]
    public async Task<EditResult> Undo(string boardId, string clientId, long clientSeq)
    {
        var board = BoardFor(boardId);
        return Throttled() ?? NotFoundAsError(boardId, await board.UndoAsync(await SignedInActorAsync(), clientId, clientSeq));
    }

    [Authorize]
    public async Task<EditResult> Redo(string boardId, string clientId, long clientSeq)
    {
        var board = BoardFor(boardId);
        return Throttled() ?? NotFoundAsError(boardId, await board.RedoAsync(await SignedInActorAsync(), clientId, clientSeq));
    }

    [Authorize]
    public async Task<EditResult> RestoreVersion(string boardId, string clientId, long clientSeq, long versionSeq)
    {
        var board = BoardFor(boardId);
        return Throttled() ?? NotFoundAsError(boardId, await board.RestoreVersionAsync(await SignedInActorAsync(), clientId, clientSeq, versionSeq));
    }

    /// <summary>Presence of a connection that joined the board (and still may read it); anything else is dropped.</summary>
    [Authorize]
    public async Task UpdatePresence(string boardId, PresenceUpdate presence)
    {
        if (presence is null || !BoardIds.IsValid(boardId) || !subscriptions.Watches(Context.ConnectionId, TopicNames.Board(boardId)))
        {
            return;
        }

        // At most 20 a second reach the grain; clients repeat their position at least every 2 s.
        var now = Environment.TickCount64;
        if (Context.Items.TryGetValue(PresenceKey, out var last) && now - (long)last! < 1000 / BoardLimits.PresencePerSecond)
        {
            return;
        }

        Context.Items[PresenceKey] = now;
        var actor = await SignedInActorAsync();
        var me = new Participant(Context.ConnectionId, actor.UserId, CurrentUser.Name(Context.User), string.Empty, presence.CursorX, presence.CursorY, presence.Selection ?? [], presence.View);
        await grains.GetGrain<IBoardGrain>(boardId).UpdatePresenceAsync(me);
    }

    /// <summary>The board's grain (checked for a well-formed id only: the grain answers not-found itself).</summary>
    private IBoardGrain BoardFor(string boardId) =>
        BoardIds.IsValid(boardId)
            ? grains.GetGrain<IBoardGrain>(boardId)
            : throw Refused(ErrorCodes.InvalidArgument, "a board id is 3 to 64 lower-case letters, digits or dashes.");

    private static RefusalException NoSuchBoard(string boardId) => Refused(ErrorCodes.NotFound, $"there is no board '{boardId}'.");

    private static T Found<T>(string boardId, Outcome<T> outcome) => outcome.Value ?? throw NoSuchBoard(boardId);

    /// <summary>An op on a board that does not exist, or that the caller may not read, is a not-found hub error, like joining one.</summary>
    private static EditResult NotFoundAsError(string boardId, EditResult result) =>
        result.ErrorCode == ErrorCodes.NoSuchBoard ? throw NoSuchBoard(boardId) : result;

    /// <summary>A token bucket per connection: a flooding client is refused, others are not slowed.</summary>
    private EditResult? Throttled()
    {
        if (!Context.Items.TryGetValue(RateLimiterKey, out var value) || value is not TokenBucketRateLimiter limiter)
        {
            var perSecond = Math.Max(10, boardOptions.Value.OpsPerSecondPerConnection);
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2,
                TokensPerPeriod = perSecond / 10,
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            Context.Items[RateLimiterKey] = limiter;
        }

        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired
            ? null
            : new EditResult(false, null, ErrorCode: ErrorCodes.RateLimited, Error: $"More than {boardOptions.Value.OpsPerSecondPerConnection} ops a second; slow down.");
    }
}
