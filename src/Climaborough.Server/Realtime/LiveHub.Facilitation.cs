namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;

/// <summary>
/// Workshop mode on the hub: joining (watch plus attendance), summons, hands, reactions and facilitator locks.
/// The session grain (or, for locks, the board grain) decides who may do what from the lab's rule; who may not
/// read the lab hears exactly what a missing session answers.
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>Joins a workshop: watches it like <see cref="WatchSession"/> and, signed in, is counted present.</summary>
    [AllowAnonymous]
    public async Task<WorkshopJoin> JoinWorkshop(string labId, string sessionId)
    {
        var view = await WatchSession(labId, sessionId);
        var actor = await AnyActorAsync();
        var joined = await SessionFor(labId, sessionId).AttendAsync(actor, labId, Context.ConnectionId);
        if (!joined.Ok)
        {
            await StopWatchingAsync(TopicNames.Session(sessionId));
            throw NoSuchSession(sessionId);
        }

        return joined.Value!.Session.Version >= view.Version ? joined.Value : joined.Value with { Session = view };
    }

    /// <summary>Leaves a workshop; answers the same whether or not it was joined.</summary>
    [AllowAnonymous]
    public async Task LeaveWorkshop(string sessionId)
    {
        if (SessionIds.IsValid(sessionId))
        {
            await StopWatchingAsync(TopicNames.Session(sessionId));
            await grains.GetGrain<ISessionGrain>(sessionId).LeaveWorkshopAsync(Context.ConnectionId);
        }
    }

    /// <summary>Summons everyone's view (moderators).</summary>
    [Authorize]
    public async Task<FacilitationAnswer> Summon(string labId, string sessionId, SummonRequest request) =>
        Answer(sessionId, await SessionFor(labId, sessionId).SummonAsync(await SignedInActorAsync(), labId, Context.ConnectionId, request));

    /// <summary>Raises or lowers the caller's hand.</summary>
    [Authorize]
    public async Task<FacilitationAnswer> SetHand(string labId, string sessionId, bool raised) =>
        Answer(sessionId, await SessionFor(labId, sessionId).SetHandAsync(await SignedInActorAsync(), labId, raised));

    /// <summary>Lowers someone's hand (moderators).</summary>
    [Authorize]
    public async Task<FacilitationAnswer> LowerHand(string labId, string sessionId, string userId) =>
        Answer(sessionId, await SessionFor(labId, sessionId).LowerHandAsync(await SignedInActorAsync(), labId, userId));

    /// <summary>Sends an ephemeral reaction.</summary>
    [Authorize]
    public async Task<FacilitationAnswer> React(string labId, string sessionId, string reaction)
    {
        // Reactions share the connection's token bucket with board ops: a flood is refused, nobody else slowed.
        var session = SessionFor(labId, sessionId);
        return Throttled() is { } throttled
            ? new FacilitationAnswer(false, throttled.ErrorCode, throttled.Error)
            : Answer(sessionId, await session.ReactAsync(await SignedInActorAsync(), labId, reaction));
    }

    /// <summary>The attendance record (moderators); null when the caller may read but not moderate.</summary>
    [Authorize]
    public async Task<AttendanceRecord?> WorkshopAttendance(string labId, string sessionId)
    {
        var outcome = await SessionFor(labId, sessionId).AttendanceAsync(await SignedInActorAsync(), labId);
        return outcome.Code == ErrorCodes.NotFound ? throw NoSuchSession(sessionId) : outcome.Value;
    }

    /// <summary>Sets a lab board's facilitator locks (the lab's moderators); refused like an op.</summary>
    [Authorize]
    public async Task<EditResult> SetBoardLocks(string boardId, FacilitatorLocks locks)
    {
        var board = BoardFor(boardId);
        return NotFoundAsError(boardId, await board.SetFacilitatorLocksAsync(await SignedInActorAsync(), locks));
    }

    /// <summary>A refusal the caller can act on is a coded answer; not-found is the missing session's hub error.</summary>
    private static FacilitationAnswer Answer<T>(string sessionId, Outcome<T> outcome) =>
        outcome.Ok ? new FacilitationAnswer(true)
        : outcome.Code == ErrorCodes.NotFound ? throw NoSuchSession(sessionId)
        : new FacilitationAnswer(false, outcome.Code, outcome.Message);
}
