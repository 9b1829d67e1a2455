namespace Climaborough.Client;

using System.Net.Http.Json;
using Climaborough.Contracts;

/// <summary>Measurement corrections and the network dashboard.</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Corrects a measurement (contributors); the version replaced stays in its history.</summary>
    public Task<ApiResult<MeasurementView>> CorrectMeasurementAsync(string pilotId, string indicatorId, string measurementId, MeasurementRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<MeasurementView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/indicators/{E(indicatorId)}/measurements/{E(measurementId)}", request, cancellationToken);

    /// <summary>The network dashboard: every pilot the caller may read (public ones when not signed in).</summary>
    public async Task<DashboardView> GetDashboardAsync(string? hubId = null, string? cityId = null, PilotStage? stage = null, PilotStatus? status = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (hubId is not null)
        {
            query.Add("hub=" + E(hubId));
        }

        if (cityId is not null)
        {
            query.Add("city=" + E(cityId));
        }

        if (stage is not null)
        {
            query.Add("stage=" + stage);
        }

        if (status is not null)
        {
            query.Add("status=" + status);
        }

        var url = "api/dashboard" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        return await Http.GetFromJsonAsync<DashboardView>(url, BoardJson.Options, cancellationToken) ?? new DashboardView([], true);
    }

    /// <summary>A pilot's Climate Sandbox register (readers).</summary>
    public async Task<IReadOnlyList<SandboxEntryView>> GetSandboxAsync(string pilotId, CancellationToken cancellationToken = default) =>
        await Http.GetFromJsonAsync<SandboxEntryView[]>($"api/pilots/{E(pilotId)}/sandbox", BoardJson.Options, cancellationToken) ?? [];

    /// <summary>Records a barrier (contributors); a refusal names each field.</summary>
    public Task<ApiResult<SandboxEntryView>> AddSandboxEntryAsync(string pilotId, SandboxEntryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SandboxEntryView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/sandbox", request, cancellationToken);

    /// <summary>Moves a barrier forward (contributors).</summary>
    public Task<ApiResult<SandboxEntryView>> SetSandboxStatusAsync(string pilotId, string entryId, SandboxStatusRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SandboxEntryView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/sandbox/{E(entryId)}/status", request, cancellationToken);

    /// <summary>Publishes a resolved barrier as a lesson (contributors).</summary>
    public Task<ApiResult<SandboxEntryView>> PublishSandboxLessonAsync(string pilotId, string entryId, CancellationToken cancellationToken = default) =>
        SendAsync<SandboxEntryView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/sandbox/{E(entryId)}/lesson", null, cancellationToken);

    /// <summary>Searches the network's Climate Sandbox register (only barriers the caller may read).</summary>
    public async Task<IReadOnlyList<SandboxHit>> SearchSandboxAsync(string? text, BarrierKind? kind = null, BarrierStatus? status = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            query.Add("q=" + E(text.Trim()));
        }

        if (kind is not null)
        {
            query.Add("kind=" + kind);
        }

        if (status is not null)
        {
            query.Add("status=" + status);
        }

        var url = "api/sandbox" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        return await Http.GetFromJsonAsync<SandboxHit[]>(url, BoardJson.Options, cancellationToken) ?? [];
    }
}
