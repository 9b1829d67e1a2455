namespace Climaborough.Web.Tests.Sessions;

using System.Globalization;
using System.Text.Json;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Sessions;
using Climaborough.Web.Sessions.Workshop;

/// <summary>
/// Contributing without attending in the browser: the line in the lab's workshop list ("Open for contributions until …"),
/// the label on contributed notes, and the form on the board, in English and Bulgarian.
/// </summary>
public abstract class ContributionsTestsBase(string culture) : WebTestContext(culture)
{
    protected static readonly DateTimeOffset Closes = new(2031, 3, 14, 17, 30, 0, TimeSpan.Zero);

    protected static ContributionWindowView Window(bool open, int notes = 3) =>
        new(0, "Ideas for the school street", open ? Closes.AddDays(-2) : Closes.AddDays(-1), Closes, "Elena", open, notes);

    protected static string When(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    protected static SessionView Session(ContributionWindowView? window) => new(
        "s1", "l1", "b1", "Lyulin workshop", string.Empty, string.Empty, null, SessionPhase.Scheduled, null,
        [new SessionStepView(0, "Ideas for the school street", string.Empty, string.Empty, 10, SessionStepKind.Brainstorm, null, null, false)],
        null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "Elena", null, null, 4, null, window);

    protected IRenderedComponent<ContributionWindowLine> Line(ContributionWindowView? window) =>
        Render<ContributionWindowLine>(p => p.Add(x => x.Window, window).Add(x => x.BoardId, "b1").Add(x => x.SessionId, "s1").Add(x => x.At, Closes.AddDays(-1.5)));

    protected IRenderedComponent<AsyncNoteLabels> Labels() => Render<AsyncNoteLabels>(p => p.Add(x => x.Elements, new Dictionary<string, BoardElement>
    {
        ["a1"] = new("a1", ElementKind.Note, 100, 200, 200, 120, 1, "#fff59d", "Crossing guard", null, null, null, "u-ivan", default, default, AsyncSession: "s1"),
        ["n1"] = new("n1", ElementKind.Note, 400, 200, 200, 120, 2, "#fff59d", "Said in the room", null, null, null, "u-ivan", default, default),
        ["gone"] = new("gone", ElementKind.Note, 700, 200, 200, 120, 3, "#fff59d", "Deleted", null, null, null, "u-ivan", default, default, Deleted: true, AsyncSession: "s1"),
    }));
}

public sealed class ContributionsTests() : ContributionsTestsBase("en")
{
    [Fact]
    public void The_list_entry_says_until_when_a_workshop_is_open_for_contributions_and_links_to_its_board()
    {
        var cut = Line(Window(open: true));

        var line = cut.Find("[data-testid=workshop-contributions]");
        Assert.Contains("Open for contributions until " + When(Closes), line.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ideas for the school street · 3 notes so far", line.TextContent, StringComparison.Ordinal);
        var link = cut.Find("[data-testid=contribute-link]");
        Assert.Equal("boards/b1?session=s1", link.GetAttribute("href"));
        Assert.Equal("Add your notes", link.TextContent);
    }

    [Fact]
    public void A_window_still_to_come_says_when_it_opens_without_a_link_and_none_or_a_past_one_says_nothing()
    {
        var upcoming = Line(Window(open: false, notes: 1));
        Assert.Contains($"Opens for contributions on {When(Closes.AddDays(-1))}, until {When(Closes)}", upcoming.Markup, StringComparison.Ordinal);
        Assert.Contains("1 note so far", upcoming.Markup, StringComparison.Ordinal);
        Assert.Empty(upcoming.FindAll("[data-testid=contribute-link]"));

        Assert.Empty(Line(null).FindAll("[data-testid=workshop-contributions]"));
        var past = Render<ContributionWindowLine>(p => p.Add(x => x.Window, Window(open: false)).Add(x => x.At, Closes.AddDays(1)));
        Assert.Empty(past.FindAll("[data-testid=workshop-contributions]"));
    }

    [Fact]
    public void Only_notes_contributed_without_attending_carry_the_label()
    {
        var labels = Labels().FindAll("[data-testid=async-label]");
        var label = Assert.Single(labels);
        Assert.Equal("a1", label.GetAttribute("data-element"));
        Assert.Equal("asynchronous", label.QuerySelector("text")!.TextContent);
        Assert.Equal("Added without attending, through the workshop's contribution window", label.QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void A_member_adds_a_note_through_the_open_window_and_an_observer_is_told_they_watch()
    {
        Http.Json("/api/labs/l1/sessions/s1/contributions/notes", new ContributionAnswer("a1", 12, false, Window(open: true, notes: 4)), "POST");
        var cut = Render<WorkshopContribute>(p => p.Add(x => x.Session, Session(Window(open: true))).Add(x => x.CanContribute, true));

        Assert.True(cut.Find("[data-testid=contribute-add]").HasAttribute("disabled"));
        cut.Find("[data-testid=contribute-text]").Input("  A crossing guard at 7:30 ");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("1 note added to the board, marked as asynchronous.", cut.Find("[data-testid=contribute-added]").TextContent));
        var sent = Assert.Single(Http.Requests, r => r.Method == "POST");
        var body = JsonSerializer.Deserialize<ContributeRequest>(sent.Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("A crossing guard at 7:30", body.Text);
        Assert.False(string.IsNullOrEmpty(body.RequestId));
        Assert.Equal(string.Empty, cut.Find("[data-testid=contribute-text]").GetAttribute("value") ?? string.Empty);

        var observer = Render<WorkshopContribute>(p => p.Add(x => x.Session, Session(Window(open: true))).Add(x => x.CanContribute, false));
        Assert.Empty(observer.FindAll("[data-testid=contribute-text]"));
        Assert.Equal("Observers read the notes; members add them.", observer.Find("[data-testid=contribute-observer]").TextContent);
        Assert.Empty(Render<WorkshopContribute>(p => p.Add(x => x.Session, Session(Window(open: false)))).FindAll("[data-testid=workshop-contribute]"));
    }
}

public sealed class ContributionsBulgarianTests() : ContributionsTestsBase("bg")
{
    [Fact]
    public void The_list_entry_and_the_label_speak_Bulgarian()
    {
        var cut = Line(Window(open: true, notes: 1));
        var line = cut.Find("[data-testid=workshop-contributions]").TextContent;
        Assert.Contains("Отворено за приноси до " + When(Closes), line, StringComparison.Ordinal);
        Assert.Contains("1 бележка досега", line, StringComparison.Ordinal);
        Assert.Equal("Добавете своите бележки", cut.Find("[data-testid=contribute-link]").TextContent);
        Assert.Contains("5 бележки досега", Line(Window(open: true, notes: 5)).Markup, StringComparison.Ordinal);

        Assert.Equal("асинхронно", Assert.Single(Labels().FindAll("[data-testid=async-label]")).QuerySelector("text")!.TextContent);
    }
}
