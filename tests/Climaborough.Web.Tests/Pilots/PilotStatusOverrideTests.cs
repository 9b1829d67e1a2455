namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>A pilot's status set by hand (the reason, who and when; the form for managers) and the date each stage was entered, on the pilot's page.</summary>
public sealed class PilotStatusOverrideTests : WebTestContext
{
    private static readonly PilotView Page = new(
        new PilotSummary("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.Deploy, PilotStatus.Late, 1, DateTimeOffset.UnixEpoch),
        "Challenge",
        "<p>Challenge</p>",
        [new MilestoneView("m1", "Tender awarded", new DateOnly(2026, 3, 1), "Maria", MilestoneStatus.InProgress, Late: true)],
        [],
        DateTimeOffset.UnixEpoch,
        YouMayContribute: true,
        YouMayManage: true,
        DerivedStatus: PilotStatus.Late,
        StageDates: [new PilotStageDate(PilotStage.CoCreate, new DateTimeOffset(2025, 2, 3, 10, 0, 0, TimeSpan.Zero)), new PilotStageDate(PilotStage.Deploy, new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero))]);

    private static readonly PilotView Overridden = Page with
    {
        Summary = Page.Summary with { Status = PilotStatus.OnTrack },
        StatusOverride = new PilotStatusOverrideView(PilotStatus.OnTrack, "The award was signed yesterday.", "Elena Dimitrova", new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)),
    };

    [Fact]
    public void A_reader_sees_the_status_set_by_hand_with_the_reason_who_set_it_and_what_the_milestones_say_but_no_form()
    {
        Http.Json("/api/pilots/pl1", Overridden with { YouMayManage = false });
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=status-override]"));
        var note = cut.Find("[data-testid=status-override]").TextContent;
        Assert.Contains("Status set to “On track” by Elena Dimitrova", note, StringComparison.Ordinal);
        Assert.Equal("The award was signed yesterday.", cut.Find("[data-testid=status-override-reason]").TextContent);
        Assert.Equal("(the milestones give “Late”)", cut.Find("[data-testid=status-derived]").TextContent);
        Assert.StartsWith("On track", cut.Find(".pilot-meta [data-testid=pilot-status]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=status-override-form]"));
        Assert.Equal("labs/l1", cut.Find("[data-testid=pilot-lab]").GetAttribute("href"));
        Assert.Equal("cities/sofia", cut.Find("[data-testid=pilot-city]").GetAttribute("href"));
    }

    [Fact]
    public void A_manager_sets_the_status_with_a_reason_and_the_page_shows_it()
    {
        Http.Json("/api/pilots/pl1", Page);
        Http.Json("/api/pilots/pl1/status", Overridden, "PUT");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=status-override-form]"));
        Assert.Empty(cut.FindAll("[data-testid=status-override]"));

        cut.Find("[data-testid=status-override-status]").Change("OnTrack");
        cut.Find("[data-testid=status-override-text]").Change("The award was signed yesterday.");
        Http.Json("/api/pilots/pl1", Overridden);
        cut.Find("[data-testid=status-override-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("The award was signed yesterday.", cut.Find("[data-testid=status-override-reason]").TextContent));
        var put = Assert.Single(Http.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/pilots/pl1/status", put.Path);
        Assert.Contains("\"status\":\"OnTrack\"", put.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"The award was signed yesterday.\"", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_reason_is_shown_beside_the_field_and_nothing_changes_on_the_page()
    {
        Http.Json("/api/pilots/pl1", Page);
        Http.ValidationProblem("/api/pilots/pl1/status", new Dictionary<string, string[]> { ["reason"] = ["reason: 1 to 500 characters."] }, "PUT");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=status-override-form]"));

        cut.Find("[data-testid=status-override-status]").Change("Done");
        cut.Find("[data-testid=status-override-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("1 to 500 characters.", cut.Find("#status-override-reason-error").TextContent));
        Assert.Equal("true", cut.Find("[data-testid=status-override-text]").GetAttribute("aria-invalid"));
        Assert.Empty(cut.FindAll("[data-testid=status-override]"));
        Assert.StartsWith("Late", cut.Find(".pilot-meta [data-testid=pilot-status]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_steps_show_when_the_pilot_entered_each_stage_up_to_the_current_one()
    {
        Http.Json("/api/pilots/pl1", Page);
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=stage-date]").Count));
        Assert.Contains("since 15/01/2026", cut.Find("[data-testid=pilot-stages] [aria-current=step]").TextContent, StringComparison.Ordinal);
    }
}

public sealed class PilotStatusOverrideInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_status_set_by_hand_reads_in_bulgarian()
    {
        Http.Json("/api/pilots/pl1", new PilotView(
            new PilotSummary("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Пилот", PilotStage.Deploy, PilotStatus.AtRisk, 0, DateTimeOffset.UnixEpoch),
            string.Empty,
            string.Empty,
            [],
            [],
            DateTimeOffset.UnixEpoch,
            YouMayContribute: false,
            YouMayManage: false,
            StatusOverride: new PilotStatusOverrideView(PilotStatus.AtRisk, "Бюджетът не е одобрен.", "Мария Петрова", DateTimeOffset.UnixEpoch),
            DerivedStatus: PilotStatus.OnTrack));
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => Assert.Contains("Статусът е зададен като „В риск“ от Мария Петрова", cut.Find("[data-testid=status-override]").TextContent, StringComparison.Ordinal));
        Assert.Equal("(според ключовите етапи: „По план“)", cut.Find("[data-testid=status-derived]").TextContent);
    }
}
