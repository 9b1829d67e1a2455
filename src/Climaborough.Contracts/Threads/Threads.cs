namespace Climaborough.Contracts;

/// <summary>Limits of discussion threads.</summary>
public static class ThreadLimits
{
    /// <summary>Thread title length.</summary>
    public const int MaxTitleLength = 160;

    /// <summary>Post length (Markdown).</summary>
    public const int MaxPostLength = 10_000;

    /// <summary>Report reason length.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Posts in one thread.</summary>
    public const int MaxPosts = 2_000;

    /// <summary>The reactions offered (others are refused).</summary>
    public static readonly IReadOnlyList<string> Reactions = ["👍", "❤️", "💡", "🎉", "🤔"];
}

/// <summary>A thread in a lab's list.</summary>
public sealed record ThreadSummary(string Id, string LabId, string Title, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset LastPostAt, int Replies, bool Locked);

/// <summary>One reaction on a post: the emoji, how many, and whether the caller is one of them.</summary>
public sealed record PostReaction(string Emoji, int Count, bool Mine);

/// <summary>
/// A post as a reader sees it. <see cref="Html"/> is the Markdown rendered and sanitized once on the
/// server when the post was written. A hidden post reaches moderators with <see cref="Hidden"/> set and
/// everyone else with neither body nor HTML.
/// </summary>
public sealed record PostView(
    string Id,
    string AuthorId,
    string AuthorName,
    string Body,
    string Html,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    int Edits,
    string? QuoteOf,
    string? QuoteAuthor,
    string? QuoteText,
    IReadOnlyList<PostReaction> Reactions,
    bool Hidden,
    bool Flagged,
    int Reports,
    IReadOnlyList<FileAttachment>? Attachments = null);

/// <summary>A thread with its posts (the first is the opening post) and the caller's standing.</summary>
public sealed record ThreadView(ThreadSummary Summary, IReadOnlyList<PostView> Posts, bool Following, bool CanReply, bool CanModerate);

/// <summary>An earlier text of an edited post, and the files it had then (null when not known: revisions kept before edits recorded them, and board comments).</summary>
public sealed record PostRevision(string Body, DateTimeOffset At, IReadOnlyList<FileAttachment>? Attachments = null);

/// <summary>Body of <c>POST /api/labs/{labId}/threads</c>; the same <paramref name="RequestId"/> again returns the first thread. <paramref name="Attachments"/>: ids of the lab's files to attach to the first post.</summary>
public sealed record CreateThreadRequest(string Title, string Body, string? RequestId = null, IReadOnlyList<string>? Attachments = null);

/// <summary>Body of <c>POST …/threads/{threadId}/posts</c>: a reply, optionally quoting a post, with the ids of the lab's files it attaches.</summary>
public sealed record ReplyRequest(string Body, string? QuoteOf, IReadOnlyList<string>? Attachments = null);

/// <summary>Body of <c>PUT …/posts/{postId}</c>; <paramref name="Attachments"/> replaces the post's attachments (null keeps them).</summary>
public sealed record EditPostRequest(string Body, IReadOnlyList<string>? Attachments = null);

/// <summary>Body of <c>POST …/posts/{postId}/reports</c>.</summary>
public sealed record ReportRequest(string Reason);

/// <summary>Body of <c>PUT …/posts/{postId}/moderation</c> (moderators): hide or show, flag or clear, and close the post's reports.</summary>
public sealed record ModeratePostRequest(bool Hidden, bool Flagged);

/// <summary>Body of <c>PUT …/threads/{threadId}/locked</c>.</summary>
public sealed record LockRequest(bool Locked);

/// <summary>A post waiting in a lab's review queue: reported or flagged, not yet reviewed.</summary>
public sealed record ReviewItem(string ThreadId, string ThreadTitle, PostView Post, IReadOnlyList<string> Reasons);
