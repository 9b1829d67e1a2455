namespace Climaborough.Server.Tests.Labs;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The lab matrix on a pilot's tenders: each route as each person on the pilot of each lab (the pilots of
/// AuthorizationMatrixTests.Pilots). Reading follows the lab's Read; adding and changing are managing (Moderate,
/// or the coordinator of the lab's city: here Maria, who owns every lab). Outsiders get exactly a missing pilot's answer.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static readonly ConcurrentDictionary<string, Task<string>> TenderOfPilot = new(StringComparer.Ordinal);

    /// <summary>Tender routes → what they need in the pilot's lab.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> TenderRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/pilots/{pilotId}/tenders"] = LabAction.Read,
        ["POST /api/pilots/{pilotId}/tenders"] = LabAction.Moderate,
        ["PUT /api/pilots/{pilotId}/tenders/{tenderId}"] = LabAction.Moderate,
    };

    public static TheoryData<string, string, string> TenderRouteCases() => Cases(TenderRoutes.Keys);

    private static readonly TenderRequest MatrixTender = new("Matrix tender", TenderProcedure.OpenProcedure, TenderStatus.Planned, null, null, null, [new TenderLot("Only lot", 1000m, null)]);

    /// <summary>One tender on a pilot, made by Maria once.</summary>
    private Task<string> TenderAsync(string pilotId) => TenderOfPilot.GetOrAdd(pilotId, async id =>
    {
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        using var added = await maria.PostAsJsonAsync($"api/pilots/{id}/tenders", MatrixTender, BoardJson.Options);
        added.EnsureSuccessStatusCode();
        return (await added.Content.ReadFromJsonAsync<TenderView>(BoardJson.Options))!.Id;
    });

    [Theory]
    [MemberData(nameof(TenderRouteCases))]
    public async Task Tender_routes_answer_exactly_what_the_pilots_lab_allows(string route, string person, string lab)
    {
        var pilots = await PilotsAsync();
        var tenderId = await TenderAsync(pilots[lab]);
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..8];

        async Task<(HttpStatusCode Status, string Text)> CallAsync(string id)
        {
            var path = template.Replace("{pilotId}", id, StringComparison.Ordinal).Replace("{tenderId}", tenderId, StringComparison.Ordinal).TrimStart('/');
            // The same tender again: the cases run in any order, and a change to it changes nothing another case reads.
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(MatrixTender, options: BoardJson.Options) };
            using var response = await http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, text) = await CallAsync(pilots[lab]);
        if (person == "anonymous" && method != "GET")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return;
        }

        if (Allowed(TenderRoutes[route], person, lab))
        {
            Assert.True((int)status is >= 200 and < 300, $"{person} on the {lab} lab: {route} should be allowed, got {(int)status} {text}");
            return;
        }

        if (Allowed(LabAction.Read, person, lab))
        {
            Assert.True(status == HttpStatusCode.Forbidden, $"{person} on the {lab} lab: {route} should be 403, got {(int)status} {text}");
            return;
        }

        var (missingStatus, missingText) = await CallAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(missingStatus, status);
        Assert.Equal(Untraced(missingText.Replace(missing, "ID", StringComparison.Ordinal)), Untraced(text.Replace(pilots[lab], "ID", StringComparison.Ordinal)));
        Assert.DoesNotContain("Matrix tender", text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Labs[lab], text, StringComparison.Ordinal);
    }
}
