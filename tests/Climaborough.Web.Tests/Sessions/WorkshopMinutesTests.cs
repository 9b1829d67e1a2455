namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Contracts;
using Climaborough.Web.Lessons;
using Climaborough.Web.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A workshop's record as the server answers it, for the minutes tests.</summary>
internal static class Record
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static SessionOutcomeView Ended(string decisions = "Ask for a **30 km/h zone**.") => new(
        "s1", "l1", "b1", "Lyulin workshop", "Make the way to school safe.", "<p>Make the way to school <strong>safe</strong>.</p>",
        true, Start, Start.AddMinutes(27), "Elena",
        [
            new OutcomeStepView(0, "Ideas", SessionStepKind.Brainstorm, 10, Start, Start.AddMinutes(12), false),
            new OutcomeStepView(1, "Vote", SessionStepKind.Vote, 10, Start.AddMinutes(12), Start.AddMinutes(20), true),
            new OutcomeStepView(2, "Break", SessionStepKind.Break, 5, null, null, false),
        ],
        [new OutcomeVoteView("v1", 1, "Vote", Start.AddMinutes(20), 3, 5, [new VoteResultItem(1, "f1", "Traffic", 3, false), new VoteResultItem(2, "n1", "Crossing guard", 1, true), new VoteResultItem(2, "n2", "Walking bus", 1, true)])],
        [
            new OutcomeTopItem(1, "f1", "Traffic", 3, false, ElementKind.Frame, ["Speed bumps", "*bold* claim"]),
            new OutcomeTopItem(2, "n1", "Crossing guard", 1, true, ElementKind.Note, []),
            new OutcomeTopItem(2, "n2", "Walking bus", 1, true, ElementKind.Note, []),
        ],
        null,
        decisions,
        decisions.Length > 0 ? "<p>Ask for a <strong>30 km/h zone</strong>.</p>" : string.Empty,
        9);

    public static string DownloadedMarkdown(IRenderedComponent<WorkshopMinutes> cut)
    {
        var href = cut.Find("[data-testid=minutes-download]").GetAttribute("href")!;
        Assert.StartsWith("data:text/markdown;charset=utf-8,", href, StringComparison.Ordinal);
        return Uri.UnescapeDataString(href["data:text/markdown;charset=utf-8,".Length..]);
    }
}

public sealed class WorkshopMinutesTests : WebTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public void The_minutes_show_the_agenda_as_it_ran_the_ranking_with_ties_a_clusters_notes_and_download_as_markdown()
    {
        Http.Json("/api/labs/l1/sessions/s1/outcome", Record.Ended());
        var cut = Render<WorkshopMinutes>(p => p.Add(m => m.LabId, "l1").Add(m => m.SessionId, "s1").Add(m => m.CanModerate, false));

        cut.WaitForAssertion(() => cut.Find("[data-testid=minutes-agenda]"));
        var steps = cut.FindAll("[data-testid=minutes-agenda] li").Select(li => li.TextContent).ToList();
        Assert.Contains("ran ", steps[0], StringComparison.Ordinal);
        Assert.Contains("(12 min)", steps[0], StringComparison.Ordinal);
        Assert.Contains("skipped", steps[1], StringComparison.Ordinal);
        Assert.Contains("did not run", steps[2], StringComparison.Ordinal);

        var top = cut.FindAll("[data-testid=minutes-top] > li");
        Assert.Equal(["1", "2", "2"], top.Select(li => li.GetAttribute("data-rank")));
        Assert.Contains("3 dots", top[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Speed bumps", "*bold* claim"], top[0].QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Contains("1 dot", top[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("tie", top[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("tie", top[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("30 km/h zone", cut.Find("[data-testid=minutes-decisions] strong").TextContent);
        Assert.Equal("Attendance was not counted.", cut.Find("[data-testid=minutes-attendance]").TextContent);

        // Readers who do not moderate neither type decisions nor draft the lesson.
        Assert.Empty(cut.FindAll("[data-testid=minutes-decisions-input]"));
        Assert.Empty(cut.FindAll("[data-testid=minutes-draft-lesson]"));

        var md = Record.DownloadedMarkdown(cut);
        Assert.StartsWith("# Lyulin workshop", md, StringComparison.Ordinal);
        Assert.Contains("## Decisions", md, StringComparison.Ordinal);
        Assert.Contains("Ask for a **30 km/h zone**.", md, StringComparison.Ordinal);
        Assert.Contains("- **2.** Walking bus — 1 dot (tie)", md, StringComparison.Ordinal);
        Assert.Contains("  - \\*bold\\* claim", md, StringComparison.Ordinal); // typed text stays text
        Assert.Equal("lyulin-workshop-2026-11-30.md", cut.Find("[data-testid=minutes-download]").GetAttribute("download"));
    }

    [Fact]
    public void A_moderator_saves_the_decisions_and_finds_the_draft_lesson_link()
    {
        Http.Json("/api/labs/l1/sessions/s1/outcome", Record.Ended(string.Empty));
        Http.Json("/api/labs/l1/sessions/s1/outcome/decisions", Record.Ended(), "PUT");
        var cut = Render<WorkshopMinutes>(p => p.Add(m => m.LabId, "l1").Add(m => m.SessionId, "s1").Add(m => m.CanModerate, true));

        cut.WaitForAssertion(() => cut.Find("[data-testid=minutes-no-decisions]"));
        Assert.Equal("lessons/new?lab=l1&session=s1", cut.Find("[data-testid=minutes-draft-lesson]").GetAttribute("href"));
        cut.Find("[data-testid=minutes-decisions-input]").Change("Ask for a **30 km/h zone**.");
        cut.Find(".minutes-decisions-form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("30 km/h zone", cut.Find("[data-testid=minutes-decisions] strong").TextContent));
        var put = Http.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("/api/labs/l1/sessions/s1/outcome/decisions", put.Path);
        Assert.Contains("30 km/h zone", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lesson_editor_opened_from_a_workshop_is_prefilled_from_its_record_for_the_moderator_to_edit()
    {
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Moderator));
        Http.Json("/api/labs/l1/sessions/s1/outcome", Record.Ended());
        Navigation.NavigateTo("lessons/new?lab=l1&session=s1");
        var cut = Render<LessonEditor>();

        cut.WaitForAssertion(() => Assert.Contains("Lyulin workshop", cut.Find("[data-testid=lesson-drafted-from]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Lyulin workshop", cut.Find("[data-testid=lesson-title-input]").GetAttribute("value"));
        var context = cut.Find("[data-testid=lesson-context-input]").GetAttribute("value") ?? cut.Find("[data-testid=lesson-context-input]").TextContent;
        Assert.Contains("Make the way to school safe.", context, StringComparison.Ordinal);
        Assert.Contains("(labs/l1/sessions/s1)", context, StringComparison.Ordinal);
        Assert.Contains("(labs/l1/boards/b1)", context, StringComparison.Ordinal);
        var tried = cut.Find("[data-testid=lesson-tried-input]").GetAttribute("value") ?? cut.Find("[data-testid=lesson-tried-input]").TextContent;
        Assert.Contains("1. **Ideas** — Brainstorm", tried, StringComparison.Ordinal);
        var happened = cut.Find("[data-testid=lesson-happened-input]").GetAttribute("value") ?? cut.Find("[data-testid=lesson-happened-input]").TextContent;
        Assert.Contains("- **1.** Traffic — 3 dots", happened, StringComparison.Ordinal);
        Assert.Contains("  - Speed bumps", happened, StringComparison.Ordinal);
        Assert.Contains("Ask for a **30 km/h zone**.", happened, StringComparison.Ordinal);
        Assert.Equal("b1", cut.Find("[data-testid=lesson-board-select]").GetAttribute("value"));
    }
}

public sealed class WorkshopMinutesInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_minutes_and_their_markdown_speak_bulgarian()
    {
        Http.Json("/api/labs/l1/sessions/s1/outcome", Record.Ended());
        var cut = Render<WorkshopMinutes>(p => p.Add(m => m.LabId, "l1").Add(m => m.SessionId, "s1").Add(m => m.CanModerate, true));

        cut.WaitForAssertion(() => Assert.Equal("Протокол", cut.Find("h2").TextContent));
        var top = cut.FindAll("[data-testid=minutes-top] > li");
        Assert.Contains("3 точки", top[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 точка", top[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("равен брой", top[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("пропусната", cut.FindAll("[data-testid=minutes-agenda] li")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Присъствието не е отчетено.", cut.Find("[data-testid=minutes-attendance]").TextContent);
        Assert.Equal("Подгответе научен урок от нея", cut.Find("[data-testid=minutes-draft-lesson]").TextContent);

        var md = Record.DownloadedMarkdown(cut);
        Assert.Contains("## Решения", md, StringComparison.Ordinal);
        Assert.Contains("## Програмата, както протече", md, StringComparison.Ordinal);
        Assert.Contains("1. **Ideas** — Мозъчна атака", md, StringComparison.Ordinal);
        Assert.Contains("3 гласували · 5 точки", md, StringComparison.Ordinal);
        Assert.DoesNotContain("dots", md, StringComparison.Ordinal);
    }
}
