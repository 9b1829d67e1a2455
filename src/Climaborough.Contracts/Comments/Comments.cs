namespace Climaborough.Contracts;

/// <summary>Limits of comments on boards.</summary>
public static class CommentLimits
{
    /// <summary>A comment's length (Markdown), as a post's.</summary>
    public const int MaxCommentLength = 4_000;

    /// <summary>Comments in one thread.</summary>
    public const int MaxComments = 500;

    /// <summary>Threads on one board.</summary>
    public const int MaxThreads = 2_000;

    /// <summary>How far from the origin a point of the board may be.</summary>
    public const double MaxCoordinate = 1_000_000;
}

/// <summary>
/// Where a comment thread sits: on an element (<see cref="ElementId"/>; it follows the element) or on a
/// point of the board (<see cref="X"/>, <see cref="Y"/>). For an element the point is the offset from its
/// top-left corner where the pin is drawn.
/// </summary>
public sealed record CommentAnchor(string? ElementId, double X, double Y);

/// <summary>One comment as a reader sees it; a hidden one reaches moderators with its text and everyone else without.</summary>
public sealed record CommentView(
    string Id,
    string AuthorId,
    string AuthorName,
    string Body,
    string Html,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    int Edits,
    bool Hidden);

/// <summary>
/// A comment thread on a board: where it is, its comments (the first opens it), whether it is resolved,
/// the people it mentions (account ids, for the "mentions me" filter) and its newest activity.
/// </summary>
public sealed record CommentThreadView(
    string Id,
    string BoardId,
    CommentAnchor Anchor,
    IReadOnlyList<CommentView> Comments,
    bool Resolved,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    IReadOnlyList<string> Mentions)
{
    /// <summary>The thread's author (who opened it).</summary>
    public string AuthorId => Comments.Count > 0 ? Comments[0].AuthorId : string.Empty;
}

/// <summary>A board's comment threads (newest activity first) and what the caller may do with them.</summary>
public sealed record BoardCommentsView(string BoardId, IReadOnlyList<CommentThreadView> Threads, bool CanComment, bool CanModerate);

/// <summary>Body of <c>POST /api/boards/{boardId}/comments</c>: a new thread with its first comment; the same <paramref name="RequestId"/> again answers the first thread.</summary>
public sealed record NewCommentThreadRequest(CommentAnchor Anchor, string Body, string? RequestId = null);

/// <summary>Body of <c>POST …/comments/{threadId}/replies</c> and <c>PUT …/replies/{commentId}</c>.</summary>
public sealed record CommentRequest(string Body);

/// <summary>Body of <c>PUT …/comments/{threadId}/resolved</c>.</summary>
public sealed record ResolveRequest(bool Resolved);

/// <summary>Body of <c>PUT …/comments/{threadId}/replies/{commentId}/hidden</c> (moderators).</summary>
public sealed record HideCommentRequest(bool Hidden);
