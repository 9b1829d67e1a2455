namespace Climaborough.Server.Tests.Pilots;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;

/// <summary>
/// Measurement corrections, the network dashboard and the pilots' open data over REST on a real node: a pilot in
/// a public lab made here, and one in the private "Circular Sofia" lab of <see cref="DiscussionNode"/>
/// (Maria owner and Sofia's coordinator, Ivan member; Olga in no lab).
/// </summary>
[Collection("discussions")]
public sealed class PilotsOpenApiTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_member_corrects_a_measurement_the_old_value_stays_in_its_history_and_a_bad_correction_changes_nothing()
    {
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria, lab.LabId, "Corrected in Circular Sofia");
        using var ivan = await lab.As("ivan");
        using var added = await ivan.PostAsJsonAsync($"api/pilots/{id}/indicators/cycling-modal-share/measurements", new MeasurementRequest(3, new DateOnly(2025, 6, 1), "Survey 2025", null), BoardJson.Options, Ct);
        var measurement = (await added.Content.ReadFromJsonAsync<MeasurementView>(BoardJson.Options, Ct))!;

        using var refused = await ivan.PutAsJsonAsync($"api/pilots/{id}/indicators/cycling-modal-share/measurements/{measurement.Id}", new MeasurementRequest(9, Today.AddDays(2), "", null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Equal(["date", "source"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, Assert.Single((await GetAsync(maria, id)).Indicators[0].Measurements).Value);

        using var corrected = await ivan.PutAsJsonAsync($"api/pilots/{id}/indicators/cycling-modal-share/measurements/{measurement.Id}", new MeasurementRequest(3.5, new DateOnly(2025, 6, 1), "Survey 2025 (weighted)", "Weighting fixed"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var now = Assert.Single((await GetAsync(maria, id)).Indicators[0].Measurements);
        Assert.Equal(3.5, now.Value);
        Assert.Equal("Ivan Georgiev", now.EnteredBy);
        Assert.Equal((3d, "Survey 2025"), Assert.Single(now.Earlier!) is var e ? (e.Value, e.Source) : default);

        using var olga = await lab.As("olga");
        using var stranger = await olga.PutAsJsonAsync($"api/pilots/{id}/indicators/cycling-modal-share/measurements/{measurement.Id}", new MeasurementRequest(1, new DateOnly(2025, 6, 1), "S", null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task The_public_dashboard_shows_anyone_the_public_pilots_and_members_see_their_labs_too_with_filters()
    {
        using var maria = await lab.As("maria");
        var publicLab = await NewPublicLabAsync(maria);
        var open = await NewPilotAsync(maria, publicLab, "Open e-mobility hubs");
        var closed = await NewPilotAsync(maria, lab.LabId, "Closed compost pilot");
        (await maria.PostAsJsonAsync($"api/pilots/{open}/indicators/cycling-modal-share/measurements", new MeasurementRequest(4, new DateOnly(2025, 6, 1), "Survey", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync($"api/pilots/{open}/milestones", new MilestoneRequest("Chargers installed", Today.AddDays(-4), "Elena", MilestoneStatus.InProgress), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var anyone = await lab.As("anonymous");
        var shown = (await anyone.GetFromJsonAsync<DashboardView>("api/dashboard", BoardJson.Options, Ct))!;
        Assert.True(shown.Public);
        var pilot = Assert.Single(shown.Pilots, p => p.Summary.Id == open);
        Assert.DoesNotContain(shown.Pilots, p => p.Summary.Id == closed);
        Assert.Equal(50, Assert.Single(pilot.Indicators).Progress); // 2 → 4 of 2 → 6
        Assert.Equal("Chargers installed", Assert.Single(pilot.LateMilestones).Title);
        Assert.Equal(PilotStatus.Late, pilot.Summary.Status);

        using var ivan = await lab.As("ivan");
        var member = (await ivan.GetFromJsonAsync<DashboardView>("api/dashboard?status=Late", BoardJson.Options, Ct))!;
        Assert.False(member.Public);
        Assert.Contains(member.Pilots, p => p.Summary.Id == open);
        Assert.DoesNotContain(member.Pilots, p => p.Summary.Id == closed); // on track: filtered out
        Assert.Contains((await ivan.GetFromJsonAsync<DashboardView>("api/dashboard?stage=CoCreate&city=sofia", BoardJson.Options, Ct))!.Pilots, p => p.Summary.Id == closed);
        Assert.DoesNotContain((await ivan.GetFromJsonAsync<DashboardView>("api/dashboard?hub=waste-to-circularity", BoardJson.Options, Ct))!.Pilots, p => p.Summary.Id == open);

        foreach (var bad in new[] { "status=1", "stage=Nowhere", "hub=no-such-hub" })
        {
            using var refused = await anyone.GetAsync(new Uri("api/dashboard?" + bad, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Open_data_holds_only_public_pilots_as_json_and_formula_safe_csv_listed_in_a_dcat_catalogue()
    {
        using var maria = await lab.As("maria");
        var publicLab = await NewPublicLabAsync(maria);
        var open = await NewPilotAsync(maria, publicLab, "=HYPERLINK(\"https://evil.example\",\"Open\")");
        var closed = await NewPilotAsync(maria, lab.LabId, "Private pilot, not open data");
        (await maria.PostAsJsonAsync($"api/pilots/{open}/milestones", new MilestoneRequest("+1+cmd|' /C calc'!A0", new DateOnly(2030, 1, 1), "@owner", MilestoneStatus.Planned), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync($"api/pilots/{open}/indicators/cycling-modal-share/measurements", new MeasurementRequest(-2, new DateOnly(2025, 6, 1), "-2+3", "Line one,\nline two"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var anyone = await lab.As("anonymous");
        var document = (await anyone.GetFromJsonAsync<OpenPilotsDocument>("api/open-data/pilots.json", BoardJson.Options, Ct))!;
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", document.Licence);
        Assert.Contains(document.Pilots, p => p.Id == open && p.Url.EndsWith($"/pilots/{open}", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Pilots, p => p.Id == closed);
        Assert.Contains(document.Measurements, m => m.PilotId == open && m.Value == -2 && m.Unit == "%");
        Assert.DoesNotContain(document.Milestones, m => m.PilotId == closed);

        var pilots = await CsvAsync(anyone, "pilots.csv");
        Assert.StartsWith("Id,Url,Title,CityId,HubId,Stage,Status,Challenge,UpdatedAt", pilots, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", Assert.Single(pilots.Split('\n'), l => l.StartsWith(open, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(closed, pilots, StringComparison.Ordinal);
        var milestone = Assert.Single((await CsvAsync(anyone, "milestones.csv")).Split('\n'), l => l.StartsWith(open, StringComparison.Ordinal));
        Assert.Contains("'+1+cmd", milestone, StringComparison.Ordinal);
        Assert.Contains("'@owner", milestone, StringComparison.Ordinal);
        var measurements = (await CsvAsync(anyone, "measurements.csv")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("'-2+3", measurements, StringComparison.Ordinal);
        Assert.Contains("\"Line one,\nline two\"", measurements, StringComparison.Ordinal);
        Assert.Contains(open, await CsvAsync(anyone, "indicators.csv"), StringComparison.Ordinal);
        (await maria.PostAsJsonAsync($"api/pilots/{open}/sandbox", new SandboxEntryRequest("=cmd barrier", BarrierKind.Financial, "Budget rule", "Open"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync($"api/pilots/{closed}/sandbox", new SandboxEntryRequest("Closed barrier", BarrierKind.Financial, "Budget rule", "Closed"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        var sandbox = await CsvAsync(anyone, "sandbox.csv");
        Assert.Contains("'=cmd barrier", Assert.Single(sandbox.Split('\n'), l => l.StartsWith(open, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain(closed, sandbox, StringComparison.Ordinal);
        foreach (var text in new[] { pilots, milestone, measurements })
        {
            foreach (var start in new[] { ",=", ",+", ",@", ",\"=", ",\"+", ",\"-", ",\"@" })
            {
                Assert.DoesNotContain(start, text, StringComparison.Ordinal);
            }
        }

        using var catalogue = await anyone.GetAsync(new Uri("api/open-data/catalog.jsonld", UriKind.Relative), Ct);
        Assert.Equal("application/ld+json", catalogue.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await catalogue.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("dcat:Catalog", root.GetProperty("@type").GetString());
        var datasets = root.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Equal(7, datasets.Count);
        foreach (var dataset in datasets)
        {
            Assert.Equal("https://creativecommons.org/licenses/by/4.0/", dataset.GetProperty("dct:license").GetProperty("@id").GetString());
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                var url = new Uri(distribution.GetProperty("dcat:downloadURL").GetProperty("@id").GetString()!);
                using var file = await anyone.GetAsync(new Uri(url.PathAndQuery.TrimStart('/'), UriKind.Relative), Ct);
                Assert.True(file.IsSuccessStatusCode, $"{url} answers {(int)file.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Open_data_lists_public_pilots_tenders_one_csv_row_per_lot()
    {
        using var maria = await lab.As("maria");
        var publicLab = await NewPublicLabAsync(maria);
        var open = await NewPilotAsync(maria, publicLab, "Open procurement pilot");
        var closed = await NewPilotAsync(maria, lab.LabId, "Closed procurement pilot");
        var awarded = new TenderRequest("=HYPERLINK(\"https://evil.example\",\"Bins\")", TenderProcedure.InnovationPartnership, TenderStatus.Awarded, new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 2),
            [new TenderLot("Sensors, bins", 380_000m, "@Eco Sense"), new TenderLot("Routing software", 120_000.25m, "RouteWise")]);
        (await maria.PostAsJsonAsync($"api/pilots/{open}/tenders", awarded, BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync($"api/pilots/{closed}/tenders", new TenderRequest("Closed tender", TenderProcedure.OpenProcedure, TenderStatus.Planned, null, null, null, [new TenderLot("Closed lot", 5m, null)]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var anyone = await lab.As("anonymous");
        var document = (await anyone.GetFromJsonAsync<OpenPilotsDocument>("api/open-data/pilots.json", BoardJson.Options, Ct))!;
        var tender = Assert.Single(document.Tenders, t => t.PilotId == open);
        Assert.Equal(("InnovationPartnership", "Awarded", 500_000.25m), (tender.Procedure, tender.Status, tender.TotalBudgetEur));
        Assert.Equal(["@Eco Sense", "RouteWise"], tender.Lots.Select(l => l.AwardedTo));
        Assert.DoesNotContain(document.Tenders, t => t.PilotId == closed);

        var csv = (await CsvAsync(anyone, "tenders.csv")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("PilotId,TenderId,Title,Procedure,Status,PublishedOn,Deadline,AwardedOn,TotalBudgetEur,Lot,LotTitle,LotBudgetEur,AwardedTo\n", csv, StringComparison.Ordinal);
        var rows = csv.Split('\n').Where(l => l.StartsWith(open, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("\"'=HYPERLINK(", r, StringComparison.Ordinal));
        Assert.True(rows[0].Contains(",1,\"Sensors, bins\",380000", StringComparison.Ordinal), rows[0]);
        Assert.True(rows[0].Contains("'@Eco Sense", StringComparison.Ordinal), rows[0]);
        Assert.True(rows[1].Contains(",2,Routing software,120000.25,RouteWise", StringComparison.Ordinal), rows[1]);
        Assert.DoesNotContain(closed, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed tender", csv, StringComparison.Ordinal);

        var catalogue = JsonDocument.Parse(await anyone.GetStringAsync(new Uri("api/open-data/catalog.jsonld", UriKind.Relative), Ct)).RootElement;
        var dataset = Assert.Single(catalogue.GetProperty("dcat:dataset").EnumerateArray(), d => d.GetProperty("dct:identifier").GetString() == "climaborough-tenders");
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", dataset.GetProperty("dct:license").GetProperty("@id").GetString());
        var download = Assert.Single(dataset.GetProperty("dcat:distribution").EnumerateArray()).GetProperty("dcat:downloadURL").GetProperty("@id").GetString();
        Assert.EndsWith("/api/open-data/tenders.csv", download, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_barrier_goes_from_identified_to_trial_granted_is_found_by_members_only_and_once_resolved_becomes_a_lesson()
    {
        using var ivan = await lab.As("ivan");
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria, lab.LabId, "Sandboxed pilot");
        var marker = "zq" + Guid.NewGuid().ToString("N")[..6];

        using var numeric = await ivan.PostAsync(new Uri($"api/pilots/{id}/sandbox", UriKind.Relative), JsonContent.Create(new { title = "t", kind = 1, rule = "r", description = "" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, numeric.StatusCode); // enums by name only
        using var added = await ivan.PostAsJsonAsync($"api/pilots/{id}/sandbox", new SandboxEntryRequest($"Heat pumps in listed buildings {marker}", BarrierKind.Regulatory, "Heritage protection act", "Outdoor units are not allowed on listed facades."), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var entry = (await added.Content.ReadFromJsonAsync<SandboxEntryView>(BoardJson.Options, Ct))!;
        foreach (var step in new[] { BarrierStatus.DerogationRequested, BarrierStatus.TrialGranted })
        {
            using var moved = await ivan.PutAsJsonAsync($"api/pilots/{id}/sandbox/{entry.Id}/status", new SandboxStatusRequest(step, Today, null), BoardJson.Options, Ct);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using var back = await ivan.PutAsJsonAsync($"api/pilots/{id}/sandbox/{entry.Id}/status", new SandboxStatusRequest(BarrierStatus.Identified, Today, null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Equal("status", Assert.Single(JsonDocument.Parse(await back.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateObject()).Name);
        var shown = Assert.Single((await ivan.GetFromJsonAsync<SandboxEntryView[]>($"api/pilots/{id}/sandbox", BoardJson.Options, Ct))!);
        Assert.Equal(BarrierStatus.TrialGranted, shown.Status);

        using var anyone = await lab.As("anonymous");
        Assert.Empty((await anyone.GetFromJsonAsync<SandboxHit[]>($"api/sandbox?q=heat+pump+{marker}", BoardJson.Options, Ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(new Uri($"api/pilots/{id}/sandbox", UriKind.Relative), Ct)).StatusCode);
        var hit = Assert.Single((await ivan.GetFromJsonAsync<SandboxHit[]>($"api/sandbox?q=heat+pump+{marker}&kind=Regulatory", BoardJson.Options, Ct))!);
        Assert.Equal("Sandboxed pilot", hit.PilotTitle);
        Assert.Empty((await ivan.GetFromJsonAsync<SandboxHit[]>($"api/sandbox?q={marker}&status=Rejected", BoardJson.Options, Ct))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await ivan.GetAsync(new Uri("api/sandbox?kind=Legal", UriKind.Relative), Ct)).StatusCode);

        using var early = await ivan.PostAsync(new Uri($"api/pilots/{id}/sandbox/{entry.Id}/lesson", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        (await ivan.PutAsJsonAsync($"api/pilots/{id}/sandbox/{entry.Id}/status", new SandboxStatusRequest(BarrierStatus.EstablishedSolution, Today, "Reversible units allowed"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var published = await ivan.PostAsync(new Uri($"api/pilots/{id}/sandbox/{entry.Id}/lesson", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var lessonId = (await published.Content.ReadFromJsonAsync<SandboxEntryView>(BoardJson.Options, Ct))!.LessonId!;
        var lesson = (await ivan.GetFromJsonAsync<LessonView>($"api/lessons/{lessonId}", BoardJson.Options, Ct))!;
        Assert.Equal(LessonKind.GoodPractice, lesson.Summary.Kind);
        Assert.Equal(lab.LabId, lesson.Summary.LabId);
    }

    private static async Task<string> CsvAsync(HttpClient http, string file)
    {
        using var response = await http.GetAsync(new Uri("api/open-data/" + file, UriKind.Relative), Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<PilotView> GetAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!;

    private static async Task<string> NewPublicLabAsync(HttpClient maria)
    {
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Open Sofia", LabThemes.EnergyAndMobility, "Open to anyone", LabVisibility.Public), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
    }

    private static async Task<string> NewPilotAsync(HttpClient maria, string labId, string title)
    {
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(labId, LabThemes.EnergyAndMobility, title, "Challenge", PilotStage.CoCreate), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
        using var adopted = await maria.PostAsJsonAsync($"api/pilots/{id}/indicators", new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31))), BoardJson.Options, Ct);
        adopted.EnsureSuccessStatusCode();
        return id;
    }
}
