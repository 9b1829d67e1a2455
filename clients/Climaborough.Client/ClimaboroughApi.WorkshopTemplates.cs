namespace Climaborough.Client;

using System.Net.Http.Json;
using Climaborough.Contracts;

/// <summary>The network's saved workshop templates (docs/workshops.md, "Outcome, minutes and templates").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>The templates moderators saved for the network, newest first (empty when they cannot be read).</summary>
    public async Task<IReadOnlyList<WorkshopTemplateView>> GetWorkshopTemplatesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri("api/workshop-templates", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<List<WorkshopTemplateView>>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    /// <summary>Saves a workshop's agenda and board layout as a template for the network (moderators); the same request id answers the same template.</summary>
    public Task<ApiResult<WorkshopTemplateView>> SaveSessionAsTemplateAsync(string labId, string sessionId, SaveTemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<WorkshopTemplateView>(HttpMethod.Post, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/template", request, cancellationToken);

    /// <summary>Deletes a saved template (its author or an administrator).</summary>
    public Task<ApiResult<WorkshopTemplateView>> DeleteWorkshopTemplateAsync(string templateId, CancellationToken cancellationToken = default) =>
        SendAsync<WorkshopTemplateView>(HttpMethod.Delete, $"api/workshop-templates/{E(templateId)}", null, cancellationToken);
}
