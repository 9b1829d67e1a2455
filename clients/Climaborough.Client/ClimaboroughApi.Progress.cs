namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>A pilot's milestones changed and its replications (issue 14, "progress").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Changes a milestone (contributors): status, owner, evidence; a refusal names each field.</summary>
    public Task<ApiResult<MilestoneView>> UpdateMilestoneAsync(string pilotId, string milestoneId, MilestoneRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<MilestoneView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/milestones/{E(milestoneId)}", request, cancellationToken);

    /// <summary>A pilot's progress beside its leader's and its replications'; a refusal when the pilot is missing or not visible.</summary>
    public Task<ApiResult<PilotReplicationsView>> GetReplicationsAsync(string pilotId, CancellationToken cancellationToken = default) =>
        SendAsync<PilotReplicationsView>(HttpMethod.Get, $"api/pilots/{E(pilotId)}/replications", null, cancellationToken);

    /// <summary>Creates a pilot in <see cref="ReplicatePilotRequest.LabId"/> that replicates <paramref name="leaderPilotId"/>.</summary>
    public Task<ApiResult<PilotView>> ReplicatePilotAsync(string leaderPilotId, ReplicatePilotRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PilotView>(HttpMethod.Post, $"api/pilots/{E(leaderPilotId)}/replications", request, cancellationToken);
}
