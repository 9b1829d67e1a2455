namespace Climaborough.Contracts;

/// <summary>The live workshops' part of <see cref="ILiveHub"/>: following a session, its dot votes.</summary>
public interface ISessionsHub
{
    /// <summary>Follows a live workshop's steps and timer (needs read access to its lab); answers the session.</summary>
    /// <exception>A hub error <c>not-found</c> when the session does not exist in that lab or the caller may not read the lab.</exception>
    Task<SessionView> WatchSession(string labId, string sessionId);

    /// <summary>Stops following a workshop live.</summary>
    Task UnwatchSession(string sessionId);

    /// <summary>Starts a dot vote in the workshop's current vote step (moderators); the same request id answers the same vote.</summary>
    /// <exception>A hub error <c>not-found</c> when the session does not exist in that lab or the caller may not read the lab.</exception>
    Task<VoteAnswer> StartVote(string labId, string sessionId, StartVoteRequest request);

    /// <summary>Closes an open vote (moderators); a closed one answers as it is.</summary>
    Task<VoteAnswer> CloseVote(string labId, string sessionId, string voteId);

    /// <summary>Places one of the caller's dots (lab members who may contribute); answers once durable; a retry with the same request id counts once.</summary>
    Task<VoteAnswer> PlaceDot(string labId, string sessionId, string voteId, DotRequest request);

    /// <summary>Removes one of the caller's dots from an item; a retry with the same request id counts once.</summary>
    Task<VoteAnswer> RemoveDot(string labId, string sessionId, string voteId, DotRequest request);
}

/// <summary>The live workshops' part of <see cref="ILiveClient"/>.</summary>
public interface ISessionsClient
{
    /// <summary>A watched workshop changed (step, timer, phase): the whole view, to keep if its <see cref="SessionView.Version"/> is newer.</summary>
    Task SessionChanged(string sessionId, SessionView view);

    /// <summary>
    /// A vote of a watched workshop changed, as this recipient may see it: while open, the recipient's own
    /// dots (when they changed) and, for facilitators, the number of voters; never anyone else's dots.
    /// </summary>
    Task VoteChanged(string sessionId, VoteView vote);
}
