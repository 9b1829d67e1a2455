namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Comments;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Identity;

/// <summary>
/// Comment threads on a board's elements over REST (live: <c>WatchComments</c> on the hub). Thin: the
/// board's comments grain decides, asking the board's lab (<see cref="LabAction.Comment"/>, which
/// observers hold); who may not read the board gets exactly the 404 of a board that does not exist.
/// </summary>
public static class CommentsApi
{
    /// <summary>Maps <c>/api/boards/{boardId}/comments</c>.</summary>
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/boards/{boardId}/comments").WithTags("Comments").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListComments").WithSummary("A board's comment threads, newest activity first (readers).");
        group.MapPost("/", StartAsync).WithName("StartCommentThread").WithSummary("Opens a thread on an element or a point (members and observers).");
        group.MapPost("/{threadId}/posts", ReplyAsync).WithName("ReplyToComment").WithSummary("Replies in a thread; a resolved thread opens again (members and observers).");
        group.MapPut("/{threadId}/posts/{commentId}", EditAsync).WithName("EditComment").WithSummary("Changes one's own comment; the earlier text goes to its history.");
        group.MapGet("/{threadId}/posts/{commentId}/history", HistoryAsync).WithName("GetCommentHistory").WithSummary("A comment's earlier texts (readers).");
        group.MapPut("/{threadId}/resolved", ResolveAsync).WithName("ResolveComment").WithSummary("Resolves or reopens a thread (its author or a moderator).");
        group.MapPut("/{threadId}/posts/{commentId}/hidden", HideAsync).WithName("HideComment").WithSummary("Hides or shows a comment (moderators).");
        return app;
    }

    private static IBoardCommentsGrain? Comments(string boardId, IGrainFactory grains) =>
        BoardIds.IsValid(boardId) ? grains.GetGrain<IBoardCommentsGrain>(boardId) : null;

    private static IResult NoSuchBoard(string boardId) => Problems.For(new Refusal(ErrorCodes.NoSuchBoard, $"There is no board '{boardId}'."));

    private static async Task<IResult> ListAsync(string boardId, CurrentActor caller, IGrainFactory grains) =>
        Comments(boardId, grains) is { } comments ? Problems.Answer(await comments.ListAsync(caller.Required)) : NoSuchBoard(boardId);

    private static async Task<IResult> StartAsync(string boardId, NewCommentThreadRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users)
    {
        if (Comments(boardId, grains) is not { } comments)
        {
            return NoSuchBoard(boardId);
        }

        var started = await comments.StartAsync(caller.Required, request, await ThreadsApi.MentionedAsync(request?.Body, users));
        return Problems.Created($"/api/boards/{boardId}/comments/{started.Value?.Id}", started);
    }

    private static async Task<IResult> ReplyAsync(string boardId, string threadId, CommentRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users) =>
        Comments(boardId, grains) is { } comments
            ? Problems.Answer(await comments.ReplyAsync(caller.Required, threadId, request, await ThreadsApi.MentionedAsync(request?.Body, users)))
            : NoSuchBoard(boardId);

    private static async Task<IResult> EditAsync(string boardId, string threadId, string commentId, CommentRequest request, CurrentActor caller, IGrainFactory grains, UserManager<ClimaboroughUser> users) =>
        Comments(boardId, grains) is { } comments
            ? Problems.Answer(await comments.EditAsync(caller.Required, threadId, commentId, request, await ThreadsApi.MentionedAsync(request?.Body, users)))
            : NoSuchBoard(boardId);

    private static async Task<IResult> HistoryAsync(string boardId, string threadId, string commentId, CurrentActor caller, IGrainFactory grains) =>
        Comments(boardId, grains) is { } comments ? Problems.Answer(await comments.HistoryAsync(caller.Required, threadId, commentId)) : NoSuchBoard(boardId);

    private static async Task<IResult> ResolveAsync(string boardId, string threadId, ResolveRequest request, CurrentActor caller, IGrainFactory grains) =>
        Comments(boardId, grains) is { } comments && request is not null ? Problems.Answer(await comments.ResolveAsync(caller.Required, threadId, request.Resolved)) : NoSuchBoard(boardId);

    private static async Task<IResult> HideAsync(string boardId, string threadId, string commentId, HideCommentRequest request, CurrentActor caller, IGrainFactory grains) =>
        Comments(boardId, grains) is { } comments && request is not null ? Problems.Answer(await comments.HideAsync(caller.Required, threadId, commentId, request.Hidden)) : NoSuchBoard(boardId);
}
