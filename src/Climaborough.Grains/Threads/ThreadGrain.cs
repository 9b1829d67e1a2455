namespace Climaborough.Grains.Threads;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Climaborough.Grains.Text;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>See <see cref="IThreadGrain"/>. Each call asks the thread's lab grain (<see cref="LabPolicy"/>) before acting.</summary>
public sealed class ThreadGrain(
    [PersistentState("thread")] IPersistentState<ThreadState> state,
    TimeProvider time,
    ILogger<ThreadGrain> logger) : TopicGrain(logger), IThreadGrain
{
    private string Id => this.GetPrimaryKeyString();

    private ThreadState S => state.State;

    public async Task<Outcome<ThreadView>> CreateAsync(Actor actor, string labId, CreateThreadRequest request, IReadOnlyList<Actor> mentioned)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This thread exists already.");
        }

        var lab = GrainFactory.GetGrain<ILabGrain>(labId);
        var access = await lab.AccessAsync(actor);
        if (access.Refuse(LabAction.Contribute, "There is no such lab.", "Starting a thread needs the member role in this lab.") is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(request?.Title) || request.Title.Trim().Length > ThreadLimits.MaxTitleLength)
        {
            return new Refusal(ErrorCodes.Invalid, $"title: 1 to {ThreadLimits.MaxTitleLength} characters.");
        }

        if (InvalidBody(request.Body) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        var (attached, notAttached) = await Attachments.ResolveAsync(GrainFactory, labId, request.Attachments);
        if (notAttached is not null)
        {
            return new Refusal(ErrorCodes.Invalid, notAttached);
        }

        var now = time.GetUtcNow();
        S.Created = true;
        S.LabId = labId;
        S.Title = request.Title.Trim();
        S.CreatedAt = now;
        var post = NewPost(actor, request.Body, null, now);
        post.Attachments = [.. attached!];
        S.Posts.Add(post);
        S.Followers.Add(actor.UserId);
        await state.WriteStateAsync();
        await lab.AddContentAsync(actor, new LabContent("thread", Id, S.Title, now));
        await NotifyAsync(actor, post, mentioned, followers: false);
        return new(ViewFor(actor, access));
    }

    public async Task<Outcome<ThreadView>> ViewAsync(Actor? actor, string labId)
    {
        var (refused, access) = await CheckAsync(actor, labId, LabAction.Read);
        return refused ?? new Outcome<ThreadView>(ViewFor(actor, access));
    }

    public Task<ThreadSummary?> SummaryAsync(string labId) => Task.FromResult(S.Created && S.LabId == labId ? Summary() : null);

    public async Task<Outcome<PostView>> ReplyAsync(Actor actor, string labId, ReplyRequest request, IReadOnlyList<Actor> mentioned)
    {
        if ((await CheckAsync(actor, labId, LabAction.Contribute, "Replying needs the member role in this lab.")).Refused is { } refused)
        {
            return refused;
        }

        if (S.Locked)
        {
            return new Refusal(ErrorCodes.Conflict, "This thread is locked: no new replies.");
        }

        if (InvalidBody(request?.Body) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (request!.QuoteOf is not null && Find(request.QuoteOf) is not { Hidden: false })
        {
            return new Refusal(ErrorCodes.Invalid, "quoteOf: there is no such post in this thread.");
        }

        if (S.Posts.Count >= ThreadLimits.MaxPosts)
        {
            return new Refusal(ErrorCodes.Conflict, $"A thread holds at most {ThreadLimits.MaxPosts} posts: start a new one.");
        }

        var (attached, notAttached) = await Attachments.ResolveAsync(GrainFactory, labId, request.Attachments);
        if (notAttached is not null)
        {
            return new Refusal(ErrorCodes.Invalid, notAttached);
        }

        var post = NewPost(actor, request.Body, request.QuoteOf, time.GetUtcNow());
        post.Attachments = [.. attached!];
        S.Posts.Add(post);
        S.Followers.Add(actor.UserId);
        await state.WriteStateAsync();
        Publish(post);
        await Lab.RecordAsync(actor, "replied", ["1", S.Title]);
        await NotifyAsync(actor, post, mentioned, followers: true);
        return new(ToView(post, actor, moderator: false));
    }

    public async Task<Outcome<PostView>> EditAsync(Actor actor, string labId, string postId, EditPostRequest request, IReadOnlyList<Actor> mentioned)
    {
        var (refused, access) = await CheckAsync(actor, labId, LabAction.Read);
        if (refused is not null)
        {
            return refused;
        }

        var moderator = access.Moderate;
        if (Find(postId) is not { } post || (post.Hidden && !moderator && post.AuthorId != actor.UserId))
        {
            return new Refusal(ErrorCodes.Invalid, "postId: there is no such post in this thread.");
        }

        if (post.AuthorId != actor.UserId)
        {
            return new Refusal(ErrorCodes.Forbidden, "Only its author edits a post.");
        }

        if (S.Locked)
        {
            return new Refusal(ErrorCodes.Conflict, "This thread is locked: posts cannot be changed.");
        }

        if (InvalidBody(request?.Body) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        (IReadOnlyList<StoredAttachment>? attached, string? notAttached) = request!.Attachments is null ? (post.Attachments, null) : await Attachments.KeptOrResolvedAsync(GrainFactory, S.LabId, post.Attachments, request.Attachments);
        if (notAttached is not null)
        {
            return new Refusal(ErrorCodes.Invalid, notAttached);
        }

        var sameFiles = attached!.Select(a => a.FileId).SequenceEqual(post.Attachments.Select(a => a.FileId), StringComparer.Ordinal);
        if (request.Body == post.Body && sameFiles)
        {
            return new(ToView(post, actor, moderator));
        }

        // Every edit keeps what the post was, its text and its files, whichever of them changed.
        post.History.Add(new StoredRevision(post.Body, post.EditedAt ?? post.CreatedAt, [.. post.Attachments]));
        if (request.Body != post.Body)
        {
            post.Body = request.Body;
            post.Html = MarkdownRenderer.ToSafeHtml(request.Body, S.LabId);
        }

        post.Attachments = [.. attached!];
        post.EditedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        Publish(post);

        // Only people newly named are told (the post remembers whom it told).
        await NotifyAsync(actor, post, mentioned, followers: false);
        return new(ToView(post, actor, moderator));
    }

    public async Task<Outcome<IReadOnlyList<PostRevision>>> HistoryAsync(Actor? actor, string labId, string postId)
    {
        var (refused, access) = await CheckAsync(actor, labId, LabAction.Read);
        if (refused is not null)
        {
            return refused;
        }

        if (Find(postId) is not { } post || (post.Hidden && !access.Moderate))
        {
            return new Refusal(ErrorCodes.Invalid, "postId: there is no such post in this thread.");
        }

        return new([.. post.History.Select(r => new PostRevision(r.Body, r.At, r.Attachments is null ? null : [.. r.Attachments.Select(a => a.ToView())]))]);
    }

    public async Task<Outcome<PostView>> ReactAsync(Actor actor, string labId, string postId, string emoji, bool on)
    {
        if ((await CheckAsync(actor, labId, LabAction.Participate)).Refused is { } refused)
        {
            return refused;
        }

        if (Find(postId) is not { Hidden: false } post)
        {
            return new Refusal(ErrorCodes.Invalid, "postId: there is no such post in this thread.");
        }

        if (!ThreadLimits.Reactions.Contains(emoji))
        {
            return new Refusal(ErrorCodes.Invalid, $"emoji: one of {string.Join(" ", ThreadLimits.Reactions)}.");
        }

        var changed = on
            ? (post.Reactions.TryGetValue(emoji, out var who) ? who : post.Reactions[emoji] = new(StringComparer.Ordinal)).Add(actor.UserId)
            : post.Reactions.TryGetValue(emoji, out var had) && had.Remove(actor.UserId);
        if (changed)
        {
            if (post.Reactions.TryGetValue(emoji, out var left) && left.Count == 0)
            {
                post.Reactions.Remove(emoji);
            }

            await state.WriteStateAsync();
            Publish(post);
        }

        return new(ToView(post, actor, moderator: false));
    }

    public async Task<Outcome<bool>> FollowAsync(Actor actor, string labId, bool follow)
    {
        if ((await CheckAsync(actor, labId, LabAction.Participate)).Refused is { } refused)
        {
            return refused;
        }

        if (follow ? S.Followers.Add(actor.UserId) : S.Followers.Remove(actor.UserId))
        {
            await state.WriteStateAsync();
        }

        return new(follow);
    }

    public async Task<Outcome<PostView>> ReportAsync(Actor actor, string labId, string postId, string reason)
    {
        if ((await CheckAsync(actor, labId, LabAction.Participate)).Refused is { } refused)
        {
            return refused;
        }

        if (Find(postId) is not { Hidden: false } post)
        {
            return new Refusal(ErrorCodes.Invalid, "postId: there is no such post in this thread.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ThreadLimits.MaxReasonLength)
        {
            return new Refusal(ErrorCodes.Invalid, $"reason: 1 to {ThreadLimits.MaxReasonLength} characters.");
        }

        post.Reports[actor.UserId] = reason.Trim();
        await state.WriteStateAsync();
        return new(ToView(post, actor, moderator: false));
    }

    public async Task<Outcome<PostView>> ModerateAsync(Actor actor, string labId, string postId, ModeratePostRequest request)
    {
        if ((await CheckAsync(actor, labId, LabAction.Moderate, "Moderating needs the moderator role in this lab.")).Refused is { } refused)
        {
            return refused;
        }

        if (Find(postId) is not { } post)
        {
            return new Refusal(ErrorCodes.Invalid, "postId: there is no such post in this thread.");
        }

        ArgumentNullException.ThrowIfNull(request);
        post.Hidden = request.Hidden;
        post.Flagged = request.Flagged;
        post.Reports.Clear();
        await state.WriteStateAsync();
        Publish(post);
        return new(ToView(post, actor, moderator: true));
    }

    public async Task<Outcome<ThreadSummary>> LockAsync(Actor actor, string labId, bool locked)
    {
        if ((await CheckAsync(actor, labId, LabAction.Moderate, "Locking needs the moderator role in this lab.")).Refused is { } refused)
        {
            return refused;
        }

        if (S.Locked != locked)
        {
            S.Locked = locked;
            await state.WriteStateAsync();
            Publish(S.Posts[0]);
        }

        return new(Summary());
    }

    public Task<IReadOnlyList<ReviewItem>> ReviewQueueAsync(string labId) => Task.FromResult<IReadOnlyList<ReviewItem>>(
        S.Created && S.LabId == labId
            ? [.. S.Posts.Where(p => p.Reports.Count > 0 || p.Flagged).Select(p => new ReviewItem(Id, S.Title, ToView(p, null, moderator: true), [.. p.Reports.Values]))]
            : []);

    private ILabGrain Lab => GrainFactory.GetGrain<ILabGrain>(S.LabId);

    /// <summary>
    /// One question to the lab per call: what the actor may do there. Refused as not-found when the
    /// thread is not in that lab or the actor may not read the lab, forbidden when they read but may not act.
    /// </summary>
    private async Task<(Refusal? Refused, LabAccess Access)> CheckAsync(Actor? actor, string labId, LabAction action, string? forbidden = null)
    {
        if (!S.Created || S.LabId != labId)
        {
            return (Refusal.NotFound(NoSuchThread), LabAccess.None);
        }

        var access = await Lab.AccessAsync(actor);
        return (access.Refuse(action, NoSuchThread, forbidden), access);
    }

    private const string NoSuchThread = "There is no such thread.";

    private static Outcome<T> NotFound<T>() => new Refusal(ErrorCodes.NotFound, NoSuchThread);

    private static string? InvalidBody(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "body: a post needs some text."
        : body.Length > ThreadLimits.MaxPostLength ? $"body: at most {ThreadLimits.MaxPostLength} characters (this one has {body.Length})."
        : null;

    private StoredPost NewPost(Actor actor, string body, string? quoteOf, DateTimeOffset at) => new()
    {
        Id = "p" + (S.Posts.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        AuthorId = actor.UserId,
        AuthorName = actor.Name,
        Body = body,
        Html = MarkdownRenderer.ToSafeHtml(body, S.LabId),
        CreatedAt = at,
        QuoteOf = quoteOf,
    };

    private StoredPost? Find(string? postId) => S.Posts.Find(p => p.Id == postId);

    private ThreadSummary Summary() => new(Id, S.LabId, S.Title, S.Posts[0].AuthorName, S.CreatedAt, S.Posts[^1].CreatedAt, S.Posts.Count - 1, S.Locked);

    private ThreadView ViewFor(Actor? actor, LabAccess access) => new(
        Summary(),
        [.. S.Posts.Select(p => ToView(p, actor, access.Moderate))],
        actor is not null && S.Followers.Contains(actor.UserId),
        !S.Locked && access.Contribute,
        access.Moderate);

    /// <summary>A post for a reader: a hidden post keeps its place but loses its text, except for moderators.</summary>
    private PostView ToView(StoredPost p, Actor? actor, bool moderator)
    {
        var shown = !p.Hidden || moderator;
        var quoted = p.QuoteOf is null ? null : Find(p.QuoteOf);
        var quoteShown = quoted is not null && (!quoted.Hidden || moderator);
        return new PostView(
            p.Id,
            p.AuthorId,
            p.AuthorName,
            shown ? p.Body : string.Empty,
            shown ? p.Html : string.Empty,
            p.CreatedAt,
            p.EditedAt,
            p.History.Count,
            p.QuoteOf,
            quoted?.AuthorName,
            quoteShown ? Excerpts.Of(quoted!.Body, 280) : null,
            [.. ThreadLimits.Reactions.Where(p.Reactions.ContainsKey).Select(e => new PostReaction(e, p.Reactions[e].Count, actor is not null && p.Reactions[e].Contains(actor.UserId)))],
            p.Hidden,
            p.Flagged,
            moderator ? p.Reports.Count : 0,
            shown ? [.. p.Attachments.Select(a => a.ToView())] : []);
    }

    /// <summary>Live: watchers get the post as every reader may see it (moderators reload hidden ones).</summary>
    private void Publish(StoredPost post) => Watchers.Publish(new ThreadChanged(TopicNames.Thread(Id), Id, ToView(post, null, moderator: false), Summary()));

    /// <summary>Whether an account may be told anything: not suspended (an account the user grain does not know is not suspended).</summary>
    private async Task<bool> ActiveAsync(string userId)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(userId).GetAccessAsync();
        return !account.Known || PlatformRoles.IsActive(account.Roles);
    }

    private async Task NotifyAsync(Actor actor, StoredPost post, IReadOnlyList<Actor> mentioned, bool followers)
    {
        var link = $"labs/{S.LabId}/threads/{Id}#{post.Id}";
        var excerpt = Excerpts.OfMarkdown(post.Body, 160);
        var told = new HashSet<string>(StringComparer.Ordinal) { actor.UserId };
        var newlyTold = false;
        foreach (var person in mentioned)
        {
            // Only people with an active account who may read the lab hear of it (a mention never reveals a
            // private lab), once per post: the same check as for followers below.
            if (told.Add(person.UserId) && !post.Mentioned.Contains(person.UserId) && await ActiveAsync(person.UserId) && await Lab.AllowsAsync(person, LabAction.Read))
            {
                await GrainFactory.GetGrain<INotificationGrain>(person.UserId).NotifyAsync(NotificationKind.Mention, actor.Name, S.Title, excerpt, link);
                newlyTold |= post.Mentioned.Add(person.UserId);
            }
        }

        if (newlyTold)
        {
            await state.WriteStateAsync();
        }

        if (followers)
        {
            // Checked when sent: a follower who may no longer read the lab (removed, suspended, the lab
            // made private) hears nothing and stops following.
            var gone = new List<string>();
            foreach (var follower in S.Followers.Where(told.Add).ToList())
            {
                var account = await GrainFactory.GetGrain<IUserGrain>(follower).GetAccessAsync();
                var person = account.Known && !PlatformRoles.IsActive(account.Roles) ? null : new Actor(follower, account.Profile?.DisplayName ?? follower, account.Profile?.CityId);
                if (person is null || !await Lab.AllowsAsync(person, LabAction.Read))
                {
                    gone.Add(follower);
                    continue;
                }

                await GrainFactory.GetGrain<INotificationGrain>(follower).NotifyAsync(NotificationKind.Reply, actor.Name, S.Title, excerpt, link);
            }

            if (gone.Count > 0)
            {
                S.Followers.ExceptWith(gone);
                await state.WriteStateAsync();
            }
        }
    }
}
