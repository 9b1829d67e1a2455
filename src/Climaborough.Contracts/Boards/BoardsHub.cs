namespace Climaborough.Contracts;

/// <summary>The boards' part of <see cref="ILiveHub"/>: joining a board, editing it, presence.</summary>
public interface IBoardsHub
{
    /// <summary>
    /// Joins a board: from now on <see cref="IBoardsClient.BoardOps"/> and presence arrive for it. Returns
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
}

/// <summary>The boards' part of <see cref="ILiveClient"/>.</summary>
public interface IBoardsClient
{
    /// <summary>Durable ops of a joined board, in sequence order within the call.</summary>
    Task BoardOps(string boardId, IReadOnlyList<AppliedOp> ops);

    /// <summary>Someone's presence on a joined board changed.</summary>
    Task PresenceChanged(string boardId, Participant participant);

    /// <summary>Someone left a joined board (or went silent for 5 s).</summary>
    Task PresenceLeft(string boardId, string sessionId);

    /// <summary>A joined board's metadata changed (title, lock).</summary>
    Task BoardChanged(BoardInfo board);
}
