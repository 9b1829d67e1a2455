namespace Climaborough.Client;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;

/// <summary>The REST API for .NET callers (the web app, tools, load tests).</summary>
public sealed class ClimaboroughApi(HttpClient http)
{
    /// <summary>Every partner city, by name.</summary>
    public async Task<IReadOnlyList<CityDto>> GetCitiesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<CityDto[]>("api/cities", cancellationToken) ?? [];

    /// <summary>Creates a board.</summary>
    public async Task<BoardInfo> CreateBoardAsync(string title, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(title), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BoardInfo>(cancellationToken))!;
    }

    /// <summary>A board's stored versions, oldest first.</summary>
    public async Task<IReadOnlyList<BoardVersion>> GetBoardVersionsAsync(string boardId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<BoardVersion[]>($"api/boards/{Uri.EscapeDataString(boardId)}/versions", cancellationToken) ?? [];

    /// <summary>A stored version's elements (to preview it).</summary>
    public async Task<BoardSnapshot?> GetBoardVersionAsync(string boardId, long versionSeq, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<BoardSnapshot>($"api/boards/{Uri.EscapeDataString(boardId)}/versions/{versionSeq}", BoardJson.Options, cancellationToken);

    /// <summary>Creates a new board from a JSON export; the error is the server's explanation when it refuses the file.</summary>
    public async Task<(BoardInfo? Board, string? Error)> ImportBoardAsync(string exportJson, string? title = null, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(exportJson, System.Text.Encoding.UTF8, "application/json");
        var url = "api/boards/import" + (string.IsNullOrWhiteSpace(title) ? string.Empty : "?title=" + Uri.EscapeDataString(title));
        using var response = await http.PostAsync(new Uri(url, UriKind.Relative), content, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<BoardInfo>(cancellationToken), null);
        }

        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        if (detail is null && problem.TryGetProperty("errors", out var errors))
        {
            detail = string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())));
        }

        return (null, detail ?? problem.GetProperty("title").GetString());
    }

    /// <summary>The signed-in account.</summary>
    public async Task<Me?> GetMeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("api/me", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Me>(cancellationToken) : null;
    }

    /// <summary>Creates an invitation link.</summary>
    public async Task<InvitationLink> CreateInvitationAsync(InvitationRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/invitations", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<InvitationLink>(cancellationToken))!;
    }

    /// <summary>Every account (administrators).</summary>
    public async Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<UserSummary[]>("api/users", cancellationToken) ?? [];

    /// <summary>Replaces an account's platform roles (administrators).</summary>
    public async Task<UserSummary> SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(userId)}/roles", new RolesRequest(roles), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UserSummary>(cancellationToken))!;
    }

    /// <summary>A board's export: <c>json</c> or <c>md</c>.</summary>
    public Task<string> ExportBoardAsync(string boardId, string format, CancellationToken cancellationToken = default) =>
        http.GetStringAsync(new Uri($"api/boards/{Uri.EscapeDataString(boardId)}/export.{format}", UriKind.Relative), cancellationToken);

    /// <summary>One city, or <c>null</c> when there is none with that id.</summary>
    public async Task<CityDto?> GetCityAsync(string cityId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/cities/{Uri.EscapeDataString(cityId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CityDto>(cancellationToken);
    }
}
