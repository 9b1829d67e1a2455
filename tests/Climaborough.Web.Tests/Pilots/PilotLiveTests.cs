namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>The pilot page and the dashboard follow pilots live: on a "pilot changed" event they read their view again.</summary>
public sealed class PilotLiveTests : WebTestContext
{
    private static readonly PilotSummary Before = new("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.Deploy, PilotStatus.OnTrack, 0, DateTimeOffset.UnixEpoch);

    private static readonly MilestoneView Chargers = new("m1", "Chargers installed", new DateOnly(2030, 1, 1), "Elena", MilestoneStatus.Planned, Late: false);

    [Fact]
    public async Task The_pilot_page_reloads_when_its_pilot_changes_and_not_for_another_pilot()
    {
        Http.Json("/api/pilots/pl1", new PilotView(Before, "c", "<p>c</p>", [], [], DateTimeOffset.UnixEpoch, YouMayContribute: false, YouMayManage: false));
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => Assert.Equal("Integrated energy and mobility services", cut.Find("[data-testid=pilot-title]").TextContent));
        Assert.Equal(["pl1"], Live.Watching(TopicKinds.Pilot));
        Assert.DoesNotContain("Chargers installed", cut.Markup, StringComparison.Ordinal);
        var tenderReads = Http.Requests.Count(r => r.Path == "/api/pilots/pl1/tenders");

        // Someone else renames the pilot, adds a milestone and moves it on.
        var changed = Before with { Title = "Integrated services, phase 2", Stage = PilotStage.Monitor, UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        Http.Json("/api/pilots/pl1", new PilotView(changed, "c", "<p>c</p>", [Chargers], [], DateTimeOffset.UnixEpoch, YouMayContribute: false, YouMayManage: false));
        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.PilotChanged, "pl2", "pl2"));
        Assert.Equal(1, Http.Requests.Count(r => r.Method == "GET" && r.Path == "/api/pilots/pl1"));

        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.PilotChanged, "pl1", "pl1"));
        cut.WaitForAssertion(() => Assert.Equal("Integrated services, phase 2", cut.Find("[data-testid=pilot-title]").TextContent));
        Assert.Contains("Chargers installed", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(2, Http.Requests.Count(r => r.Method == "GET" && r.Path == "/api/pilots/pl1"));
        cut.WaitForAssertion(() => Assert.True(Http.Requests.Count(r => r.Path == "/api/pilots/pl1/tenders") > tenderReads, "the tenders are read again"));

        await DisposeComponentsAsync();
        Assert.Empty(Live.Watching(TopicKinds.Pilot));
    }

    [Fact]
    public async Task The_dashboard_follows_both_hubs_and_reloads_with_its_filters_when_a_pilot_of_a_hub_changes()
    {
        Http.Json("/api/dashboard", new DashboardView([], Public: true));
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Equal([LabThemes.EnergyAndMobility, LabThemes.WasteToCircularity], Live.Watching(TopicKinds.PilotDashboard).Order(StringComparer.Ordinal)));
        Assert.Empty(cut.FindAll("tr[data-pilot]"));

        Http.Json("/api/dashboard", new DashboardView([new DashboardPilot(Before, [], [])], Public: true));
        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.PilotDashboardChanged, LabThemes.EnergyAndMobility, LabThemes.EnergyAndMobility));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr[data-pilot=pl1]")));
        Assert.Equal(2, Http.Requests.Count(r => r.Path == "/api/dashboard"));
    }
}
