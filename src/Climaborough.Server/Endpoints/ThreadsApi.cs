namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Security.Claims;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Identity;

/// <summary>
/// Discussion threads of a lab over REST (the caller's notifications: <see cref="NotificationsApi"/>). Routes sit under the lab so
/// every one is a row of the living-lab authorization matrix; the thread grain asks the lab for each call.
/// </summary>
public static class ThreadsApi
{
    /// <summary>Maps <c>/api/labs/{labId}/threads</c> and the review queue.</summary>
    public static IEndpointRouteBuilder MapThreadsApi(this IEndpointRouteBuilder app)
    {
        var threads = app.MapGroup("/api/labs/{labId}").WithTags("Discussions");
        threads.MapGet("/threads", ListAsync).AllowAnonymous().WithName("ListThreads").WithSummary("A lab's threads, newest activity first (readers).");
        threads.MapPost("/threads", CreateAsync).RequireAuthorization().WithName("CreateThread").WithSummary("Starts a thread with its first post (members).");
        threads.MapGet("/threads/{threadId}", GetAsync).AllowAnonymous().WithName("GetThread").WithSummary("A thread and its posts (readers; hidden posts' text for moderators only).");
        threads.MapPost("/threads/{threadId}/posts", ReplyAsync).RequireAuthorization().WithName("ReplyToThread").WithSummary("Replies, optionally quoting a post (members; not when locked).");
        threads.MapPut("/threads/{threadId}/posts/{postId}", EditAsync).RequireAuthorization().WithName("EditPost").WithSummary("Changes one's own post; the earlier text goes to its history.");
        threads.MapGet("/threads/{threadId}/posts/{postId}/history", HistoryAsync).AllowAnonymous().WithName("GetPostHistory").WithSummary("A post's earlier texts (readers).");
        threads.MapPut("/threads/{threadId}/posts/{postId}/reactions/{emoji}", (string labId, string threadId, string postId, string emoji, CurrentActor caller, IGrainFactory grains) => ReactAsync(labId, threadId, postId, emoji, true, caller, grains))
            .RequireAuthorization().WithName("AddReaction").WithSummary("Adds the caller's reaction (signed-in readers; idempotent).");
        threads.MapDelete("/threads/{threadId}/posts/{postId}/reactions/{emoji}", (string labId, string threadId, string postId, string emoji, CurrentActor caller, IGrainFactory grains) => ReactAsync(labId, threadId, postId, emoji, false, caller, grains))
            .RequireAuthorization().WithName("RemoveReaction").WithSummary("Removes the caller's reaction.");
        threads.MapPut("/threads/{threadId}/follow", (string labId, string threadId, CurrentActor caller, IGrainFactory grains) => FollowAsync(labId, threadId, true, caller, grains))
            .RequireAuthorization().WithName("FollowThread").WithSummary("Follows a thread: new posts notify the caller (signed-in readers).");
        threads.MapDelete("/threads/{threadId}/follow", (string labId, string threadId, CurrentActor caller, IGrainFactory grains) => FollowAsync(labId, threadId, false, caller, grains))
            .RequireAuthorization().WithName("UnfollowThread").WithSummary("Stops following a thread.");
        threads.MapPost("/threads/{threadId}/posts/{postId}/reports", ReportAsync).RequireAuthorization().WithName("ReportPost").WithSummary("Reports a post to the lab's moderators (signed-in readers).");
        threads.MapPut("/threads/{threadId}/posts/{postId}/moderation", ModerateAsync).RequireAuthorization().WithName("ModeratePost").WithSummary("Hides or shows, flags or clears a post; closes its reports (moderators).");
        threads.MapPut("/threads/{threadId}/locked", LockAsync).RequireAuthorization().WithName("LockThread").WithSummary("Locks or unlocks a thread (moderators).");
        threads.MapGet("/moderation", QueueAsync).RequireAuthorization().WithName("GetReviewQueue").WithSummary("Reported and flagged posts waiting for review (moderators).");

        return app;
    }

    /// <summary>The accounts named with <c>@username</c> in a text, as actors (unknown names are ignored).</summary>
    public static async Task<IReadOnlyList<Actor>> MentionedAsync(string? text, UserManager<ClimaboroughUser> users)
    {
        var found = new List<Actor>();
        foreach (var name in Mentions.Names(text))
        {
            if (await users.FindByNameAsync(name) is { } account)
            {
                found.Add(new Actor(account.Id, account.DisplayName, account.CityId));
            }
        }

        return found;
    }

    private static bool Valid(string labId, string threadId) => LabIds.IsValid(labId) && ThreadIds.IsValid(threadId);

    private static IResult NotFound() => Problems.For(new Refusal(ErrorCodes.NotFound, "There is no such thread."));

    private static async Task<IResult> ListAsync(string labId, CurrentActor caller, IGrainFactory grains)
    {
        var (list, refusal) = await LabsApi.ContentsAsync(labId, "thread", caller, grains, id => grains.GetGrain<IThreadGrain>(id).SummaryAsync(labId));
        if (list is null)
        {
            return refusal!;
        }

        return Results.Ok(list.OrderByDescending(t => t.LastPostAt).ToList());
    }

    private static async Task<IResult> CreateAsync(string labId, CreateThreadRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var actor = caller.Required;
        var (id, refusal) = await LabsApi.ContentIdAsync(labId, "thread", request?.RequestId, actor, grains, ThreadIds.New);
        if (refusal is not null)
        {
            return refusal;
        }

        var thread = grains.GetGrain<IThreadGrain>(id!);
        var outcome = await thread.CreateAsync(actor, labId, request!, await MentionedAsync(request?.Body, users));
        if (outcome.Code == ErrorCodes.Conflict && request?.RequestId is not null)
        {
            outcome = await thread.ViewAsync(actor, labId);
        }

        return Problems.Created($"/api/labs/{labId}/threads/{id}", outcome);
    }

    private static async Task<IResult> GetAsync(string labId, string threadId, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).ViewAsync(caller.Actor, labId)) : NotFound();

    private static async Task<IResult> ReplyAsync(string labId, string threadId, ReplyRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users)
    {
        if (!Valid(labId, threadId))
        {
            return NotFound();
        }

        var outcome = await grains.GetGrain<IThreadGrain>(threadId).ReplyAsync(caller.Required, labId, request, await MentionedAsync(request?.Body, users));
        return Problems.Created($"/api/labs/{labId}/threads/{threadId}#{outcome.Value?.Id}", outcome);
    }

    private static async Task<IResult> EditAsync(string labId, string threadId, string postId, EditPostRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users) =>
        Valid(labId, threadId) && postId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).EditAsync(caller.Required, labId, postId, request, await MentionedAsync(request?.Body, users)))
            : NotFound();

    private static async Task<IResult> HistoryAsync(string labId, string threadId, string postId, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) && postId.Length <= 20 ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).HistoryAsync(caller.Actor, labId, postId)) : NotFound();

    private static async Task<IResult> ReactAsync(string labId, string threadId, string postId, string emoji, bool on, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) && postId.Length <= 20 && emoji.Length <= 16
            ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).ReactAsync(caller.Required, labId, postId, emoji, on))
            : NotFound();

    private static async Task<IResult> FollowAsync(string labId, string threadId, bool follow, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).FollowAsync(caller.Required, labId, follow)) : NotFound();

    private static async Task<IResult> ReportAsync(string labId, string threadId, string postId, ReportRequest request, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) && postId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).ReportAsync(caller.Required, labId, postId, request?.Reason ?? string.Empty))
            : NotFound();

    private static async Task<IResult> ModerateAsync(string labId, string threadId, string postId, ModeratePostRequest request, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) && postId.Length <= 20 && request is not null
            ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).ModerateAsync(caller.Required, labId, postId, request))
            : NotFound();

    private static async Task<IResult> LockAsync(string labId, string threadId, LockRequest request, CurrentActor caller, IGrainFactory grains) =>
        Valid(labId, threadId) && request is not null
            ? Problems.Answer(await grains.GetGrain<IThreadGrain>(threadId).LockAsync(caller.Required, labId, request.Locked))
            : NotFound();

    private static async Task<IResult> QueueAsync(string labId, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var actor = caller.Actor;
        var lab = grains.GetGrain<ILabGrain>(labId);
        if ((await lab.AccessAsync(actor)).Refuse(LabAction.Moderate, "There is no such lab.", "The review queue is for the lab's moderators.") is { } refused)
        {
            return Problems.For(refused);
        }

        var view = await lab.ViewAsync(actor);
        var queue = new List<ReviewItem>();
        foreach (var content in view.Value!.Contents.Where(c => c.Kind == "thread"))
        {
            queue.AddRange(await grains.GetGrain<IThreadGrain>(content.Id).ReviewQueueAsync(labId));
        }

        return Results.Ok(queue);
    }
}
