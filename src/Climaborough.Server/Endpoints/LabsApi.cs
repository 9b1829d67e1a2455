namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Security.Claims;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Identity;

/// <summary>Living labs over REST. Every decision is the lab grain's, made with <see cref="LabPolicy"/>.</summary>
public static class LabsApi
{
    /// <summary>Maps <c>/api/labs</c> and <c>/api/me/labs</c>, <c>/api/me/invitations</c>.</summary>
    public static IEndpointRouteBuilder MapLabsApi(this IEndpointRouteBuilder app)
    {
        var labs = app.MapGroup("/api/labs").WithTags("Living labs");
        labs.MapGet("/", ListAsync).AllowAnonymous().WithName("ListLabs").WithSummary("Labs the caller may see, optionally by city and theme.");
        labs.MapPost("/", CreateAsync).RequireAuthorization(PlatformRoles.CityCoordinator).WithName("CreateLab").WithSummary("Creates a lab in the coordinator's city.");
        labs.MapGet("/{labId}", GetAsync).AllowAnonymous().WithName("GetLab").WithSummary("A lab's home: description, members, contents, activity (404 when not visible).");
        labs.MapPut("/{labId}", UpdateAsync).RequireAuthorization().WithName("UpdateLab").WithSummary("Changes a lab's settings (moderators).");
        labs.MapPost("/{labId}/invitations", InviteAsync).RequireAuthorization().WithName("InviteToLab").WithSummary("Invites a user by user name, or anyone by email with a link (moderators); idempotent.");
        labs.MapPost("/{labId}/join", JoinAsync).RequireAuthorization().WithName("JoinLab").WithSummary("Accepts an invitation (by id, or by the link's token).");
        labs.MapPost("/{labId}/join/preview", PreviewAsync).AllowAnonymous().WithName("PreviewLabInvitation").WithSummary("What an invitation link is (lab, city, inviter, role), for whoever holds its token; 404 otherwise.");
        labs.MapPut("/{labId}/members/{userId}", SetRoleAsync).RequireAuthorization().WithName("SetLabRole").WithSummary("Changes a member's role (moderators; a lab keeps one owner).");
        labs.MapDelete("/{labId}/members/{userId}", RemoveAsync).RequireAuthorization().WithName("RemoveLabMember").WithSummary("Removes a member (moderators), or leaves (oneself).");
        labs.MapPost("/{labId}/boards", CreateBoardAsync).RequireAuthorization().WithName("CreateLabBoard").WithSummary("Creates a board in the lab (members).");
        var me = app.MapGroup("/api/me").WithTags("Living labs").RequireAuthorization();
        me.MapGet("/labs", MyLabsAsync).WithName("ListMyLabs").WithSummary("The caller's labs and role in each.");
        me.MapGet("/invitations", MyInvitationsAsync).WithName("ListMyInvitations").WithSummary("The caller's open lab invitations.");
        return app;
    }

    /// <summary>The answer for a lab that does not exist or that the caller may not read (never told apart).</summary>
    public static IResult NoSuchLab() => Problems.For(Refusal.NotFound("There is no such lab."));

    /// <summary>
    /// The summaries of a lab's contents of one kind (threads, sessions, …) for a reader of the lab: the
    /// lab is asked once (404 for who may not read it), then each item for its summary.
    /// </summary>
    public static async Task<(List<T>? Items, IResult? Refusal)> ContentsAsync<T>(string labId, string kind, CurrentActor caller, IGrainFactory grains, Func<string, Task<T?>> summary)
        where T : class
    {
        if (!LabIds.IsValid(labId))
        {
            return (null, NoSuchLab());
        }

        var view = await grains.GetGrain<ILabGrain>(labId).ViewAsync(caller.Actor);
        if (view.Refusal is { } refusal)
        {
            return (null, Problems.For(refusal));
        }

        var items = new List<T>();
        foreach (var content in view.Value!.Contents.Where(c => c.Kind == kind))
        {
            if (await summary(content.Id) is { } item)
            {
                items.Add(item);
            }
        }

        return (items, null);
    }

    /// <summary>A 400 for a malformed client request id (none is fine).</summary>
    public static IResult? RequestIdProblem(string? requestId) =>
        requestId is null || RequestIds.IsValid(requestId) ? null
        : Problems.Invalid("requestId", "A request id is 8 to 64 letters, digits, dashes or underscores.");

    /// <summary>
    /// The id for a new board or thread in a lab: with a request id, the one the lab gave that request
    /// the first time (so a repeated request finds what it created); the refusal when the caller may not create there.
    /// </summary>
    public static async Task<(string? Id, IResult? Refusal)> ContentIdAsync(string labId, string kind, string? requestId, Actor actor, IGrainFactory grains, Func<string> newId)
    {
        if (RequestIdProblem(requestId) is { } bad)
        {
            return (null, bad);
        }

        if (requestId is null || !LabIds.IsValid(labId))
        {
            return (newId(), null);
        }

        var claimed = await grains.GetGrain<ILabGrain>(labId).ClaimContentIdAsync(actor, kind, requestId, newId());
        return claimed.Refusal is { } refusal ? (null, Problems.For(refusal)) : (claimed.Value, null);
    }

    private static async Task<IResult> ListAsync(string? city, string? theme, CurrentActor caller, IGrainFactory grains)
    {
        var actor = caller.Actor;
        var cities = city is null ? await grains.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).ListAsync() : CityIds.IsValid(city) ? [city] : [];
        var list = new List<LabSummary>();
        foreach (var cityId in cities)
        {
            foreach (var labId in await grains.GetGrain<ICityGrain>(cityId).ListLabsAsync())
            {
                if (await grains.GetGrain<ILabGrain>(labId).SummaryAsync(actor) is { } summary && (theme is null || summary.Theme == theme))
                {
                    list.Add(summary);
                }
            }
        }

        return Results.Ok(list.OrderByDescending(l => l.CreatedAt).ToList());
    }

    private static async Task<IResult> CreateAsync(CreateLabRequest request, CurrentActor caller, IGrainFactory grains)
    {
        var actor = caller.Required;
        if (RequestIdProblem(request?.RequestId) is { } bad)
        {
            return bad;
        }

        // With a request id the city remembers which lab it made: the same request again answers with that lab.
        var id = request?.RequestId is { } requestId && actor.CityId is { } cityId
            ? await grains.GetGrain<ICityGrain>(cityId).ClaimLabIdAsync(actor.UserId, requestId, LabIds.New())
            : LabIds.New();
        var lab = grains.GetGrain<ILabGrain>(id);
        var outcome = await lab.CreateAsync(actor, request!);
        if (outcome.Code == ErrorCodes.Conflict && request?.RequestId is not null)
        {
            outcome = await lab.ViewAsync(actor);
        }

        return Problems.Created($"/api/labs/{id}", outcome);
    }

    private static async Task<IResult> GetAsync(string labId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) ? Problems.Answer(await grains.GetGrain<ILabGrain>(labId).ViewAsync(caller.Actor)) : NoSuchLab();

    private static async Task<IResult> UpdateAsync(string labId, LabSettingsRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) ? Problems.Answer(await grains.GetGrain<ILabGrain>(labId).UpdateAsync(caller.Required, request)) : NoSuchLab();

    private static async Task<IResult> InviteAsync(string labId, LabInviteRequest request, CurrentActor caller, HttpContext http, IGrainFactory grains, UserManager<ClimaboroughUser> users)
    {
        if (!LabIds.IsValid(labId))
        {
            return NoSuchLab();
        }

        var actor = caller.Required;

        // Who may not moderate the lab learns nothing else first (not even whether a user name exists).
        if ((await grains.GetGrain<ILabGrain>(labId).AccessAsync(actor)).Refuse(LabAction.Moderate, "There is no such lab.") is { } refused)
        {
            return Problems.For(refused);
        }

        string? userId = null;
        string? token = null;
        if (!string.IsNullOrWhiteSpace(request?.UserName))
        {
            if (request.UserName.Length > 256 || await users.FindByNameAsync(request.UserName.Trim()) is not { } invitee)
            {
                return Problems.Invalid("userName", "There is no account with this user name.");
            }

            userId = invitee.Id;
        }
        else if (!string.IsNullOrWhiteSpace(request?.Email))
        {
            if (request.Email.Length > 256 || !request.Email.Contains('@', StringComparison.Ordinal))
            {
                return Problems.Invalid("email", "An email address of at most 256 characters.");
            }

            token = Invitations.NewToken();
        }

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var outcome = await grains.GetGrain<ILabGrain>(labId).InviteAsync(actor, userId, request?.Email?.Trim(), token is null ? null : Invitations.Hash(token), request?.Role ?? LabRole.Member);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        // A repeated email invitation cannot show the first link again (only its hash is kept): it gets none.
        var link = token is not null && outcome.Value!.At >= before
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/labs/{labId}/join?token={token}"
            : null;
        return Results.Ok(outcome.Value! with { Link = link });
    }

    /// <summary>Body of <c>POST /api/labs/{id}/join</c>.</summary>
    public sealed record JoinRequest(string? InvitationId, string? Token);

    private static async Task<IResult> JoinAsync(string labId, JoinRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && (request?.InvitationId is { Length: <= 64 } || request?.Token is { Length: <= 100 })
            ? Problems.Answer(await grains.GetGrain<ILabGrain>(labId).AcceptAsync(caller.Required, request.InvitationId, request.Token is null ? null : Invitations.Hash(request.Token)))
            : NoSuchLab();

    // Holding the link's token is the permission (the link may be opened before any account exists).
    private static async Task<IResult> PreviewAsync(string labId, JoinRequest request, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId) || request?.Token is not { Length: > 0 and <= 100 } token)
        {
            return Problems.For(new Refusal(ErrorCodes.NotFound, "There is no open invitation for you to this lab."));
        }

        var found = await grains.GetGrain<ILabGrain>(labId).PreviewInvitationAsync(Invitations.Hash(token));
        return found.Refusal is { } refusal ? Problems.For(refusal) : Results.Ok(found.Value!.Preview);
    }

    private static async Task<IResult> SetRoleAsync(string labId, string userId, LabRoleRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && userId.Length <= 100 && request is not null
            ? Problems.Answer(await grains.GetGrain<ILabGrain>(labId).SetRoleAsync(caller.Required, userId, request.Role))
            : NoSuchLab();

    private static async Task<IResult> RemoveAsync(string labId, string userId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && userId.Length <= 100
            ? Problems.Answer(await grains.GetGrain<ILabGrain>(labId).RemoveAsync(caller.Required, userId))
            : NoSuchLab();

    private static Task<IResult> CreateBoardAsync(string labId, CreateBoardRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) ? BoardsApi.CreateAsync((request ?? new CreateBoardRequest(string.Empty)) with { LabId = labId }, caller, grains) : Task.FromResult(NoSuchLab());

    private static async Task<IResult> MyLabsAsync(CurrentActor caller, IGrainFactory grains)
    {
        var actor = caller.Required;
        var list = new List<MyLab>();
        foreach (var (labId, role) in await grains.GetGrain<IUserGrain>(actor.UserId).GetLabsAsync())
        {
            if (await grains.GetGrain<ILabGrain>(labId).SummaryAsync(actor) is { } summary)
            {
                list.Add(new MyLab(summary, role));
            }
        }

        return Results.Ok(list);
    }

    private static async Task<IResult> MyInvitationsAsync(CurrentActor caller, IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IUserGrain>(caller.Required.UserId).GetInvitationsAsync());
}
