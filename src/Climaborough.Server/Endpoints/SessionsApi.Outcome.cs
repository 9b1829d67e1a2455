namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>A workshop's outcome over REST: its record (readers) and the moderator's decisions.</summary>
public static class SessionsOutcomeApi
{
    /// <summary>Maps <c>…/sessions/{sessionId}/outcome</c> on the lab's sessions group.</summary>
    public static RouteGroupBuilder MapSessionOutcome(this RouteGroupBuilder sessions)
    {
        sessions.MapGet("/{sessionId}/outcome", GetAsync).AllowAnonymous().WithName("GetSessionOutcome")
            .WithSummary("A workshop's record: agenda with actual timings, closed votes, and once ended the top-voted items, attendance and decisions (readers).");
        sessions.MapPut("/{sessionId}/outcome/decisions", SetDecisionsAsync).RequireAuthorization().WithName("SetSessionDecisions")
            .WithSummary("Replaces the decisions of a workshop's record, Markdown (moderators; before or after the end).");
        sessions.MapPost("/from-template", FromTemplateAsync).RequireAuthorization().WithName("CreateSessionFromTemplate")
            .WithSummary("Prepares a workshop from a template: makes the template's board layout a new lab board, then the workshop on it (moderators).");
        return sessions;
    }

    private static async Task<IResult> FromTemplateAsync(string labId, SessionFromTemplateRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var id = SessionIds.New();
        var outcome = await grains.GetGrain<ISessionGrain>(id).CreateFromTemplateAsync(caller.Required, labId, request);
        return Problems.Created($"/api/labs/{labId}/sessions/{id}", outcome);
    }

    private static IResult NotFound(string? sessionId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no session '{sessionId}'."));

    private static async Task<IResult> GetAsync(string labId, string sessionId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).OutcomeAsync(caller.Actor, labId))
            : NotFound(sessionId);

    private static async Task<IResult> SetDecisionsAsync(string labId, string sessionId, DecisionsRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && request is not null
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).SetDecisionsAsync(caller.Required, labId, request))
            : NotFound(sessionId);
}
