namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>The reveal of a workshop's private brainstorm over REST, beside the other session controls.</summary>
public static class SessionPrivacyApi
{
    /// <summary>Maps <c>POST /api/labs/{labId}/sessions/{sessionId}/reveal</c> on the sessions group.</summary>
    public static RouteGroupBuilder MapSessionPrivacyApi(this RouteGroupBuilder sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        sessions.MapPost("/{sessionId}/reveal", RevealAsync).RequireAuthorization().WithName("RevealSessionPrivateNotes")
            .WithSummary("Makes every private note of the workshop's board an ordinary element for everyone, as one durable op (moderators).");
        return sessions;
    }

    private static async Task<IResult> RevealAsync(string labId, string sessionId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? Problems.Answer(await grains.GetGrain<ISessionPrivacyGrain>(sessionId).RevealAsync(caller.Required, labId))
            : Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no session '{sessionId}'."));
}
