namespace Climaborough.Abstractions.Comments;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Threads;
using Climaborough.Contracts;

/// <summary>
/// The comment threads of one board (key: the board id), kept beside the board grain so that comments
/// never slow the board's op log down. Every method takes the acting person as the server authenticated
/// them and asks the board's lab (<see cref="LabAction.Comment"/>, which observers hold) before acting;
/// who may not read the board gets exactly the answer for a board that does not exist. A change is
/// answered only once it is stored.
/// </summary>
[LiveTopic(TopicNames.CommentsKind)]
public interface IBoardCommentsGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>The board's threads as <paramref name="actor"/> may see them (readers).</summary>
    Task<Outcome<BoardCommentsView>> ListAsync(Actor? actor);

    /// <summary>Opens a thread on an element or a point with its first comment (<see cref="LabAction.Comment"/>).</summary>
    Task<Outcome<CommentThreadView>> StartAsync(Actor actor, NewCommentThreadRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>Adds a reply to a thread (<see cref="LabAction.Comment"/>); a resolved thread opens again.</summary>
    Task<Outcome<CommentThreadView>> ReplyAsync(Actor actor, string threadId, CommentRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>Changes one's own comment; the earlier text goes to its history.</summary>
    Task<Outcome<CommentThreadView>> EditAsync(Actor actor, string threadId, string commentId, CommentRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>A comment's earlier texts, oldest first (readers; a hidden one's only for moderators).</summary>
    Task<Outcome<IReadOnlyList<PostRevision>>> HistoryAsync(Actor? actor, string threadId, string commentId);

    /// <summary>Resolves or reopens a thread (its author or a moderator).</summary>
    Task<Outcome<CommentThreadView>> ResolveAsync(Actor actor, string threadId, bool resolved);

    /// <summary>Hides or shows a comment (moderators).</summary>
    Task<Outcome<CommentThreadView>> HideAsync(Actor actor, string threadId, string commentId, bool hidden);

    /// <summary>All threads with their comments' text, for the board's exports (no access check: the caller checked the board).</summary>
    Task<IReadOnlyList<CommentThreadView>> ExportAsync();
}

/// <summary>A thread of a watched board's comments was opened or changed; watchers replace it (as every reader sees it).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.comments-changed.v1")]
public sealed record CommentThreadChanged(string Topic, [property: Id(0)] string BoardId, [property: Id(1)] CommentThreadView Thread) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).CommentThreadChanged(BoardId, Thread);
}

/// <summary>Stored comments of a board.</summary>
[GenerateSerializer, Alias("climaborough.board-comments-state.v1")]
public sealed class BoardCommentsState
{
    /// <summary>The board's lab, learnt from the board on first use (a board never changes lab); empty for a board outside labs.</summary>
    [Id(0)] public string? LabId { get; set; }

    /// <summary>Whether <see cref="LabId"/> was learnt.</summary>
    [Id(1)] public bool Known { get; set; }

    /// <summary>Threads, oldest first.</summary>
    [Id(2)] public List<StoredCommentThread> Threads { get; set; } = [];

    /// <summary>Request ids of new threads → the thread made (a retry makes nothing twice), bounded.</summary>
    [Id(3)] public Dictionary<string, string> Requests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The number of the last thread made.</summary>
    [Id(4)] public int LastThread { get; set; }
}

/// <summary>A stored thread.</summary>
[GenerateSerializer, Alias("climaborough.comment-thread.v1")]
public sealed class StoredCommentThread
{
    /// <summary>Thread id (<c>k</c> and a number, unique on the board).</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>The element it is on, if any.</summary>
    [Id(1)] public string? ElementId { get; set; }

    /// <summary>The point (on the board, or the offset in the element).</summary>
    [Id(2)] public double X { get; set; }

    /// <summary>See <see cref="X"/>.</summary>
    [Id(3)] public double Y { get; set; }

    /// <summary>Comments, oldest first.</summary>
    [Id(4)] public List<StoredPost> Comments { get; set; } = [];

    /// <summary>Followers' account ids (who wrote in it).</summary>
    [Id(5)] public HashSet<string> Followers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Resolved by (name), when resolved.</summary>
    [Id(6)] public string? ResolvedBy { get; set; }

    /// <summary>When resolved.</summary>
    [Id(7)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>When opened.</summary>
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Newest activity (a comment, an edit, resolving or reopening).</summary>
    [Id(9)] public DateTimeOffset LastActivityAt { get; set; }
}
