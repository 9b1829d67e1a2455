namespace Climaborough.Server.Tests.Pilots;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>The demo data holds Sofia's two pilots: leader in energy and mobility, follower in waste to circularity.</summary>
public sealed class DemoPilotsTests
{
    [Fact]
    public async Task A_fresh_demo_start_has_the_hubs_leader_cities_and_sofias_leader_and_follower_pilots_with_milestones_and_indicators()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" });
        await node.WaitReadyAsync();
        using var giulia = await TestTokens.ClientAsync(node.Url, "giulia"); // a network lab: every partner city reads it

        var pilots = (await giulia.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=sofia", BoardJson.Options, ct))!;
        Assert.Equal(2, pilots.Length);
        var leader = Assert.Single(pilots, p => p.HubId == LabThemes.EnergyAndMobility);
        var follower = Assert.Single(pilots, p => p.HubId == LabThemes.WasteToCircularity);
        Assert.Equal(PilotStatus.Late, leader.Status);
        Assert.Equal(PilotStatus.AtRisk, follower.Status);

        var page = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{leader.Id}", BoardJson.Options, ct))!;
        Assert.Equal(3, page.Milestones.Count);
        Assert.Equal(["renewable-energy-produced", "cycling-modal-share"], page.Indicators.Select(i => i.Definition.Id));
        Assert.Equal(2, page.Indicators[0].Measurements.Count);
        Assert.Single((await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{follower.Id}", BoardJson.Options, ct))!.Indicators);
        var barrier = Assert.Single((await giulia.GetFromJsonAsync<SandboxEntryView[]>($"api/pilots/{leader.Id}/sandbox", BoardJson.Options, ct))!);
        Assert.Equal([BarrierStatus.Identified, BarrierStatus.DerogationRequested, BarrierStatus.TrialGranted], barrier.History.Select(s => s.Status));
        var tender = Assert.Single((await giulia.GetFromJsonAsync<PilotTendersView>($"api/pilots/{leader.Id}/tenders", BoardJson.Options, ct))!.Tenders);
        Assert.Equal(TenderProcedure.InnovationPartnership, tender.Procedure);
        Assert.Equal(TenderStatus.Evaluating, tender.Status);
        Assert.Equal(3, tender.Lots.Count);

        // The demo's partner cities are the programme's cities as the hubs name them: no invented city,
        // and every city of a hub exists (any follower added for the demo is marked illustrative there).
        var cities = (await giulia.GetFromJsonAsync<CityDto[]>("api/cities", BoardJson.Options, ct))!.Select(c => c.Id).Order(StringComparer.Ordinal);
        var hubCities = ClimHubs.All.SelectMany(h => h.Cities).Select(c => c.CityId).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(hubCities, cities);
        Assert.Equal(["athens", "cascais", "differdange", "grenoble", "ioannina", "maribor", "sofia", "torino"], ClimHubs.All.SelectMany(h => h.Cities).Where(c => c.Role == HubRole.Leader).Select(c => c.CityId).Order(StringComparer.Ordinal));
        TestTokens.Forget(node.Url);
    }

    [Fact]
    public async Task A_fresh_demo_start_has_one_public_pilot_that_anyone_reads_without_an_account()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" });
        await node.WaitReadyAsync();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!node.Output.Contains("Demo public pilot:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "the public demo pilot was not seeded:\n" + node.Output);
            await Task.Delay(200, ct);
        }

        using var anonymous = new HttpClient { BaseAddress = node.Url };
        var pilot = Assert.Single((await anonymous.GetFromJsonAsync<PilotSummary[]>("api/pilots", BoardJson.Options, ct))!);
        Assert.Equal("Reuse corners in Torino's neighbourhood markets", pilot.Title);
        Assert.Equal(("torino", LabThemes.WasteToCircularity), (pilot.CityId, pilot.HubId));
        Assert.Equal(pilot.Id, Assert.Single((await anonymous.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=torino", BoardJson.Options, ct))!).Id);
        Assert.Empty((await anonymous.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=sofia", BoardJson.Options, ct))!);
        var page = (await anonymous.GetFromJsonAsync<PilotView>($"api/pilots/{pilot.Id}", BoardJson.Options, ct))!;
        Assert.Equal(2, Assert.Single(page.Indicators).Measurements.Count);
        Assert.Equal(2, page.Milestones.Count);
        Assert.False(page.YouMayContribute);
    }
}
