namespace Climaborough.Server.Tests.Pilots;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;

/// <summary>
/// Pilots over REST on a real node, in the private "Circular Sofia" lab of <see cref="DiscussionNode"/>
/// (Maria owner and Sofia's coordinator, Elena moderator, Ivan member, Giulia observer; Olga in no lab).
/// </summary>
[Collection("discussions")]
public sealed class PilotsApiTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_hubs_and_the_indicator_catalogue_are_open_to_anyone()
    {
        using var anyone = await lab.As("anonymous");
        var hubs = (await anyone.GetFromJsonAsync<ClimHub[]>("api/hubs", BoardJson.Options, Ct))!;
        Assert.Equal([LabThemes.WasteToCircularity, LabThemes.EnergyAndMobility], hubs.Select(h => h.Id));
        Assert.Equal(["cascais", "ioannina", "maribor", "torino"], hubs[0].Cities.Where(c => c.Role == HubRole.Leader).Select(c => c.CityId));
        Assert.Equal(["athens", "differdange", "grenoble", "sofia"], hubs[1].Cities.Where(c => c.Role == HubRole.Leader).Select(c => c.CityId));
        Assert.Contains(hubs[0].Cities, c => c.CityId == "sofia" && c.Role == HubRole.Follower);
        var json = await anyone.GetStringAsync("api/hubs/waste-to-circularity", Ct);
        Assert.Contains("\"role\":\"Leader\"", json, StringComparison.Ordinal); // enums by name
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("api/hubs/no-such-hub", Ct)).StatusCode);

        var indicators = (await anyone.GetFromJsonAsync<IndicatorDefinition[]>("api/indicators", BoardJson.Options, Ct))!;
        Assert.Equal(9, indicators.Length);
        Assert.Contains(indicators, i => i.Id == "pm25-annual-mean" && i.Direction == IndicatorDirection.LowerIsBetter && i.Unit == "µg/m³");
    }

    [Fact]
    public async Task A_coordinator_creates_a_pilot_members_add_milestones_and_measurements_and_readers_see_it_with_late_flags()
    {
        using var maria = await lab.As("maria");
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.WasteToCircularity, "From waste to a circular Sofia", "Sorting **at home**", PilotStage.CoCreate), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pilot = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!;
        Assert.Equal("sofia", pilot.Summary.CityId);
        Assert.Contains("<strong>at home</strong>", pilot.ChallengeHtml, StringComparison.Ordinal);
        var id = pilot.Summary.Id;

        using var adopted = await maria.PostAsJsonAsync($"api/pilots/{id}/indicators", new AdoptIndicatorRequest("waste-diverted-from-landfill", new IndicatorPoint(30, new DateOnly(2024, 1, 1)), new IndicatorPoint(60, new DateOnly(2030, 12, 31))), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, adopted.StatusCode);

        using var ivan = await lab.As("ivan");
        using var late = await ivan.PostAsJsonAsync($"api/pilots/{id}/milestones", new MilestoneRequest("Collection points mapped", Today.AddDays(-5), "Ivan", MilestoneStatus.InProgress), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        using var measured = await ivan.PostAsJsonAsync($"api/pilots/{id}/indicators/waste-diverted-from-landfill/measurements", new MeasurementRequest(36, new DateOnly(2025, 12, 31), "Municipal waste statistics 2025", "First year"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, measured.StatusCode);
        using var stage = await ivan.PutAsJsonAsync($"api/pilots/{id}/stage", new PilotStageRequest(PilotStage.Procure), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, stage.StatusCode);

        using var giulia = await lab.As("giulia");
        var seen = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!;
        Assert.Equal(PilotStatus.Late, seen.Summary.Status);
        Assert.True(Assert.Single(seen.Milestones).Late);
        var indicator = Assert.Single(seen.Indicators);
        Assert.Equal(20, indicator.Progress);
        Assert.Equal("Ivan Georgiev", Assert.Single(indicator.Measurements).EnteredBy);
        Assert.False(seen.YouMayContribute);

        var listed = (await giulia.GetFromJsonAsync<PilotSummary[]>($"api/pilots?city=sofia", BoardJson.Options, Ct))!;
        Assert.Contains(listed, p => p.Id == id && p.Status == PilotStatus.Late && p.LateMilestones == 1);
        using var olga = await lab.As("olga");
        Assert.DoesNotContain((await olga.GetFromJsonAsync<PilotSummary[]>("api/pilots", BoardJson.Options, Ct))!, p => p.Id == id);
        Assert.Equal(HttpStatusCode.NotFound, (await olga.GetAsync($"api/pilots/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_each_field_and_stores_nothing()
    {
        using var maria = await lab.As("maria");
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.EnergyAndMobility, "Validated", string.Empty, PilotStage.CoCreate), BoardJson.Options, Ct);
        var id = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
        using var adopted = await maria.PostAsJsonAsync($"api/pilots/{id}/indicators", new AdoptIndicatorRequest("pm25-annual-mean", new IndicatorPoint(22, new DateOnly(2024, 1, 1)), new IndicatorPoint(15, new DateOnly(2030, 1, 1))), BoardJson.Options, Ct);
        adopted.EnsureSuccessStatusCode();

        async Task<JsonElement> RefusedAsync(HttpMethod method, string path, string json)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await maria.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {json}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("errors");
        }

        var backwards = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/indicators", """{"indicatorId":"avoided-emissions","baseline":{"value":0,"date":"2026-01-01"},"target":{"value":500,"date":"2025-01-01"}}""");
        Assert.StartsWith("target.date: after the baseline's date (2026-01-01)", backwards.GetProperty("target.date")[0].GetString(), StringComparison.Ordinal);

        var several = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/indicators", """{"indicatorId":"made-up","baseline":{"value":"NaN","date":"2024-01-01"},"target":{"value":"Infinity","date":"2030-01-01"}}""");
        Assert.Equal(["indicatorId", "baseline.value", "target.value"], several.EnumerateObject().Select(p => p.Name));

        var notFinite = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/indicators/pm25-annual-mean/measurements", """{"value":"NaN","date":"2025-01-01","source":"Station"}""");
        Assert.Equal("value: a finite number.", notFinite.GetProperty("value")[0].GetString());
        var unknown = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/indicators/no-such-indicator/measurements", """{"value":1,"date":"2025-01-01","source":"Station"}""");
        Assert.True(unknown.TryGetProperty("indicatorId", out _));
        var numericEnum = await RefusedAsync(HttpMethod.Put, $"api/pilots/{id}/stage", """{"stage":2}""");
        Assert.NotEmpty(numericEnum.EnumerateObject());
        await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/milestones", """{"title":"","due":"2030-01-01","owner":"","status":"Planned"}""");

        var after = (await maria.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!;
        Assert.Equal(PilotStage.CoCreate, after.Summary.Stage);
        Assert.Empty(after.Milestones);
        Assert.Equal("pm25-annual-mean", Assert.Single(after.Indicators).Definition.Id);
        Assert.Empty(after.Indicators[0].Measurements);
    }

    [Fact]
    public async Task A_csv_import_previews_refuses_a_file_with_bad_rows_whole_stores_a_good_file_and_refuses_one_too_large()
    {
        using var maria = await lab.As("maria");
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.WasteToCircularity, "Imported", string.Empty, PilotStage.Monitor), BoardJson.Options, Ct);
        var id = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
        (await maria.PostAsJsonAsync($"api/pilots/{id}/indicators", new AdoptIndicatorRequest("waste-diverted-from-landfill", new IndicatorPoint(30, new DateOnly(2024, 1, 1)), new IndicatorPoint(60, new DateOnly(2030, 12, 31))), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var ivan = await lab.As("ivan");
        var url = $"api/pilots/{id}/indicators/waste-diverted-from-landfill/measurements/import";

        async Task<HttpResponseMessage> PostAsync(string query, string csv) =>
            await ivan.PostAsync(url + query, new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        var bad = "date;value;source;note\n2025-03-31;31,5;Waste statistics Q1;\n2025-06-31;32,0;Waste statistics Q2;\n2025-09-30;33.5;Waste statistics Q3;\n";
        using (var preview = await PostAsync("?dryRun=true", bad))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var rows = (await preview.Content.ReadFromJsonAsync<MeasurementImportView>(BoardJson.Options, Ct))!;
            Assert.False(rows.Stored);
            Assert.Equal(31.5, rows.Rows[0].Value);
            Assert.Equal([2, 3, 4], rows.Rows.Select(r => r.Row));
            Assert.Equal(2, rows.BadRows);
        }

        using (var refused = await PostAsync(string.Empty, bad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
            Assert.Equal(["rows[3].date", "rows[4].value"], errors.EnumerateObject().Select(p => p.Name));
            Assert.Contains("decimal comma", errors.GetProperty("rows[4].value")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await MeasurementsAsync());

        var good = "date,value,source,note\n2025-03-31,31.5,Waste statistics Q1,\n2025-06-30,32,Waste statistics Q2,\"new bins, two districts\"\n";
        using (var imported = await PostAsync("?dryRun=false", good))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            Assert.True((await imported.Content.ReadFromJsonAsync<MeasurementImportView>(BoardJson.Options, Ct))!.Stored);
        }

        var stored = await MeasurementsAsync();
        Assert.Equal([31.5, 32.0], stored.Select(m => m.Value));
        Assert.Equal("new bins, two districts", stored[1].Note);
        Assert.All(stored, m => Assert.Equal("Ivan Georgiev", m.EnteredBy));

        // Beyond 1 MiB the body is refused as too large; beyond 2,000 rows the file is refused; nothing is stored either way.
        var line = "2025-06-30,32,Waste statistics Q2," + new string('x', 500) + "\n";
        using (var tooLarge = await PostAsync(string.Empty, "date,value,source,note\n" + string.Concat(Enumerable.Repeat(line, (PilotLimits.MaxImportBytes / line.Length) + 1))))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("1 MiB", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var tooMany = await PostAsync(string.Empty, "date,value,source\n" + string.Concat(Enumerable.Repeat("2025-06-30,32,Q2\n", PilotLimits.MaxImportRows + 1))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("at most 2000 rows", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await MeasurementsAsync()).Count);

        async Task<IReadOnlyList<MeasurementView>> MeasurementsAsync() =>
            (await maria.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!.Indicators[0].Measurements;
    }
}
