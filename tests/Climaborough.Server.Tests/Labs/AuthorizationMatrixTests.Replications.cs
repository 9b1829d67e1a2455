namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The lab matrix on a pilot's replications (the pilots of AuthorizationMatrixTests.Pilots). Listing follows the
/// pilot's lab's Read. Replicating needs Read on the leader's pilot first: who may not read it gets exactly a missing
/// pilot's answer. A reader is then answered about the lab asked for: here the public lab, which is the leader's own
/// city's, so every reader gets 409 and nothing is created.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>Replication routes → what they need in the (leader's) pilot's lab.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> ReplicationRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/pilots/{pilotId}/replications"] = LabAction.Read,
        ["POST /api/pilots/{pilotId}/replications"] = LabAction.Read,
    };

    public static TheoryData<string, string, string> ReplicationRouteCases() => Cases(ReplicationRoutes.Keys);

    [Theory]
    [MemberData(nameof(ReplicationRouteCases))]
    public async Task Replication_routes_answer_exactly_what_the_pilots_lab_allows(string route, string person, string lab)
    {
        var pilots = await PilotsAsync();
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..8];

        async Task<(HttpStatusCode Status, string Text)> CallAsync(string id)
        {
            var path = template.Replace("{pilotId}", id, StringComparison.Ordinal).TrimStart('/');
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new ReplicatePilotRequest(fixture.Labs["public"], "Matrix replication"), options: BoardJson.Options) };
            using var response = await http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, text) = await CallAsync(pilots[lab]);
        if (person == "anonymous" && method != "GET")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return;
        }

        if (Allowed(ReplicationRoutes[route], person, lab))
        {
            var expected = method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Conflict;
            Assert.True(status == expected, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)status} {text}");
            Assert.DoesNotContain("Matrix replication", text, StringComparison.Ordinal);
            return;
        }

        var (missingStatus, missingText) = await CallAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(missingStatus, status);
        Assert.Equal(Untraced(missingText.Replace(missing, "ID", StringComparison.Ordinal)), Untraced(text.Replace(pilots[lab], "ID", StringComparison.Ordinal)));
        Assert.DoesNotContain(fixture.Labs[lab], text, StringComparison.Ordinal);
    }
}
