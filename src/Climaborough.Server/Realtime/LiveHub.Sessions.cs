namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>Live workshops on the hub: watching a session needs read access to its lab (the session grain asks it).</summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a workshop's steps and timer live (readers of its lab); answers the session.</summary>
    [AllowAnonymous]
    public async Task<SessionView> WatchSession(string labId, string sessionId)
    {
        var session = LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) ? grains.GetGrain<ISessionGrain>(sessionId) : null;
        var actor = await AnyActorAsync();
        if (session is null || !(await session.ViewAsync(actor, labId)).Ok)
        {
            throw Refused(ErrorCodes.NotFound, $"there is no session '{sessionId}'.");
        }

        var topic = TopicNames.Session(sessionId);
        var view = await WatchReadableAsync(topic, labId, async () => (await session.ViewAsync(actor, labId)).Value, $"there is no session '{sessionId}'.");

        // Facilitators' connections also hear how many have voted (never who placed what); the node forgets
        // this when the person stops moderating the lab.
        subscriptions.MarkFacilitator(Context.ConnectionId, topic, await grains.GetGrain<ILabGrain>(labId).AllowsAsync(actor, LabAction.Moderate));
        return view;
    }

    /// <summary>Stops following a workshop live.</summary>
    [AllowAnonymous]
    public async Task UnwatchSession(string sessionId)
    {
        if (SessionIds.IsValid(sessionId))
        {
            await StopWatchingAsync(TopicNames.Session(sessionId));
        }
    }

    /// <summary>Starts a dot vote in the current vote step (moderators).</summary>
    [Authorize]
    public async Task<VoteAnswer> StartVote(string labId, string sessionId, StartVoteRequest request) =>
        request is null
            ? new VoteAnswer(false, null, ErrorCodes.InvalidVote, "A vote has a request id, dots per person and the most dots on one item.")
            : VoteAnswerOf(sessionId, await SessionFor(labId, sessionId).StartVoteAsync(await SignedInActorAsync(), labId, request));

    /// <summary>Closes a vote (moderators).</summary>
    [Authorize]
    public async Task<VoteAnswer> CloseVote(string labId, string sessionId, string voteId) =>
        VoteAnswerOf(sessionId, await SessionFor(labId, sessionId).CloseVoteAsync(await SignedInActorAsync(), labId, VoteIdOf(voteId)));

    /// <summary>Places one of the caller's dots (lab contributors).</summary>
    [Authorize]
    public async Task<VoteAnswer> PlaceDot(string labId, string sessionId, string voteId, DotRequest request) =>
        VoteAnswerOf(sessionId, await SessionFor(labId, sessionId).PlaceDotAsync(await SignedInActorAsync(), labId, VoteIdOf(voteId), request));

    /// <summary>Removes one of the caller's dots.</summary>
    [Authorize]
    public async Task<VoteAnswer> RemoveDot(string labId, string sessionId, string voteId, DotRequest request) =>
        VoteAnswerOf(sessionId, await SessionFor(labId, sessionId).RemoveDotAsync(await SignedInActorAsync(), labId, VoteIdOf(voteId), request));

    /// <summary>The session's grain for well-formed ids; anything else is the missing session's answer.</summary>
    private ISessionGrain SessionFor(string labId, string sessionId) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) ? grains.GetGrain<ISessionGrain>(sessionId) : throw NoSuchSession(sessionId);

    private static string VoteIdOf(string voteId) =>
        SessionIds.IsValidVote(voteId) ? voteId : throw Refused(ErrorCodes.InvalidArgument, "a vote id is 3 to 64 lower-case letters, digits or dashes.");

    private static RefusalException NoSuchSession(string sessionId) => Refused(ErrorCodes.NotFound, $"there is no session '{sessionId}'.");

    /// <summary>Who may not read the lab hears exactly what a missing session answers (a hub error); every other refusal is a coded answer.</summary>
    private static VoteAnswer VoteAnswerOf(string sessionId, Outcome<VoteView> outcome) =>
        outcome.Ok ? new VoteAnswer(true, outcome.Value)
        : outcome.Code == ErrorCodes.NotFound ? throw NoSuchSession(sessionId)
        : new VoteAnswer(false, null, outcome.Code, outcome.Message);
}
