namespace Climaborough.Server.Endpoints;

using System.Security.Claims;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;

/// <summary>
/// Live workshops (sessions) of a lab over REST. Routes sit under the lab so every one is a row of the
/// living-lab authorization matrix; the session grain asks the lab for each call.
/// </summary>
public static class SessionsApi
{
    /// <summary>Maps <c>/api/labs/{labId}/sessions</c>.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/labs/{labId}/sessions").WithTags("Workshops");
        sessions.MapGet("/", ListAsync).AllowAnonymous().WithName("ListSessions").WithSummary("A lab's workshops, upcoming first (readers).");
        sessions.MapPost("/", CreateAsync).RequireAuthorization().WithName("CreateSession").WithSummary("Prepares a workshop: title, purpose, start, board and run-sheet (moderators).");
        sessions.MapGet("/{sessionId}", GetAsync).AllowAnonymous().WithName("GetSession").WithSummary("A workshop: run-sheet, current step and timer (readers).");
        sessions.MapPut("/{sessionId}", UpdateAsync).RequireAuthorization().WithName("UpdateSession").WithSummary("Replaces a workshop's title, purpose, start, board and run-sheet before it starts (moderators).");
        sessions.MapPost("/{sessionId}/control", ControlAsync).RequireAuthorization().WithName("ControlSession")
            .WithSummary("Starts, advances, goes back, skips, pauses, resumes, extends or ends a workshop (moderators).");
        return app;
    }

    private static IResult NotFound(string? sessionId) => LabsApi.Problem(LabErrors.NotFound, $"There is no session '{sessionId}'.");

    private static async Task<IResult> ListAsync(string labId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (list, refusal) = await LabsApi.ContentsAsync(labId, "session", user, grains, id => grains.GetGrain<ISessionGrain>(id).SummaryAsync(labId));
        if (list is null)
        {
            return refusal!;
        }

        // Upcoming and running first (soonest first), then the ended ones (newest first).
        return Results.Ok(list
            .OrderBy(s => s.Phase == SessionPhase.Ended)
            .ThenBy(s => s.Phase == SessionPhase.Ended ? DateTimeOffset.MaxValue - (s.ScheduledStart ?? s.CreatedAt) : TimeSpan.Zero)
            .ThenBy(s => s.ScheduledStart ?? s.CreatedAt)
            .ToList());
    }

    private static async Task<IResult> CreateAsync(string labId, CreateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.Problem(LabErrors.NotFound, null);
        }

        var id = SessionIds.New();
        var outcome = await grains.GetGrain<ISessionGrain>(id).CreateAsync((await LabsApi.ActorAsync(user, grains))!, labId, request);
        return outcome.Ok ? Results.Created($"/api/labs/{labId}/sessions/{id}", outcome.Value) : LabsApi.Problem(outcome.Error, outcome.Message);
    }

    private static async Task<IResult> GetAsync(string labId, string sessionId, ClaimsPrincipal user, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? LabsApi.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ViewAsync(await LabsApi.ActorAsync(user, grains), labId))
            : NotFound(sessionId);

    private static async Task<IResult> UpdateAsync(string labId, string sessionId, CreateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? LabsApi.Answer(await grains.GetGrain<ISessionGrain>(sessionId).UpdateAsync((await LabsApi.ActorAsync(user, grains))!, labId, request))
            : NotFound(sessionId);

    private static async Task<IResult> ControlAsync(string labId, string sessionId, SessionControlRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && request is not null
            ? LabsApi.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ControlAsync((await LabsApi.ActorAsync(user, grains))!, labId, request))
            : NotFound(sessionId);
}
