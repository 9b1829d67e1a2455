namespace Climaborough.Client;

using System.Net.Http.Json;
using Climaborough.Contracts;

/// <summary>A pilot's status override.</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Sets a status in place of the derived one, with a reason, or (status <c>null</c>) goes back to the derived one (managers); a refusal names each field.</summary>
    public Task<ApiResult<PilotView>> SetPilotStatusAsync(string pilotId, PilotStatus? status, string? reason, CancellationToken cancellationToken = default) =>
        SendContentAsync<PilotView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/status", JsonContent.Create(new PilotStatusRequest(status, reason), options: BoardJson.Options), cancellationToken);
}
