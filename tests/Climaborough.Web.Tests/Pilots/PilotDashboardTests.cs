namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>The network dashboard, measurement corrections and their history, and adopting an indicator on an existing pilot.</summary>
public sealed class PilotDashboardTests : WebTestContext
{
    private static readonly PilotSummary Energy = new("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.Deploy, PilotStatus.Late, 1, DateTimeOffset.UnixEpoch);
    private static readonly PilotSummary Waste = new("pl2", "l2", "torino", LabThemes.WasteToCircularity, "Circular Torino", PilotStage.CoCreate, PilotStatus.OnTrack, 0, DateTimeOffset.UnixEpoch);

    private static readonly DashboardView Board = new(
        [
            new DashboardPilot(Energy, [new DashboardIndicator("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter, new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 1, 1)), new IndicatorPoint(3.5, new DateOnly(2025, 6, 1)), 37.5)], [new DashboardMilestone("m1", "Stakeholder workshop", new DateOnly(2026, 3, 1), MilestoneStatus.InProgress)]),
            new DashboardPilot(Waste, [], []),
        ],
        Public: true);

    private static readonly PilotIndicatorView Cycling = new(
        new IndicatorDefinition("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter, "Survey", "Household travel survey"),
        new IndicatorPoint(2, new DateOnly(2024, 1, 1)),
        new IndicatorPoint(6, new DateOnly(2030, 12, 31)),
        [new MeasurementView("v1", 3.5, new DateOnly(2025, 6, 1), "Survey 2025 (weighted)", null, "Ivan Georgiev", DateTimeOffset.UnixEpoch, [new MeasurementVersionView(3, new DateOnly(2025, 6, 1), "Survey 2025", null, "Maria Petrova", DateTimeOffset.UnixEpoch)])],
        37.5);

    private static readonly PilotView Page = new(Energy, "c", "<p>c</p>", [], [Cycling], DateTimeOffset.UnixEpoch, YouMayContribute: true, YouMayManage: true);

    [Fact]
    public void The_public_dashboard_shows_each_pilot_by_hub_with_progress_late_milestones_and_open_data_links()
    {
        Http.Json("/api/dashboard", Board);
        var cut = Render<Dashboard>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr[data-pilot]").Count));
        Assert.NotNull(cut.Find("[data-testid=dashboard-public]"));
        Assert.Contains("Pilots: 2. On track: 1, at risk: 0, late: 1, done: 0.", cut.Find("[data-testid=dashboard-totals]").TextContent, StringComparison.Ordinal);
        var energy = cut.Find("section[data-hub=energy-and-mobility] tr[data-pilot=pl1]");
        Assert.Contains("37.5% of the way to the target", energy.QuerySelector("[data-testid=indicator-progress]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stakeholder workshop (due 01/03/2026)", energy.QuerySelector("[data-testid=late-milestone]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pilots/pl1", energy.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Torino", cut.Find("section[data-hub=waste-to-circularity] tr[data-pilot=pl2]").TextContent, StringComparison.Ordinal);
        Assert.Equal("api/open-data/catalog.jsonld", cut.Find("[data-testid=open-data-catalog]").GetAttribute("href"));
    }

    [Fact]
    public void The_filters_ask_the_server_for_the_chosen_hub_city_stage_and_status()
    {
        Http.Json("/api/dashboard", Board with { Pilots = [], Public = false });
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=dashboard-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-public]"));

        cut.Find("[data-testid=filter-hub]").Change(LabThemes.EnergyAndMobility);
        cut.Find("[data-testid=filter-city]").Change("sofia");
        cut.Find("[data-testid=filter-stage]").Change("Deploy");
        cut.Find("[data-testid=filter-status]").Change("Late");
        cut.Find("[data-testid=dashboard-filters]").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Path == "/api/dashboard")));
        Assert.Equal("?hub=energy-and-mobility&city=sofia&stage=Deploy&status=Late", Http.Requests.Last(r => r.Path == "/api/dashboard").Query);
    }

    [Fact]
    public void A_corrected_measurement_shows_its_earlier_version_in_the_table_and_a_correction_is_sent_with_put()
    {
        Http.Json("/api/pilots/pl1", Page);
        Http.Json("/api/indicators", new[] { Cycling.Definition });
        Http.Json("/api/pilots/pl1/indicators/cycling-modal-share/measurements/v1", Cycling.Measurements[0], "PUT");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=correct-measurement]"));

        var history = cut.Find("tr[data-measurement=v1] [data-testid=measurement-history]");
        Assert.Contains("corrected; earlier versions: 1", history.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 %, Survey 2025; entered by Maria Petrova", history.TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=correct-which]").Change("v1");
        cut.Find("[data-testid=correct-value]").Change("3.75");
        cut.Find("[data-testid=correct-measurement]").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Method == "GET" && r.Path == "/api/pilots/pl1")));
        var put = Http.Requests.Single(r => r.Method == "PUT");
        Assert.Contains("\"value\":3.75", put.Body, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"Survey 2025 (weighted)\"", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_adopts_an_indicator_on_the_pilot_and_a_target_before_the_baseline_is_shown_beside_the_date()
    {
        var pm = new IndicatorDefinition("pm25-annual-mean", "PM2.5 annual mean", "µg/m³", IndicatorDirection.LowerIsBetter, "Stations", "Network");
        Http.Json("/api/pilots/pl1", Page);
        Http.Json("/api/indicators", new[] { Cycling.Definition, pm });
        Http.ValidationProblem("/api/pilots/pl1/indicators", new Dictionary<string, string[]> { ["target.date"] = ["target.date: after the baseline's date (2024-01-01)."] }, "POST");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=adopt-id]"));

        Assert.Equal(["", "pm25-annual-mean"], cut.FindAll("[data-testid=adopt-id] option").Select(o => o.GetAttribute("value"))); // cycling is adopted already
        cut.Find("[data-testid=adopt-id]").Change("pm25-annual-mean");
        Assert.Contains("Lower is better", cut.Find("[data-testid=adopt-definition]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=adopt-baseline-value]").Change("25");
        cut.Find("[data-testid=adopt-baseline-date]").Change("2024-01-01");
        cut.Find("[data-testid=adopt-target-value]").Change("15");
        cut.Find("[data-testid=adopt-target-date]").Change("2023-01-01");
        cut.Find("[data-testid=adopt-indicator]").Submit();

        cut.WaitForAssertion(() => Assert.Contains("after the baseline's date", cut.Find("#adopt-td-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=adopt-target-date]").GetAttribute("aria-invalid"));
        var post = Http.Requests.Single(r => r.Method == "POST");
        Assert.Contains("\"indicatorId\":\"pm25-annual-mean\"", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"target\":{\"value\":15,\"date\":\"2023-01-01\"}", post.Body, StringComparison.Ordinal);
    }
}

/// <summary>The dashboard in Bulgarian: words from the resources, numbers and dates in the Bulgarian way.</summary>
public sealed class PilotDashboardBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_dashboard_reads_in_bulgarian()
    {
        var energy = new PilotSummary("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Интегрирани услуги", PilotStage.Deploy, PilotStatus.Late, 1, DateTimeOffset.UnixEpoch);
        Http.Json("/api/dashboard", new DashboardView([new DashboardPilot(energy, [new DashboardIndicator("pm25-annual-mean", "PM2.5 annual mean", "µg/m³", IndicatorDirection.LowerIsBetter, new IndicatorPoint(25, new DateOnly(2023, 1, 1)), new IndicatorPoint(15, new DateOnly(2030, 1, 1)), new IndicatorPoint(22.5, new DateOnly(2025, 1, 1)), 25.5)], [new DashboardMilestone("m1", "Работна среща", new DateOnly(2026, 3, 1), MilestoneStatus.Planned)])], Public: true));
        var cut = Render<Dashboard>();

        cut.WaitForAssertion(() => cut.Find("tr[data-pilot=pl1]"));
        Assert.Equal("Табло на мрежата", cut.Find("h1").TextContent);
        var row = cut.Find("tr[data-pilot=pl1]");
        Assert.Contains("Средногодишна концентрация на ФПЧ2,5", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("25,5% от пътя до целта", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Работна среща (срок 1.03.2026", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Внедряване", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Виждате публичните пилотни проекти", cut.Find("[data-testid=dashboard-public]").TextContent, StringComparison.Ordinal);
    }
}
