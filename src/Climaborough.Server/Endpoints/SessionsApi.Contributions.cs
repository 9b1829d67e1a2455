namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>Contributing to a workshop without attending, over REST: the window (moderators) and the notes (members).</summary>
public static class SessionsContributionsApi
{
    /// <summary>Maps <c>…/sessions/{sessionId}/contributions</c> on the lab's sessions group.</summary>
    public static RouteGroupBuilder MapSessionContributions(this RouteGroupBuilder sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        sessions.MapPut("/{sessionId}/contributions", OpenAsync).RequireAuthorization().WithName("OpenSessionContributions")
            .WithSummary("Opens (or moves) the window in which members add notes to a brainstorm step without attending, before or after the live session (moderators).");
        sessions.MapDelete("/{sessionId}/contributions", CloseAsync).RequireAuthorization().WithName("CloseSessionContributions")
            .WithSummary("Takes the contribution window away; the notes stay, marked as asynchronous (moderators).");
        sessions.MapPost("/{sessionId}/contributions/notes", ContributeAsync).RequireAuthorization().WithName("ContributeSessionNote")
            .WithSummary("Adds one note, marked as asynchronous, to the window's step on the workshop's board while the window is open (members; 409 contributions-closed otherwise).");
        return sessions;
    }

    private static IResult NotFound(string? sessionId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no session '{sessionId}'."));

    private static async Task<IResult> OpenAsync(string labId, string sessionId, ContributionWindowRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && request is not null
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).OpenContributionsAsync(caller.Required, labId, request))
            : NotFound(sessionId);

    private static async Task<IResult> CloseAsync(string labId, string sessionId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).CloseContributionsAsync(caller.Required, labId))
            : NotFound(sessionId);

    private static async Task<IResult> ContributeAsync(string labId, string sessionId, ContributeRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && request is not null
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ContributeAsync(caller.Required, labId, request))
            : NotFound(sessionId);
}
