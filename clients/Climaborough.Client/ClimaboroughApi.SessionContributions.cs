namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>Contributing to a workshop without attending (docs/workshops.md, "Contribute without attending").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Opens or moves the contribution window of a brainstorm step (moderators).</summary>
    public Task<ApiResult<SessionView>> OpenContributionsAsync(string labId, string sessionId, ContributionWindowRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Put, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/contributions", request, cancellationToken);

    /// <summary>Takes the window away (moderators).</summary>
    public Task<ApiResult<SessionView>> CloseContributionsAsync(string labId, string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Delete, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/contributions", null, cancellationToken);

    /// <summary>Adds one note through the open window (members); the same request id answers the same note.</summary>
    public Task<ApiResult<ContributionAnswer>> ContributeAsync(string labId, string sessionId, ContributeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ContributionAnswer>(HttpMethod.Post, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/contributions/notes", request, cancellationToken);
}
