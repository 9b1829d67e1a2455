namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>The pilots list by hub, a pilot's page (challenge, stage, milestones with late flags) and the indicator chart with its table.</summary>
public sealed class PilotPagesTests : WebTestContext
{
    private static readonly PilotSummary Energy = new("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.Deploy, PilotStatus.Late, 1, DateTimeOffset.UnixEpoch);
    private static readonly PilotSummary Waste = new("pl2", "l2", "sofia", LabThemes.WasteToCircularity, "From waste to a circular Sofia", PilotStage.CoCreate, PilotStatus.OnTrack, 0, DateTimeOffset.UnixEpoch);

    private static readonly PilotIndicatorView Cycling = new(
        new IndicatorDefinition("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter, "Survey", "Household travel survey"),
        new IndicatorPoint(2, new DateOnly(2024, 1, 1)),
        new IndicatorPoint(6, new DateOnly(2030, 12, 31)),
        [
            new MeasurementView("v1", 2.5, new DateOnly(2025, 1, 1), "Counters 2024", null, "Ivan Georgiev", DateTimeOffset.UnixEpoch),
            new MeasurementView("v2", 3.5, new DateOnly(2026, 1, 1), "Survey 2025", null, "Ivan Georgiev", DateTimeOffset.UnixEpoch),
        ],
        37.5);

    private static readonly PilotView Page = new(
        Energy,
        "Shared **e-mobility**",
        "<p>Shared <strong>e-mobility</strong></p>",
        [
            new MilestoneView("m1", "Stakeholder workshop", new DateOnly(2026, 3, 1), "Elena", MilestoneStatus.InProgress, Late: true),
            new MilestoneView("m2", "Tender published", new DateOnly(2027, 3, 1), "Maria", MilestoneStatus.Planned, Late: false),
        ],
        [Cycling],
        DateTimeOffset.UnixEpoch,
        YouMayContribute: true,
        YouMayManage: false);

    [Fact]
    public void The_list_groups_pilots_by_hub_with_stage_and_status()
    {
        Http.Json("/api/hubs", ClimHubs.All);
        Http.Json("/api/pilots", new[] { Energy, Waste });
        var cut = Render<PilotList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.pilot").Count));
        var energy = cut.Find("section[data-hub=energy-and-mobility]");
        Assert.Contains("Athens, Differdange, Grenoble, Sofia", energy.TextContent, StringComparison.Ordinal);
        var pilot = energy.QuerySelector("li[data-pilot=pl1]")!;
        Assert.Contains("Deploy", pilot.TextContent, StringComparison.Ordinal);
        var status = pilot.QuerySelector("[data-testid=pilot-status]")!;
        Assert.StartsWith("Late", status.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1 milestone late", status.TextContent, StringComparison.Ordinal);
        Assert.Equal("pilots/pl1", pilot.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Follower cities:", cut.Find("section[data-hub=waste-to-circularity]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pilot_page_shows_the_challenge_the_stage_and_flags_late_milestones()
    {
        Http.Json("/api/pilots/pl1", Page);
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => Assert.Equal("Integrated energy and mobility services", cut.Find("[data-testid=pilot-title]").TextContent));
        Assert.Equal("e-mobility", cut.Find("[data-testid=pilot-challenge] strong").TextContent);
        Assert.Equal("Deploy", cut.Find("[data-testid=pilot-stages] [aria-current=step]").TextContent);
        Assert.Contains("late", cut.Find("tr[data-milestone=m1]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=late-flag]"));
        Assert.Empty(cut.Find("tr[data-milestone=m2]").QuerySelectorAll("[data-testid=late-flag]"));
    }

    [Fact]
    public void A_contributor_adds_a_milestone_and_the_page_reloads_with_it()
    {
        Http.Json("/api/pilots/pl1", Page);
        Http.Json("/api/pilots/pl1/milestones", new MilestoneView("m3", "Tender", new DateOnly(2027, 5, 1), "Maria", MilestoneStatus.Planned, false), "POST");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("form.new-milestone"));

        cut.Find("[data-testid=milestone-title]").Change("Tender");
        cut.Find("[data-testid=milestone-due]").Change("2027-05-01");
        cut.Find("[data-testid=milestone-owner]").Change("Maria");
        cut.Find("form.new-milestone").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Method == "GET" && r.Path == "/api/pilots/pl1")));
        var post = Http.Requests.Single(r => r.Method == "POST");
        Assert.Contains("\"title\":\"Tender\"", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"due\":\"2027-05-01\"", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Planned\"", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_measurement_shows_the_servers_reason_and_readers_get_no_forms()
    {
        Http.Json("/api/pilots/pl1", Page);
        Http.Problem("/api/pilots/pl1/indicators/cycling-modal-share/measurements", System.Net.HttpStatusCode.BadRequest, "date: from 1990-01-01 to today (no measurement from the future).", "POST");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("form.new-measurement"));

        cut.Find("[data-testid=measurement-value]").Change("4.2");
        cut.Find("[data-testid=measurement-source]").Change("Counters");
        cut.Find("form.new-measurement").Submit();

        cut.WaitForAssertion(() => Assert.Contains("no measurement from the future", cut.Find("[data-testid=measurement-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"value\":4.2", Http.Requests.Single(r => r.Method == "POST").Body, StringComparison.Ordinal);

        Http.Json("/api/pilots/pl2", Page with { YouMayContribute = false });
        var reader = Render<Pilot>(p => p.Add(x => x.PilotId, "pl2"));
        reader.WaitForAssertion(() => reader.Find("[data-testid=pilot-title]"));
        Assert.Empty(reader.FindAll("form"));
    }

    [Fact]
    public void A_pilot_that_cannot_be_seen_says_so()
    {
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "plmissing"));
        cut.WaitForAssertion(() => Assert.Contains("not available", cut.Find("[data-testid=pilot-not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_draws_the_measurements_between_baseline_and_target_and_its_table_holds_the_same_numbers()
    {
        var cut = Render<IndicatorChart>(p => p.Add(x => x.Indicator, Cycling));

        Assert.Equal(2, cut.FindAll("circle.point").Count);
        Assert.NotNull(cut.Find("[data-testid=chart-line]"));
        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("37.5% of the way to the target", cut.Find("figcaption").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=indicator-table] tbody tr");
        Assert.Equal(4, rows.Count); // baseline, two measurements, target
        Assert.Contains("Baseline", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("3.5", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Target", rows[3].TextContent, StringComparison.Ordinal);

        // The target (6) is above the baseline (2): higher on the chart, i.e. a smaller y.
        Assert.True(double.Parse(cut.Find("[data-testid=chart-target]").GetAttribute("y1")!, System.Globalization.CultureInfo.InvariantCulture)
            < double.Parse(cut.Find("[data-testid=chart-baseline]").GetAttribute("y1")!, System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The same in Bulgarian: words from the resources, numbers with a decimal comma, SVG coordinates still with a dot.</summary>
public sealed class PilotPagesBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_chart_and_table_read_in_bulgarian()
    {
        var indicator = new PilotIndicatorView(
            new IndicatorDefinition("pm25-annual-mean", "PM2.5 annual mean", "µg/m³", IndicatorDirection.LowerIsBetter, "Stations", "Network"),
            new IndicatorPoint(25.5, new DateOnly(2023, 1, 1)),
            new IndicatorPoint(15, new DateOnly(2030, 1, 1)),
            [new MeasurementView("v1", 22.25, new DateOnly(2025, 1, 1), "Станция Хиподрума", null, "Иван", DateTimeOffset.UnixEpoch)],
            30);
        var cut = Render<IndicatorChart>(p => p.Add(x => x.Indicator, indicator));

        var rows = cut.FindAll("[data-testid=indicator-table] tbody tr");
        Assert.Contains("Средногодишна концентрация на ФПЧ2,5", cut.Find("figcaption").TextContent, StringComparison.Ordinal); // the catalogue's name, translated
        Assert.Contains("Изходно ниво", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("25,5", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("22,25", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Цел", rows[2].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(",", cut.Find("circle.point").GetAttribute("cy")!, StringComparison.Ordinal);
    }
}
