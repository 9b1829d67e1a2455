namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The lab matrix on pilots: every pilot route as each person on a pilot in each lab. A pilot follows its
/// lab's rule exactly; who may not read the lab gets exactly the answer for a pilot that does not exist.
/// Managing (stage, indicators) needs Moderate, or the city coordinator role in the lab's city: in this
/// node the only coordinator, Maria, owns every lab, so the column is the lab's Moderate.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static readonly ConditionalWeakTable<MatrixNode, Task<Dictionary<string, string>>> PilotsOfNode = new();

    /// <summary>Pilot routes → what they need in the pilot's lab.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> PilotRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/pilots/{pilotId}"] = LabAction.Read,
        ["PUT /api/pilots/{pilotId}/stage"] = LabAction.Moderate,
        ["PUT /api/pilots/{pilotId}/status"] = LabAction.Moderate, // pilotnet2: the status override (cleared: no change)
        ["POST /api/pilots/{pilotId}/milestones"] = LabAction.Contribute,
        ["PUT /api/pilots/{pilotId}/milestones/{milestoneId}"] = LabAction.Contribute,
        ["PUT /api/pilots/{pilotId}/attachments"] = LabAction.Contribute, // to no files: the cases run in any order
        ["PUT /api/pilots/{pilotId}/milestones/{milestoneId}/attachments"] = LabAction.Contribute,
        ["POST /api/pilots/{pilotId}/indicators"] = LabAction.Moderate,
        ["POST /api/pilots/{pilotId}/indicators/{indicatorId}/measurements"] = LabAction.Contribute,
        ["POST /api/pilots/{pilotId}/indicators/{indicatorId}/measurements/import"] = LabAction.Contribute,
        ["PUT /api/pilots/{pilotId}/indicators/{indicatorId}/measurements/{measurementId}"] = LabAction.Contribute,
        ["GET /api/pilots/{pilotId}/sandbox"] = LabAction.Read,
        ["POST /api/pilots/{pilotId}/sandbox"] = LabAction.Contribute,
        ["PUT /api/pilots/{pilotId}/sandbox/{entryId}/status"] = LabAction.Contribute, // on barrier s3
        ["POST /api/pilots/{pilotId}/sandbox/{entryId}/lesson"] = LabAction.Contribute, // on barrier s4, rejected
    };

    public static TheoryData<string, string, string> PilotRouteCases() => Cases(PilotRoutes.Keys);

    /// <summary>A pilot in each lab (made by Maria, with milestone <c>m1</c>, the cycling indicator adopted and its measurement <c>v2</c>), by lab name; made once per node.</summary>
    private Task<Dictionary<string, string>> PilotsAsync() => PilotsOfNode.GetValue(fixture, node => MakePilotsAsync(node));

    private static async Task<Dictionary<string, string>> MakePilotsAsync(MatrixNode node)
    {
        var pilots = new Dictionary<string, string>();
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        foreach (var lab in LabNames)
        {
            using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(node.Labs[lab], LabThemes.EnergyAndMobility, $"Pilot of {lab}", "Challenge", PilotStage.CoCreate), BoardJson.Options);
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options))!.Summary.Id;
            (await maria.PostAsJsonAsync($"api/pilots/{id}/milestones", new MilestoneRequest("First", new DateOnly(2030, 1, 1), "Maria", MilestoneStatus.Planned), BoardJson.Options)).EnsureSuccessStatusCode();
            (await maria.PostAsJsonAsync($"api/pilots/{id}/indicators", new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 1, 1))), BoardJson.Options)).EnsureSuccessStatusCode();
            (await maria.PostAsJsonAsync($"api/pilots/{id}/indicators/cycling-modal-share/measurements", new MeasurementRequest(2.5, new DateOnly(2024, 6, 1), "Matrix", null), BoardJson.Options)).EnsureSuccessStatusCode(); // v2, corrected by the matrix
            (await maria.PostAsJsonAsync($"api/pilots/{id}/sandbox", new SandboxEntryRequest("Moved by the matrix", BarrierKind.Regulatory, "Rule", string.Empty), BoardJson.Options)).EnsureSuccessStatusCode(); // s3
            (await maria.PostAsJsonAsync($"api/pilots/{id}/sandbox", new SandboxEntryRequest("Published by the matrix", BarrierKind.Administrative, "Rule", string.Empty), BoardJson.Options)).EnsureSuccessStatusCode(); // s4
            (await maria.PutAsJsonAsync($"api/pilots/{id}/sandbox/s4/status", new SandboxStatusRequest(BarrierStatus.Rejected, DateOnly.FromDateTime(DateTime.UtcNow), "Refused"), BoardJson.Options)).EnsureSuccessStatusCode();
            pilots[lab] = id;
        }

        return pilots;
    }

    [Theory]
    [MemberData(nameof(PilotRouteCases))]
    public async Task Pilot_routes_answer_exactly_what_the_pilots_lab_allows(string route, string person, string lab)
    {
        var pilots = await PilotsAsync();
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..8];
        object? body = route switch
        {
            "PUT /api/pilots/{pilotId}/stage" => new PilotStageRequest(PilotStage.CoCreate), // no change: the cases run in any order
            "PUT /api/pilots/{pilotId}/status" => new PilotStatusRequest(null, null),
            "POST /api/pilots/{pilotId}/milestones" => new MilestoneRequest("From the matrix", new DateOnly(2030, 6, 1), person, MilestoneStatus.Planned),
            "PUT /api/pilots/{pilotId}/milestones/{milestoneId}" => new MilestoneRequest("First", new DateOnly(2030, 1, 1), "Maria", MilestoneStatus.Planned),
            "PUT /api/pilots/{pilotId}/attachments" or "PUT /api/pilots/{pilotId}/milestones/{milestoneId}/attachments" => new AttachmentsRequest([]),
            "POST /api/pilots/{pilotId}/indicators" => new AdoptIndicatorRequest("avoided-emissions", new IndicatorPoint(0, new DateOnly(2024, 1, 1)), new IndicatorPoint(100, new DateOnly(2030, 1, 1))),
            "POST /api/pilots/{pilotId}/indicators/{indicatorId}/measurements" => new MeasurementRequest(3, new DateOnly(2025, 1, 1), "Matrix", null),
            "PUT /api/pilots/{pilotId}/indicators/{indicatorId}/measurements/{measurementId}" => new MeasurementRequest(2.5, new DateOnly(2024, 6, 1), "Matrix", null),
            "POST /api/pilots/{pilotId}/sandbox" => new SandboxEntryRequest("From the matrix", BarrierKind.Technical, "Rule", string.Empty),
            "PUT /api/pilots/{pilotId}/sandbox/{entryId}/status" => new SandboxStatusRequest(BarrierStatus.DerogationRequested, DateOnly.FromDateTime(DateTime.UtcNow), null),
            _ => null,
        };

        async Task<(HttpStatusCode Status, string Text)> CallAsync(string id)
        {
            var path = template.Replace("{pilotId}", id, StringComparison.Ordinal).Replace("{milestoneId}", "m1", StringComparison.Ordinal).Replace("{indicatorId}", "cycling-modal-share", StringComparison.Ordinal).Replace("{measurementId}", "v2", StringComparison.Ordinal).Replace("{entryId}", route.EndsWith("/lesson", StringComparison.Ordinal) ? "s4" : "s3", StringComparison.Ordinal).TrimStart('/');
            // The import is asked as a dry run (it stores nothing: the cases run in any order), with a CSV body.
            var import = route.EndsWith("/import", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), import ? path + "?dryRun=true" : path)
            {
                Content = import ? new StringContent("date,value,source\n2025-01-01,3,Matrix\n", System.Text.Encoding.UTF8, "text/csv") : body is null ? null : JsonContent.Create(body, options: BoardJson.Options),
            };
            using var response = await http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, text) = await CallAsync(pilots[lab]);
        var action = PilotRoutes[route];
        if (person == "anonymous" && method != "GET")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return;
        }

        if (Allowed(action, person, lab))
        {
            // Adopting the same indicator again is refused as invalid input, by someone who may.
            var ok = (int)status is >= 200 and < 300 || (route.EndsWith("/indicators", StringComparison.Ordinal) && status == HttpStatusCode.BadRequest && text.Contains("adopted this indicator already", StringComparison.Ordinal))
                || (route.EndsWith("/status", StringComparison.Ordinal) && status == HttpStatusCode.BadRequest && text.Contains("moves forward only", StringComparison.Ordinal)) // moved by an earlier case
                || (route.EndsWith("/lesson", StringComparison.Ordinal) && status == HttpStatusCode.Conflict && text.Contains("published as a lesson already", StringComparison.Ordinal));
            Assert.True(ok, $"{person} on the {lab} lab: {route} should be allowed, got {(int)status} {text}");
            return;
        }

        if (Allowed(LabAction.Read, person, lab))
        {
            Assert.True(status == HttpStatusCode.Forbidden, $"{person} on the {lab} lab: {route} should be 403, got {(int)status} {text}");
            return;
        }

        // Exactly what a pilot that does not exist answers, and nothing of the pilot or its lab.
        var (missingStatus, missingText) = await CallAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(missingStatus, status);
        Assert.Equal(Untraced(missingText.Replace(missing, "ID", StringComparison.Ordinal)), Untraced(text.Replace(pilots[lab], "ID", StringComparison.Ordinal)));
        Assert.DoesNotContain($"Pilot of {lab}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Labs[lab], text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> PilotCreationCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var person in People)
        {
            foreach (var lab in LabNames)
            {
                data.Add(person, lab);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PilotCreationCases))]
    public async Task Creating_a_pilot_needs_moderate_in_its_lab_and_outsiders_learn_nothing(string person, string lab)
    {
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        using var response = await http.PostAsJsonAsync("api/pilots", new CreatePilotRequest(fixture.Labs[lab], LabThemes.WasteToCircularity, $"Made by {person}", string.Empty, PilotStage.CoCreate), BoardJson.Options, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var expected = person == "anonymous" ? HttpStatusCode.Unauthorized
            : Allowed(LabAction.Moderate, person, lab) ? HttpStatusCode.Created
            : Allowed(LabAction.Read, person, lab) ? HttpStatusCode.Forbidden
            : HttpStatusCode.NotFound;
        Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: creating a pilot should be {(int)expected}, got {(int)response.StatusCode} {text}");
        if (expected == HttpStatusCode.NotFound)
        {
            using var nowhere = await http.PostAsJsonAsync("api/pilots", new CreatePilotRequest("lnosuchlab" + Guid.NewGuid().ToString("N")[..6], LabThemes.WasteToCircularity, "x", string.Empty, PilotStage.CoCreate), BoardJson.Options, Ct);
            Assert.Equal(Untraced(await nowhere.Content.ReadAsStringAsync(Ct)), Untraced(text));
        }
    }

    [Fact]
    public async Task The_pilot_list_shows_each_person_exactly_the_pilots_of_labs_they_may_read()
    {
        var pilots = await PilotsAsync();
        foreach (var person in People)
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            var listed = (await http.GetFromJsonAsync<PilotSummary[]>($"api/pilots?hub={LabThemes.EnergyAndMobility}", BoardJson.Options, Ct))!.Select(p => p.Id).Where(pilots.ContainsValue).Order().ToList();
            var expected = LabNames.Where(lab => Allowed(LabAction.Read, person, lab)).Select(lab => pilots[lab]).Order().ToList();
            Assert.True(expected.SequenceEqual(listed), $"{person} lists {string.Join(",", listed)}");
        }
    }
}
