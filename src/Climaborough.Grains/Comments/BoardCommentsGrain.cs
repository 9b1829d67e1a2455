namespace Climaborough.Grains.Comments;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Comments;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Climaborough.Grains.Text;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>
/// See <see cref="IBoardCommentsGrain"/>. Each call asks the board's lab once; every change is written
/// to storage before it is answered or published, and a failed write drops the activation so that
/// nothing unstored is ever shown again.
/// </summary>
public sealed class BoardCommentsGrain(
    [PersistentState("comments")] IPersistentState<BoardCommentsState> state,
    TimeProvider time,
    ILogger<BoardCommentsGrain> logger) : TopicGrain(logger), IBoardCommentsGrain
{
    private string Id => this.GetPrimaryKeyString();

    private BoardCommentsState S => state.State;

    public async Task<Outcome<BoardCommentsView>> ListAsync(Actor? actor)
    {
        var (refused, access) = await CheckAsync(actor, LabAction.Read);
        if (refused is not null)
        {
            return refused;
        }

        return new(new BoardCommentsView(
            Id,
            [.. S.Threads.OrderByDescending(t => t.LastActivityAt).Select(t => ToView(t, access.Moderate))],
            actor is not null && access.Comment,
            access.Moderate));
    }

    public async Task<Outcome<CommentThreadView>> StartAsync(Actor actor, NewCommentThreadRequest request, IReadOnlyList<Actor> mentioned)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (refused, access) = await CheckAsync(actor, LabAction.Comment, "Commenting needs a role in this board's lab.");
        if (refused is not null)
        {
            return refused;
        }

        if (request?.RequestId is { Length: > 0 } requestId && S.Requests.TryGetValue(actor.UserId + "/" + requestId, out var made) && Find(made) is { } again)
        {
            return new(ToView(again, access.Moderate));
        }

        if (request?.Anchor is not { } anchor)
        {
            return new Refusal(ErrorCodes.Invalid, "anchor: an element or a point of the board.");
        }

        if ((InvalidAnchor(anchor) ?? InvalidBody(request.Body)) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (S.Threads.Count >= CommentLimits.MaxThreads)
        {
            return new Refusal(ErrorCodes.Conflict, $"A board holds at most {CommentLimits.MaxThreads} comment threads.");
        }

        var now = time.GetUtcNow();
        var thread = new StoredCommentThread
        {
            Id = "k" + (S.LastThread + 1).ToString(CultureInfo.InvariantCulture),
            ElementId = string.IsNullOrEmpty(anchor.ElementId) ? null : anchor.ElementId,
            X = anchor.X,
            Y = anchor.Y,
            CreatedAt = now,
            LastActivityAt = now,
        };
        thread.Comments.Add(NewComment(thread, actor, request.Body, now));
        thread.Followers.Add(actor.UserId);
        S.LastThread++;
        S.Threads.Add(thread);
        if (request.RequestId is { Length: > 0 and <= 64 } id)
        {
            if (S.Requests.Count >= 1_000)
            {
                S.Requests.Clear();
            }

            S.Requests[actor.UserId + "/" + id] = thread.Id;
        }

        await WriteAsync();
        Publish(thread);
        await NotifyAsync(actor, thread, thread.Comments[0], mentioned, followers: false);
        return new(ToView(thread, access.Moderate));
    }

    public async Task<Outcome<CommentThreadView>> ReplyAsync(Actor actor, string threadId, CommentRequest request, IReadOnlyList<Actor> mentioned)
    {
        var (refused, access) = await CheckAsync(actor, LabAction.Comment, "Commenting needs a role in this board's lab.");
        if (refused is not null)
        {
            return refused;
        }

        if (Find(threadId) is not { } thread)
        {
            return NoSuchThread();
        }

        if (InvalidBody(request?.Body) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (thread.Comments.Count >= CommentLimits.MaxComments)
        {
            return new Refusal(ErrorCodes.Conflict, $"A comment thread holds at most {CommentLimits.MaxComments} comments.");
        }

        var now = time.GetUtcNow();
        var comment = NewComment(thread, actor, request!.Body, now);
        thread.Comments.Add(comment);
        thread.Followers.Add(actor.UserId);
        thread.LastActivityAt = now;

        // A reply asks for an answer: the thread is open again.
        thread.ResolvedAt = null;
        thread.ResolvedBy = null;
        await WriteAsync();
        Publish(thread);
        await NotifyAsync(actor, thread, comment, mentioned, followers: true);
        return new(ToView(thread, access.Moderate));
    }

    public async Task<Outcome<CommentThreadView>> EditAsync(Actor actor, string threadId, string commentId, CommentRequest request, IReadOnlyList<Actor> mentioned)
    {
        var (refused, access) = await CheckAsync(actor, LabAction.Comment, "Commenting needs a role in this board's lab.");
        if (refused is not null)
        {
            return refused;
        }

        if (Find(threadId) is not { } thread || thread.Comments.Find(c => c.Id == commentId) is not { } comment)
        {
            return NoSuchThread();
        }

        if (comment.AuthorId != actor.UserId)
        {
            return Refusal.Forbidden("Only its author edits a comment.");
        }

        if (InvalidBody(request?.Body) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (request!.Body != comment.Body)
        {
            var now = time.GetUtcNow();
            comment.History.Add(new StoredRevision(comment.Body, comment.EditedAt ?? comment.CreatedAt));
            comment.Body = request.Body;
            comment.Html = MarkdownRenderer.ToSafeHtml(request.Body);
            comment.EditedAt = now;
            thread.LastActivityAt = now;
            await WriteAsync();
            Publish(thread);

            // Only people newly named are told (the comment remembers whom it told).
            await NotifyAsync(actor, thread, comment, mentioned, followers: false);
        }

        return new(ToView(thread, access.Moderate));
    }

    public async Task<Outcome<IReadOnlyList<PostRevision>>> HistoryAsync(Actor? actor, string threadId, string commentId)
    {
        var (refused, access) = await CheckAsync(actor, LabAction.Read);
        if (refused is not null)
        {
            return refused;
        }

        if (Find(threadId)?.Comments.Find(c => c.Id == commentId) is not { } comment || (comment.Hidden && !access.Moderate))
        {
            return NoSuchThread();
        }

        return new([.. comment.History.Select(r => new PostRevision(r.Body, r.At))]);
    }

    public async Task<Outcome<CommentThreadView>> ResolveAsync(Actor actor, string threadId, bool resolved)
    {
        var (refused, access) = await CheckAsync(actor, LabAction.Comment, "Resolving needs a role in this board's lab.");
        if (refused is not null)
        {
            return refused;
        }

        if (Find(threadId) is not { } thread)
        {
            return NoSuchThread();
        }

        if (thread.Comments[0].AuthorId != actor.UserId && !access.Moderate)
        {
            return Refusal.Forbidden("Only the thread's author or a moderator resolves or reopens it.");
        }

        if (resolved != thread.ResolvedAt.HasValue)
        {
            var now = time.GetUtcNow();
            thread.ResolvedAt = resolved ? now : null;
            thread.ResolvedBy = resolved ? actor.Name : null;
            thread.LastActivityAt = now;
            await WriteAsync();
            Publish(thread);
        }

        return new(ToView(thread, access.Moderate));
    }

    public async Task<Outcome<CommentThreadView>> HideAsync(Actor actor, string threadId, string commentId, bool hidden)
    {
        var (refused, _) = await CheckAsync(actor, LabAction.Moderate, "Hiding comments needs the moderator role in this lab.");
        if (refused is not null)
        {
            return refused;
        }

        if (Find(threadId) is not { } thread || thread.Comments.Find(c => c.Id == commentId) is not { } comment)
        {
            return NoSuchThread();
        }

        if (comment.Hidden != hidden)
        {
            comment.Hidden = hidden;
            await WriteAsync();
            Publish(thread);
        }

        return new(ToView(thread, moderator: true));
    }

    public Task<IReadOnlyList<CommentThreadView>> ExportAsync() =>
        Task.FromResult<IReadOnlyList<CommentThreadView>>([.. S.Threads.Select(t => ToView(t, moderator: false))]);

    /// <summary>
    /// The board decides who may read it (its lab, or anyone signed in for a board outside labs); the lab
    /// decides who may comment and moderate. Who may not read gets exactly the board's own not-found answer.
    /// </summary>
    private async Task<(Refusal? Refused, LabAccess Access)> CheckAsync(Actor? actor, LabAction action, string? forbidden = null)
    {
        if (!S.Known)
        {
            var board = await GrainFactory.GetGrain<IBoardGrain>(Id).ViewAsync(actor);
            if (!board.Ok)
            {
                return (board.Refusal, LabAccess.None);
            }

            S.LabId = board.Value!.LabId;
            S.Known = true;
        }

        LabAccess access;
        if (S.LabId is { } labId)
        {
            access = await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor);
        }
        else
        {
            access = actor is null ? LabAccess.None : new LabAccess(null, Read: true, Contribute: true, Participate: true, Moderate: false, Comment: true);
        }

        if (access.Refuse(action, NoSuchBoard, forbidden) is { } refused)
        {
            return (refused.Code == ErrorCodes.NotFound ? refused with { Code = ErrorCodes.NoSuchBoard } : refused, access);
        }

        return (null, access);
    }

    private string NoSuchBoard => $"There is no board '{Id}'.";

    private static Refusal NoSuchThread() => new(ErrorCodes.NotFound, "There is no such comment on this board.");

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What is in memory is no longer what is stored: start again from storage.
            DeactivateOnIdle();
            throw;
        }
    }

    private static string? InvalidBody(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "body: a comment needs some text."
        : body.Length > CommentLimits.MaxCommentLength ? $"body: at most {CommentLimits.MaxCommentLength} characters (this one has {body.Length})."
        : null;

    private static string? InvalidAnchor(CommentAnchor anchor) =>
        !double.IsFinite(anchor.X) || !double.IsFinite(anchor.Y) || Math.Abs(anchor.X) > CommentLimits.MaxCoordinate || Math.Abs(anchor.Y) > CommentLimits.MaxCoordinate
            ? $"anchor: x and y within ±{CommentLimits.MaxCoordinate.ToString(CultureInfo.InvariantCulture)}."
            : anchor.ElementId is { Length: > 64 } ? "anchor: elementId is at most 64 characters."
            : null;

    private static StoredPost NewComment(StoredCommentThread thread, Actor actor, string body, DateTimeOffset at) => new()
    {
        Id = "c" + (thread.Comments.Count + 1).ToString(CultureInfo.InvariantCulture),
        AuthorId = actor.UserId,
        AuthorName = actor.Name,
        Body = body,
        Html = MarkdownRenderer.ToSafeHtml(body),
        CreatedAt = at,
    };

    private StoredCommentThread? Find(string? threadId) => S.Threads.Find(t => t.Id == threadId);

    private CommentThreadView ToView(StoredCommentThread t, bool moderator) => new(
        t.Id,
        Id,
        new CommentAnchor(t.ElementId, t.X, t.Y),
        [.. t.Comments.Select(c => new CommentView(c.Id, c.AuthorId, c.AuthorName, !c.Hidden || moderator ? c.Body : string.Empty, !c.Hidden || moderator ? c.Html : string.Empty, c.CreatedAt, c.EditedAt, c.History.Count, c.Hidden))],
        t.ResolvedAt.HasValue,
        t.ResolvedBy,
        t.ResolvedAt,
        t.CreatedAt,
        t.LastActivityAt,
        [.. t.Comments.Where(c => !c.Hidden).SelectMany(c => c.Mentioned).Distinct(StringComparer.Ordinal)]);

    /// <summary>Live: watchers get the thread as every reader may see it (moderators read hidden text again).</summary>
    private void Publish(StoredCommentThread thread) => Watchers.Publish(new CommentThreadChanged(TopicNames.Comments(Id), Id, ToView(thread, moderator: false)));

    private async Task<bool> ActiveAsync(string userId)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(userId).GetAccessAsync();
        return !account.Known || PlatformRoles.IsActive(account.Roles);
    }

    /// <summary>Whether a person may read the board (its lab's rule, or signed in for a board outside labs).</summary>
    private async Task<bool> MayReadAsync(Actor person) =>
        S.LabId is not { } labId || await GrainFactory.GetGrain<ILabGrain>(labId).AllowsAsync(person, LabAction.Read);

    /// <summary>Mentions and replies notify as in threads: only people who may read the board, each mention once per comment.</summary>
    private async Task NotifyAsync(Actor actor, StoredCommentThread thread, StoredPost comment, IReadOnlyList<Actor> mentioned, bool followers)
    {
        var link = $"boards/{Id}?comment={thread.Id}";
        var title = (await GrainFactory.GetGrain<IBoardGrain>(Id).ViewAsync(actor)).Value?.Title ?? Id;
        var excerpt = Excerpts.OfMarkdown(comment.Body, 160);
        var told = new HashSet<string>(StringComparer.Ordinal) { actor.UserId };
        var newlyTold = false;
        foreach (var person in mentioned)
        {
            if (told.Add(person.UserId) && !comment.Mentioned.Contains(person.UserId) && await ActiveAsync(person.UserId) && await MayReadAsync(person))
            {
                await GrainFactory.GetGrain<INotificationGrain>(person.UserId).NotifyAsync(NotificationKind.Mention, actor.Name, title, excerpt, link);
                newlyTold |= comment.Mentioned.Add(person.UserId);
            }
        }

        if (followers)
        {
            var gone = new List<string>();
            foreach (var follower in thread.Followers.Where(told.Add).ToList())
            {
                var account = await GrainFactory.GetGrain<IUserGrain>(follower).GetAccessAsync();
                var person = account.Known && !PlatformRoles.IsActive(account.Roles) ? null : new Actor(follower, account.Profile?.DisplayName ?? follower, account.Profile?.CityId);
                if (person is null || !await MayReadAsync(person))
                {
                    gone.Add(follower);
                    continue;
                }

                await GrainFactory.GetGrain<INotificationGrain>(follower).NotifyAsync(NotificationKind.Reply, actor.Name, title, excerpt, link);
            }

            if (gone.Count > 0)
            {
                thread.Followers.ExceptWith(gone);
                newlyTold = true;
            }
        }

        if (newlyTold)
        {
            await WriteAsync();
            Publish(thread);
        }
    }
}
