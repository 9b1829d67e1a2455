namespace Climaborough.Contracts;

/// <summary>The browser's one hub. Method names are bound with <c>nameof</c>, never string literals.</summary>
public interface ILiveHub
{
    /// <summary>Starts receiving <see cref="ILiveClient.CityChanged"/> for the city and returns its current state.</summary>
    /// <exception>A hub error <c>not-found</c> when the city does not exist.</exception>
    Task<CityDto> WatchCity(string cityId);

    /// <summary>Stops receiving changes of the city.</summary>
    Task UnwatchCity(string cityId);

    /// <summary>
    /// Joins a board: from now on <see cref="ILiveClient.BoardOps"/> and presence arrive for it. Returns
    /// what the client missed after <paramref name="lastSeq"/> (0 for a new client). Signed-in users only.
    /// </summary>
    Task<BoardJoin> JoinBoard(string boardId, long lastSeq);

    /// <summary>Leaves a board.</summary>
    Task LeaveBoard(string boardId);

    /// <summary>Applies an edit; answers once it is durable.</summary>
    Task<EditResult> Edit(string boardId, BoardEdit edit);

    /// <summary>Undoes the caller's last op on the board (never anyone else's).</summary>
    Task<EditResult> Undo(string boardId, string clientId, long clientSeq);

    /// <summary>Redoes the caller's last undone op.</summary>
    Task<EditResult> Redo(string boardId, string clientId, long clientSeq);

    /// <summary>Restores a stored version, as new ops (live and undoable).</summary>
    Task<EditResult> RestoreVersion(string boardId, string clientId, long clientSeq, long versionSeq);

    /// <summary>Sends the caller's cursor and selection (throttled; never stored). Send at least every 2 s while on a board.</summary>
    Task UpdatePresence(string boardId, PresenceUpdate presence);

    /// <summary>Follows a living lab's changes (needs read access); answers its current state.</summary>
    Task<LabDetails> WatchLab(string labId);

    /// <summary>Stops following a lab.</summary>
    Task UnwatchLab(string labId);

    /// <summary>Follows a thread's posts live (needs read access to its lab); answers the thread.</summary>
    Task<ThreadView> WatchThread(string labId, string threadId);

    /// <summary>Stops following a thread live.</summary>
    Task UnwatchThread(string threadId);

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

    /// <summary>Receives the caller's own notifications live (signed in); answers the current ones.</summary>
    Task<NotificationList> WatchNotifications();
}

/// <summary>What the server calls on connected clients.</summary>
public interface ILiveClient
{
    /// <summary>A watched city changed.</summary>
    Task CityChanged(CityDto city);

    /// <summary>Durable ops of a joined board, in sequence order within the call.</summary>
    Task BoardOps(string boardId, IReadOnlyList<AppliedOp> ops);

    /// <summary>Someone's presence on a joined board changed.</summary>
    Task PresenceChanged(string boardId, Participant participant);

    /// <summary>Someone left a joined board (or went silent for 5 s).</summary>
    Task PresenceLeft(string boardId, string sessionId);

    /// <summary>A joined board's metadata changed (title, lock).</summary>
    Task BoardChanged(BoardInfo board);

    /// <summary>A watched lab changed (members, settings, contents, activity); <paramref name="activity"/> is the new feed line.</summary>
    Task LabChanged(string labId, LabActivity? activity);

    /// <summary>A post of a watched thread was added or changed (as every reader sees it: a hidden post comes without text).</summary>
    Task ThreadChanged(string threadId, PostView post, ThreadSummary summary);

    /// <summary>A watched workshop changed (step, timer, phase): the whole view, to keep if its <see cref="SessionView.Version"/> is newer.</summary>
    Task SessionChanged(string sessionId, SessionView view);

    /// <summary>
    /// A vote of a watched workshop changed, as this recipient may see it: while open, the recipient's own
    /// dots (when they changed) and, for facilitators, the number of voters; never anyone else's dots.
    /// </summary>
    Task VoteChanged(string sessionId, VoteView vote);

    /// <summary>A new notification for the caller, with the unread count.</summary>
    Task Notified(NotificationItem notification, int unread);

    /// <summary>
    /// The caller may no longer read what it watched (removed from the lab, the lab made private, the
    /// account suspended): nothing more of it arrives on this connection. <paramref name="kind"/> is the
    /// topic kind (<c>board</c>, <c>lab</c>, <c>thread</c>, <c>session</c>, <c>user</c>) and <paramref name="id"/> its id.
    /// </summary>
    Task AccessLost(string kind, string id);
}

/// <summary>Well-known paths.</summary>
public static class LivePaths
{
    /// <summary>The hub's path.</summary>
    public const string Hub = "/hubs/live";
}
