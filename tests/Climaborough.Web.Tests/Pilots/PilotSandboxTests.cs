namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>The Climate Sandbox on a pilot's page and the network's register with its search.</summary>
public sealed class PilotSandboxTests : WebTestContext
{
    private static readonly SandboxEntryView Trial = new(
        "s1", "pl1", "Parking spaces for e-mobility hubs", BarrierKind.Regulatory, "Parking ordinance", "Spaces cannot be reserved.", BarrierStatus.TrialGranted, "Trial for 18 months",
        [new(BarrierStatus.Identified, new DateOnly(2025, 3, 3), null, "Elena Dimitrova"), new(BarrierStatus.DerogationRequested, new DateOnly(2025, 5, 12), null, "Maria Petrova"), new(BarrierStatus.TrialGranted, new DateOnly(2025, 9, 1), "Trial for 18 months", "Maria Petrova")],
        null,
        DateTimeOffset.UnixEpoch);

    private static readonly SandboxEntryView Solved = Trial with { Id = "s2", Status = BarrierStatus.EstablishedSolution, History = [.. Trial.History, new(BarrierStatus.EstablishedSolution, new DateOnly(2026, 1, 5), "Ordinance changed", "Maria Petrova")] };

    [Fact]
    public void A_contributor_sees_each_barriers_steps_moves_one_forward_and_publishes_a_solved_one_as_a_lesson()
    {
        Http.Json("/api/pilots/pl1/sandbox", new[] { Trial, Solved });
        Http.Json("/api/pilots/pl1/sandbox/s1/status", Trial with { Status = BarrierStatus.EstablishedSolution }, "PUT");
        Http.Json("/api/pilots/pl1/sandbox/s2/lesson", Solved with { LessonId = "ls1" }, "POST");
        var cut = Render<PilotSandbox>(p => p.Add(x => x.PilotId, "pl1").Add(x => x.MayContribute, true));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.sandbox-entry").Count));
        var trial = cut.Find("li[data-entry=s1]");
        Assert.Equal("Trial granted", trial.QuerySelector("[data-testid=sandbox-entry-status]")!.TextContent);
        Assert.Equal(3, trial.QuerySelectorAll(".sandbox-steps li").Length);
        Assert.Contains("01/09/2025 — Trial granted: Trial for 18 months", trial.TextContent, StringComparison.Ordinal);
        // Only forward: from a trial, an established solution or a rejection.
        Assert.Equal(["EstablishedSolution", "Rejected"], trial.QuerySelectorAll("[data-testid=sandbox-status] option").Select(o => o.GetAttribute("value")));
        Assert.Empty(cut.Find("li[data-entry=s2]").QuerySelectorAll("[data-testid=sandbox-step]"));

        cut.Find("li[data-entry=s1] [data-testid=sandbox-outcome]").Change("Ordinance changed");
        cut.Find("li[data-entry=s1] [data-testid=sandbox-step]").Submit();
        cut.WaitForAssertion(() => Assert.Single(Http.Requests, r => r.Method == "PUT"));
        Assert.Contains("\"status\":\"EstablishedSolution\"", Http.Requests.Single(r => r.Method == "PUT").Body, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"Ordinance changed\"", Http.Requests.Single(r => r.Method == "PUT").Body, StringComparison.Ordinal);

        cut.Find("li[data-entry=s2] [data-testid=sandbox-publish]").Click();
        cut.WaitForAssertion(() => Assert.Single(Http.Requests, r => r.Method == "POST" && r.Path == "/api/pilots/pl1/sandbox/s2/lesson"));
    }

    [Fact]
    public void A_refused_barrier_shows_the_reason_beside_its_field_and_readers_get_no_forms()
    {
        Http.Json("/api/pilots/pl1/sandbox", Array.Empty<SandboxEntryView>());
        Http.ValidationProblem("/api/pilots/pl1/sandbox", new Dictionary<string, string[]> { ["rule"] = ["rule: 1 to 200 characters."] }, "POST");
        var cut = Render<PilotSandbox>(p => p.Add(x => x.PilotId, "pl1").Add(x => x.MayContribute, true));
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-barrier]"));

        cut.Find("[data-testid=barrier-title]").Change("Grid connection");
        cut.Find("[data-testid=barrier-kind]").Change("Technical");
        cut.Find("[data-testid=new-barrier]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=barrier-rule]").GetAttribute("aria-invalid")));
        Assert.Contains("1 to 200 characters", cut.Find(".new-barrier [data-testid=field-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Technical\"", Http.Requests.Single(r => r.Method == "POST").Body, StringComparison.Ordinal);

        Http.Json("/api/pilots/pl2/sandbox", new[] { Trial });
        var reader = Render<PilotSandbox>(p => p.Add(x => x.PilotId, "pl2"));
        reader.WaitForAssertion(() => reader.Find("li.sandbox-entry"));
        Assert.Empty(reader.FindAll("form"));
        Assert.Empty(reader.FindAll("button"));
    }

    [Fact]
    public void The_register_searches_the_network_with_the_words_kind_and_status_chosen()
    {
        Http.Json("/api/sandbox", new[] { new SandboxHit(Trial, "Integrated energy and mobility services", "sofia", LabThemes.EnergyAndMobility) });
        var cut = Render<SandboxRegister>();
        cut.WaitForAssertion(() => cut.Find("li.sandbox-hit"));
        Assert.Contains("Integrated energy and mobility services · Sofia", cut.Find("li.sandbox-hit .sandbox-pilot").TextContent, StringComparison.Ordinal);
        Assert.Equal("pilots/pl1", cut.Find("li.sandbox-hit a").GetAttribute("href"));
        Assert.Contains("Barriers found: 1.", cut.Find("[data-testid=sandbox-count]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=sandbox-q]").Change("parking permits");
        cut.Find("[data-testid=sandbox-kind]").Change("Regulatory");
        cut.Find("[data-testid=sandbox-filter-status]").Change("TrialGranted");
        cut.Find("[data-testid=sandbox-search]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Path == "/api/sandbox")));
        Assert.Equal("?q=parking%20permits&kind=Regulatory&status=TrialGranted", Http.Requests.Last(r => r.Path == "/api/sandbox").Query);
    }
}

/// <summary>The register in Bulgarian.</summary>
public sealed class PilotSandboxBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_register_reads_in_bulgarian()
    {
        var entry = new SandboxEntryView("s1", "pl1", "Паркоместа за мобилни хъбове", BarrierKind.Administrative, "Наредба за паркиране", string.Empty, BarrierStatus.DerogationRequested, null,
            [new(BarrierStatus.Identified, new DateOnly(2025, 3, 3), null, "Елена"), new(BarrierStatus.DerogationRequested, new DateOnly(2025, 5, 12), null, "Мария")], null, DateTimeOffset.UnixEpoch);
        Http.Json("/api/sandbox", new[] { new SandboxHit(entry, "Интегрирани услуги", "sofia", LabThemes.EnergyAndMobility) });
        var cut = Render<SandboxRegister>();

        cut.WaitForAssertion(() => cut.Find("li.sandbox-hit"));
        Assert.Equal("Регистър „Климатичен пясъчник“", cut.Find("h1").TextContent);
        var hit = cut.Find("li.sandbox-hit");
        Assert.Contains("София", hit.TextContent, StringComparison.Ordinal);
        Assert.Contains("Административна", hit.TextContent, StringComparison.Ordinal);
        Assert.Equal("Поискана дерогация", hit.QuerySelector("[data-testid=sandbox-entry-status]")!.TextContent);
        Assert.Contains("Намерени пречки: 1.", cut.Find("[data-testid=sandbox-count]").TextContent, StringComparison.Ordinal);
    }
}
