namespace Climaborough.Contracts;

/// <summary>The board comments' part of <see cref="ILiveHub"/> (writing goes over REST: docs/protocol.md, "Comments").</summary>
public interface ICommentsHub
{
    /// <summary>Follows a board's comment threads live (readers of the board); answers them.</summary>
    Task<BoardCommentsView> WatchComments(string boardId);

    /// <summary>Stops following a board's comments.</summary>
    Task UnwatchComments(string boardId);
}

/// <summary>The board comments' part of <see cref="ILiveClient"/>.</summary>
public interface ICommentsClient
{
    /// <summary>A thread of a watched board was opened or changed: the whole thread as every reader sees it.</summary>
    Task CommentThreadChanged(string boardId, CommentThreadView thread);
}
