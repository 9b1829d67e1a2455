namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>Saving a workshop as a template for the network, over REST (moderators of its lab).</summary>
public static class SessionsTemplatesApi
{
    /// <summary>Maps <c>…/sessions/{sessionId}/template</c> on the lab's sessions group.</summary>
    public static RouteGroupBuilder MapSessionTemplates(this RouteGroupBuilder sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        sessions.MapPost("/{sessionId}/template", SaveAsync).RequireAuthorization().WithName("SaveSessionAsTemplate")
            .WithSummary("Saves the workshop's agenda and its board's frames (with the notes inside them) as a template for the network (moderators; a repeated requestId answers the same template).");
        return sessions;
    }

    private static async Task<IResult> SaveAsync(string labId, string sessionId, SaveTemplateRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId) || !SessionIds.IsValid(sessionId) || request is null)
        {
            return Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no session '{sessionId}'."));
        }

        var outcome = await grains.GetGrain<ISessionGrain>(sessionId).SaveAsTemplateAsync(caller.Required, labId, request);
        return Problems.Created($"/api/workshop-templates/{outcome.Value?.Id}", outcome);
    }
}
