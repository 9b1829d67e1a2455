namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Labs;
using Climaborough.Web.Sessions;

/// <summary>Views shared by the workshop page tests.</summary>
internal static class Workshop
{
    public static LabDetails Lab(LabRole? role) => new(
        new LabSummary("l1", "sofia", "Safer school streets", LabThemes.EnergyAndMobility, LabVisibility.Private, 3, DateTimeOffset.UnixEpoch),
        string.Empty,
        string.Empty,
        [new LabMember("e", "Elena", "sofia", LabRole.Moderator, DateTimeOffset.UnixEpoch)],
        [new LabContent("board", "b1", "Lyulin map", DateTimeOffset.UnixEpoch), new LabContent("session", "s1", "Lyulin workshop", DateTimeOffset.UnixEpoch)],
        [],
        role);

    public static SessionView View(SessionPhase phase, int? step, long version, TimeSpan? left = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new SessionView(
            "s1", "l1", "b1", "Lyulin workshop", "Make the way to school safe.", "<p>Make the way to school <strong>safe</strong>.</p>",
            now.AddDays(1), phase, step,
            [
                new SessionStepView(0, "Welcome", "Who is here", "<p>Who is here</p>", 5, SessionStepKind.Present, null, null, false),
                new SessionStepView(1, "Ideas", "One idea per note", "<p>One idea <em>per</em> note</p>", 10, SessionStepKind.PrivateBrainstorm, null, null, false),
                new SessionStepView(2, "Wrap-up", string.Empty, string.Empty, 5, SessionStepKind.WrapUp, null, null, false),
            ],
            phase == SessionPhase.Running ? now + (left ?? TimeSpan.FromMinutes(5)) : null,
            phase == SessionPhase.Paused ? (int)(left ?? TimeSpan.FromMinutes(5)).TotalSeconds : null,
            now, DateTimeOffset.UnixEpoch, "Elena", null, null, version);
    }

    public static SessionSummary Summary(SessionPhase phase) => new("s1", "l1", "Lyulin workshop", DateTimeOffset.UnixEpoch, phase, 3, DateTimeOffset.UnixEpoch);
}

public sealed class SessionPagesTests : WebTestContext
{
    [Fact]
    public void The_lab_lists_its_workshops_and_a_moderator_prepares_one()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Workshop.Lab(LabRole.Moderator));
        Http.Json("/api/labs/l1/sessions", new[] { Workshop.Summary(SessionPhase.Running) });
        Http.Json("/api/labs/l1/sessions", Workshop.View(SessionPhase.Scheduled, null, 1), "POST");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Contains("Lyulin workshop", cut.Find("[data-testid=lab-workshops] li[data-session=s1]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Running", cut.Find("li[data-session=s1]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=workshop-title]").Change("Lyulin workshop");
        cut.Find("[data-testid=add-step]").Click();
        Assert.Equal(2, cut.FindAll("[data-testid=workshop-step]").Count);
        cut.Find("[data-testid=workshop-board]").Change("b1");
        cut.Find("[data-testid=new-workshop] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/labs/l1/sessions"));
        var body = Http.Requests.Last(r => r.Method == "POST").Body!;
        Assert.Contains("\"boardId\":\"b1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Discuss\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_see_the_workshops_but_no_form()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Workshop.Lab(LabRole.Member));
        Http.Json("/api/labs/l1/sessions", Array.Empty<SessionSummary>());
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-workshops]")));
        Assert.Empty(cut.FindAll("[data-testid=new-workshop]"));
    }

    [Fact]
    public async Task The_step_banner_counts_down_to_the_servers_end_instant_and_follows_live_changes()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Member));
        Live.Serve(LiveTopics.Session("l1", "s1"), Workshop.View(SessionPhase.Running, 0, 2, TimeSpan.FromMinutes(5)));
        var cut = Render<SessionPage>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal("Welcome", cut.Find("[data-testid=step-banner] h2").TextContent));
        Assert.Matches("^(5:00|4:59)$", cut.Find("[data-testid=countdown]").TextContent);
        Assert.Contains("Step 1 of 3", cut.Find("[data-testid=step-banner]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=session-controls]"));

        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", Workshop.View(SessionPhase.Running, 1, 4, TimeSpan.FromMinutes(10)));
        cut.WaitForAssertion(() => Assert.Equal("Ideas", cut.Find("[data-testid=step-banner] h2").TextContent));
        Assert.Equal("per", cut.Find("[data-testid=step-instructions] em").TextContent);
        Assert.Contains("Private brainstorm", cut.Find("[data-testid=step-banner]").TextContent, StringComparison.Ordinal);

        // An older change that arrives late is ignored.
        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", Workshop.View(SessionPhase.Running, 0, 3));
        cut.WaitForAssertion(() => Assert.Equal("Ideas", cut.Find("[data-testid=step-banner] h2").TextContent));

        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", Workshop.View(SessionPhase.Paused, 1, 5, TimeSpan.FromSeconds(75)));
        cut.WaitForAssertion(() => Assert.Equal("1:15", cut.Find("[data-testid=countdown]").TextContent));
    }

    [Fact]
    public void A_moderator_runs_the_workshop_and_next_names_the_step_it_was_meant_for()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Moderator));
        Http.Json("/api/labs/l1/sessions/s1/control", Workshop.View(SessionPhase.Running, 1, 3), "POST");
        Live.Serve(LiveTopics.Session("l1", "s1"), Workshop.View(SessionPhase.Running, 0, 2));
        var cut = Render<SessionPage>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=cmd-next]")));
        Assert.True(cut.Find("[data-testid=cmd-previous]").HasAttribute("disabled"));
        cut.Find("[data-testid=cmd-next]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ideas", cut.Find("[data-testid=step-banner] h2").TextContent));
        var body = Http.Requests.Last(r => r.Method == "POST").Body!;
        Assert.Contains("\"command\":\"Next\"", body, StringComparison.Ordinal);
        Assert.Contains("\"expectedStep\":0", body, StringComparison.Ordinal);

        cut.Find("[data-testid=cmd-extend-5]").Click();
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Body?.Contains("\"minutes\":5", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Before_the_start_readers_see_the_lobby_and_losing_access_clears_the_page()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Observer));
        Live.Serve(LiveTopics.Session("l1", "s1"), Workshop.View(SessionPhase.Scheduled, null, 1));
        var cut = Render<SessionPage>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=session-lobby]")));
        Assert.Equal(3, cut.FindAll("[data-testid=session-agenda] li").Count);
        Assert.Empty(cut.FindAll("[data-testid=step-banner]"));

        await Live.LoseAccessAsync("session", "s1");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=session-no-access]")));
        Assert.DoesNotContain("Lyulin", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workshop_that_does_not_exist_says_so()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<SessionPage>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s9"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=session-not-found]")));
    }
}

public sealed class SessionPagesInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_step_banner_and_controls_speak_Bulgarian()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Moderator));
        Live.Serve(LiveTopics.Session("l1", "s1"), Workshop.View(SessionPhase.Running, 1, 2));
        var cut = Render<SessionPage>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1"));

        cut.WaitForAssertion(() => Assert.Contains("Стъпка 2 от 3", cut.Find("[data-testid=step-banner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Лична мозъчна атака", cut.Find("[data-testid=step-banner]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Следваща стъпка", cut.Find("[data-testid=cmd-next]").TextContent);
        Assert.Equal("Пауза", cut.Find("[data-testid=cmd-pause]").TextContent);
    }
}
