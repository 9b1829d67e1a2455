namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>A pilot's milestone timeline with owners, evidence and late flags, and its replications side by side.</summary>
public sealed class PilotProgressTests : WebTestContext
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    private static PilotSummary Summary(string id, string city, string title, int late = 0) =>
        new(id, "lb" + id, city, LabThemes.EnergyAndMobility, title, PilotStage.Deploy, late > 0 ? PilotStatus.Late : PilotStatus.OnTrack, late, DateTimeOffset.UnixEpoch);

    private static PilotView Pilot(bool contribute, params MilestoneView[] milestones) =>
        new(Summary("pl1", "sofia", "Integrated energy and mobility services", milestones.Count(m => m.Late)), "", "", milestones, [], DateTimeOffset.UnixEpoch, contribute, false);

    [Fact]
    public void The_timeline_and_the_table_show_each_milestone_with_owner_evidence_and_the_late_one_flagged()
    {
        var cut = Render<PilotMilestones>(p => p.Add(x => x.Pilot, Pilot(
            false,
            new MilestoneView("m1", "Co-design workshops", Today.AddDays(-40), "Elena Dimitrova", MilestoneStatus.Done, false, "u-elena", [new EvidenceLink("Workshop board", "/boards/bd0123456789ab")]),
            new MilestoneView("m2", "Tender awarded", Today.AddDays(-5), "Maria Petrova", MilestoneStatus.InProgress, true, null, [new EvidenceLink("Notice", "https://ted.europa.eu/notice/1")]),
            new MilestoneView("m3", "First hubs open", Today.AddDays(60), "Ivan Georgiev", MilestoneStatus.Planned, false))));

        var items = cut.FindAll(".milestone-timeline li.tl-item");
        Assert.Equal(["m1", "m2", "m3"], items.Select(i => i.GetAttribute("data-milestone")));
        Assert.Equal(["m2"], items.Where(i => i.ClassList.Contains("late")).Select(i => i.GetAttribute("data-milestone")));
        Assert.Equal("true", cut.Find(".milestone-timeline").GetAttribute("aria-hidden")); // the table says it in words
        var dots = cut.FindAll(".tl-dot").Select(d => d.GetAttribute("style")).ToList();
        Assert.Equal("left: 0%", dots[0]);
        Assert.Equal("left: 100%", dots[2]);

        var rows = cut.FindAll("table[data-testid=pilot-milestones] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Single(cut.FindAll("[data-testid=late-flag]"));
        Assert.Contains("late", rows[1].ClassList);
        Assert.Equal(["Elena Dimitrova", "Maria Petrova", "Ivan Georgiev"], cut.FindAll("[data-testid=milestone-owner-name]").Select(c => c.TextContent));
        var links = cut.FindAll("[data-testid=evidence-link]");
        Assert.Equal("boards/bd0123456789ab", links[0].GetAttribute("href")); // an app path follows the base address
        Assert.Equal("https://ted.europa.eu/notice/1", links[1].GetAttribute("href"));
        Assert.Empty(cut.FindAll("form.new-milestone")); // a reader adds nothing
        Assert.Empty(cut.FindAll("[data-testid=milestone-done]"));
    }

    [Fact]
    public void A_leaders_page_lists_its_replications_side_by_side_on_the_same_indicators()
    {
        var self = new PilotProgressView(Summary("pl1", "sofia", "Integrated energy and mobility services"), 1, 3, [new IndicatorProgressView("cycling-modal-share", "Modal share of cycling", "%", new IndicatorPoint(2.1, new DateOnly(2025, 10, 1)), 17.1)]);
        var torino = new PilotProgressView(Summary("pl2", "torino", "Solar mobility hubs for Torino"), 1, 3, [new IndicatorProgressView("cycling-modal-share", "Modal share of cycling", "%", new IndicatorPoint(3.6, new DateOnly(2025, 9, 30)), 15)]);
        var athens = new PilotProgressView(Summary("pl3", "athens", "Athens mobility hubs", late: 1), 0, 3, []);
        Http.Json("/api/pilots/pl1/replications", new PilotReplicationsView(self, null, [torino, athens], []));

        var cut = Render<PilotReplications>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=replications-table]"));
        Assert.Equal(["pl1", "pl2", "pl3"], cut.FindAll("thead th[data-pilot]").Select(t => t.GetAttribute("data-pilot")));
        Assert.Equal(["pilots/pl2", "pilots/pl3"], cut.FindAll("[data-testid=replication-link]").Select(a => a.GetAttribute("href")));
        Assert.Equal(["1 of 3", "1 of 3", "0 of 3"], cut.FindAll("[data-testid=replication-milestones]").Select(c => c.TextContent));
        var cycling = cut.Find("tr[data-indicator=cycling-modal-share]").QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["2.1 (17.1 % of the way to target)", "3.6 (15 % of the way to target)", "—"], cycling);
        Assert.Empty(cut.FindAll("[data-testid=replicate-form]")); // nobody signed in
    }

    [Fact]
    public void A_replication_links_to_the_leader_and_names_the_indicators_still_to_adopt()
    {
        var self = new PilotProgressView(Summary("pl2", "torino", "Solar mobility hubs for Torino"), 0, 3, []);
        var leader = new PilotProgressView(Summary("pl1", "sofia", "Integrated energy and mobility services"), 1, 3, []);
        Http.Json("/api/pilots/pl2/replications", new PilotReplicationsView(self, leader, [], [new IndicatorDefinition("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter, "Survey", "City")]));

        var cut = Render<PilotReplications>(p => p.Add(x => x.PilotId, "pl2"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=replicates-link]"));
        Assert.Equal("pilots/pl1", cut.Find("[data-testid=replicates-link] a").GetAttribute("href"));
        Assert.Contains("Integrated energy and mobility services", cut.Find("[data-testid=replicates-link]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cycling", cut.Find("[data-testid=planned-indicators]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("No other city replicates this pilot yet.", cut.Find("[data-testid=no-replications]").TextContent);
    }
}
