namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>A pilot's tenders (procurement of innovation).</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>A pilot's tenders and whether the caller may manage them; a refusal when the pilot is missing or not visible.</summary>
    public Task<ApiResult<PilotTendersView>> GetTendersAsync(string pilotId, CancellationToken cancellationToken = default) =>
        SendAsync<PilotTendersView>(HttpMethod.Get, $"api/pilots/{E(pilotId)}/tenders", null, cancellationToken);

    /// <summary>Adds a tender to a pilot (managers); a refusal names each field.</summary>
    public Task<ApiResult<TenderView>> AddTenderAsync(string pilotId, TenderRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TenderView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/tenders", request, cancellationToken);

    /// <summary>Changes a tender (managers); a refusal names each field.</summary>
    public Task<ApiResult<TenderView>> UpdateTenderAsync(string pilotId, string tenderId, TenderRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TenderView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/tenders/{E(tenderId)}", request, cancellationToken);
}
