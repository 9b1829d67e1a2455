namespace Climaborough.Abstractions.Threads;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// One discussion thread of a living lab: its posts (the first opens the thread), replies with quotes,
/// edit history, reactions, followers and moderation state. Every method takes the acting person as the
/// server authenticated them and asks the thread's lab (<see cref="LabPolicy"/>) before acting; a thread
/// asked for under another lab's id answers <c>not-found</c>.
/// </summary>
[LiveTopic(TopicNames.ThreadKind)]
public interface IThreadGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>Opens the thread in <paramref name="labId"/> with its first post (contributors); <paramref name="mentioned"/> are the people named with <c>@</c>.</summary>
    Task<Outcome<ThreadView>> CreateAsync(Actor actor, string labId, CreateThreadRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>The thread as <paramref name="actor"/> may see it (hidden posts' text only for moderators).</summary>
    Task<Outcome<ThreadView>> ViewAsync(Actor? actor, string labId);

    /// <summary>The list entry, if the thread exists in <paramref name="labId"/> (no access check: the caller checked the lab).</summary>
    Task<ThreadSummary?> SummaryAsync(string labId);

    /// <summary>Adds a reply (contributors; not in a locked thread).</summary>
    Task<Outcome<PostView>> ReplyAsync(Actor actor, string labId, ReplyRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>Changes one's own post; the earlier text is kept in its history.</summary>
    Task<Outcome<PostView>> EditAsync(Actor actor, string labId, string postId, EditPostRequest request, IReadOnlyList<Actor> mentioned);

    /// <summary>A post's earlier texts, oldest first (readers; hidden posts' history only for moderators).</summary>
    Task<Outcome<IReadOnlyList<PostRevision>>> HistoryAsync(Actor? actor, string labId, string postId);

    /// <summary>Adds or removes the actor's reaction; doing it twice changes nothing more.</summary>
    Task<Outcome<PostView>> ReactAsync(Actor actor, string labId, string postId, string emoji, bool on);

    /// <summary>Starts or stops following the thread (notifications of new posts).</summary>
    Task<Outcome<bool>> FollowAsync(Actor actor, string labId, bool follow);

    /// <summary>Reports a post to the lab's moderators (once per person and post).</summary>
    Task<Outcome<PostView>> ReportAsync(Actor actor, string labId, string postId, string reason);

    /// <summary>Hides or shows, flags or clears a post, and closes its reports (moderators).</summary>
    Task<Outcome<PostView>> ModerateAsync(Actor actor, string labId, string postId, ModeratePostRequest request);

    /// <summary>Locks or unlocks the thread (moderators).</summary>
    Task<Outcome<ThreadSummary>> LockAsync(Actor actor, string labId, bool locked);

    /// <summary>Posts reported or flagged and not yet reviewed (no access check: the caller checked the lab's moderator role).</summary>
    Task<IReadOnlyList<ReviewItem>> ReviewQueueAsync(string labId);
}

/// <summary>A post changed or was added in a watched thread; watchers apply it (readers see hidden posts without text).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.thread-changed.v1")]
public sealed record ThreadChanged(string Topic, [property: Id(0)] string ThreadId, [property: Id(1)] PostView Post, [property: Id(2)] ThreadSummary Summary) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).ThreadChanged(ThreadId, Post, Summary);
}

/// <summary>Stored state of a thread.</summary>
[GenerateSerializer, Alias("climaborough.thread-state.v1")]
public sealed class ThreadState
{
    /// <summary>Whether the thread was created.</summary>
    [Id(0)] public bool Created { get; set; }

    /// <summary>The lab it belongs to.</summary>
    [Id(1)] public string LabId { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    [Id(2)] public string Title { get; set; } = string.Empty;

    /// <summary>When it was opened.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Posts, oldest first.</summary>
    [Id(4)] public List<StoredPost> Posts { get; set; } = [];

    /// <summary>Followers' account ids.</summary>
    [Id(5)] public HashSet<string> Followers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether replies are closed.</summary>
    [Id(6)] public bool Locked { get; set; }
}

/// <summary>A post as stored: its text and safe HTML, earlier texts, reactions by emoji, moderation state and open reports.</summary>
[GenerateSerializer, Alias("climaborough.thread-post.v1")]
public sealed class StoredPost
{
    /// <summary>Post id (<c>p</c> and a number, unique in the thread).</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>Author's account id.</summary>
    [Id(1)] public string AuthorId { get; set; } = string.Empty;

    /// <summary>Author's display name when written.</summary>
    [Id(2)] public string AuthorName { get; set; } = string.Empty;

    /// <summary>Markdown text.</summary>
    [Id(3)] public string Body { get; set; } = string.Empty;

    /// <summary>The text as safe HTML (rendered once when written or edited).</summary>
    [Id(4)] public string Html { get; set; } = string.Empty;

    /// <summary>When written.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When last edited.</summary>
    [Id(6)] public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Earlier texts, oldest first.</summary>
    [Id(7)] public List<StoredRevision> History { get; set; } = [];

    /// <summary>The quoted post's id.</summary>
    [Id(8)] public string? QuoteOf { get; set; }

    /// <summary>Account ids by emoji.</summary>
    [Id(9)] public Dictionary<string, HashSet<string>> Reactions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Hidden by a moderator.</summary>
    [Id(10)] public bool Hidden { get; set; }

    /// <summary>Flagged by a moderator (shown with a mark; stays in the review queue until cleared).</summary>
    [Id(11)] public bool Flagged { get; set; }

    /// <summary>Open reports: reporter's account id → reason.</summary>
    [Id(12)] public Dictionary<string, string> Reports { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accounts already told they were mentioned here (an edit tells only newly named people).</summary>
    [Id(13)] public HashSet<string> Mentioned { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Files of the thread's lab attached to the post (read by the lab's readers, as the post).</summary>
    [Id(110)] public List<Files.StoredAttachment> Attachments { get; set; } = [];
}

/// <summary>An earlier text of a post, and the files it had then (null in revisions stored before edits kept them).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.thread-revision.v1")]
public sealed record StoredRevision([property: Id(0)] string Body, [property: Id(1)] DateTimeOffset At, [property: Id(2)] IReadOnlyList<Files.StoredAttachment>? Attachments = null);

/// <summary>Thread ids.</summary>
public static class ThreadIds
{
    /// <summary>A new id: <c>t</c> and 12 hex digits.</summary>
    public static string New() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (the same shape as lab ids).</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);
}
