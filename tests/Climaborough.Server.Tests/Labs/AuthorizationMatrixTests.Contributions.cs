namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The lab matrix on contributing without attending: opening and taking away a workshop's window (moderators) and adding
/// a note through an open window (contributors: members, moderators, owners; never observers). Each case runs on a fresh
/// workshop of Maria's on the lab's board, so cases run in any order; a refused call adds nothing to the board.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The routes and the action each needs.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> ContributionRoutes = new Dictionary<string, LabAction>
    {
        ["PUT /api/labs/{labId}/sessions/{sessionId}/contributions"] = LabAction.Moderate,
        ["DELETE /api/labs/{labId}/sessions/{sessionId}/contributions"] = LabAction.Moderate,
        ["POST /api/labs/{labId}/sessions/{sessionId}/contributions/notes"] = LabAction.Contribute,
    };

    public static TheoryData<string, string, string> ContributionCases() => Cases(ContributionRoutes.Keys);

    [Theory]
    [MemberData(nameof(ContributionCases))]
    public async Task Contribution_routes_allow_exactly_what_the_policy_allows(string route, string person, string lab)
    {
        Assert.True(LabRoutes.ContainsKey(route));
        var labId = fixture.Labs[lab];
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        using var created = await maria.PostAsJsonAsync($"api/labs/{labId}/sessions", new CreateSessionRequest("Matrix contributions", null, null, fixture.Boards[lab],
            [new("Ideas", null, 10, SessionStepKind.Brainstorm)]), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        var sessionId = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Id;
        var window = new ContributionWindowRequest(0, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        (await maria.PutAsJsonAsync($"api/labs/{labId}/sessions/{sessionId}/contributions", window, BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1].TrimStart('/').Replace("{labId}", labId, StringComparison.Ordinal).Replace("{sessionId}", sessionId, StringComparison.Ordinal));
        var text = $"Matrix note of {person} {Guid.NewGuid():N}";
        object? body = method switch
        {
            "PUT" => window with { ClosesAt = window.ClosesAt.AddHours(1) },
            "POST" => new ContributeRequest("matrix-" + Guid.NewGuid().ToString("N")[..12], text),
            _ => null,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body, options: BoardJson.Options) };
        using var response = await http.SendAsync(request, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);

        var allowed = Allowed(ContributionRoutes[route], person, lab) && person != "anonymous";
        if (allowed)
        {
            Assert.True(response.IsSuccessStatusCode, $"{person} on the {lab} lab: {route} should be allowed, got {(int)response.StatusCode} {answer}");
        }
        else
        {
            var expected = person == "anonymous" ? HttpStatusCode.Unauthorized : Allowed(LabAction.Read, person, lab) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)response.StatusCode} {answer}");
            Assert.DoesNotContain(labId, answer, StringComparison.Ordinal);
        }

        var session = (await maria.GetFromJsonAsync<SessionView>($"api/labs/{labId}/sessions/{sessionId}", BoardJson.Options, Ct))!;
        if (method == "POST")
        {
            var board = (await maria.GetFromJsonAsync<BoardExport>($"api/boards/{fixture.Boards[lab]}/export.json", BoardJson.Options, Ct))!;
            Assert.Equal(allowed, board.Elements.Any(e => e.Text == text && e.AsyncSession == sessionId));
            Assert.Equal(allowed ? 1 : 0, session.Contributions!.Notes);
        }
        else
        {
            // A refused call leaves the window as Maria opened it.
            var expectedClose = allowed ? (method == "PUT" ? window.ClosesAt.AddHours(1) : (DateTimeOffset?)null) : window.ClosesAt;
            Assert.Equal(expectedClose?.ToUnixTimeSeconds(), session.Contributions?.ClosesAt.ToUnixTimeSeconds());
        }
    }
}
