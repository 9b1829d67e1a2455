namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Sessions.Workshop;

/// <summary>The private brainstorm panel on the board page: what the server sent, marked, in English and Bulgarian.</summary>
public abstract class PrivateNotesPanelTestsBase(string culture) : WebTestContext(culture)
{
    protected static readonly IReadOnlyDictionary<string, BoardElement> Elements = new Dictionary<string, BoardElement>
    {
        ["g1"] = Note("g1", "Paint the kerbs"),
        ["i1"] = Note("i1", "A crossing guard at 7:30"),
    };

    protected static PrivateNotesView ForGiulia { get; } = new(true, "s1", false,
        [new("u-giulia", "Giulia", 1), new("u-ivan", "Ivan", 4)],
        [new("g1", "u-giulia", "Giulia")]);

    protected static PrivateNotesView ForElena { get; } = new(true, "s1", true,
        [new("u-giulia", "Giulia", 1), new("u-ivan", "Ivan", 4)],
        [new("g1", "u-giulia", "Giulia"), new("i1", "u-ivan", "Ivan")]);

    protected IRenderedComponent<PrivateNotesPanel> RenderPanel(PrivateNotesView view)
    {
        Live.SetState(LiveState.Connected);
        Live.PrivateNotes = view;
        return Render<PrivateNotesPanel>(p => p.Add(x => x.BoardId, "b1").Add(x => x.LabId, "l1").Add(x => x.Elements, Elements));
    }

    private static BoardElement Note(string id, string text) =>
        new(id, ElementKind.Note, 0, 0, 100, 100, 0, "#ffeb3b", text, null, null, null, "u-someone", default, default);
}

public sealed class PrivateNotesPanelTests() : PrivateNotesPanelTestsBase("en")
{
    [Fact]
    public void A_participant_sees_their_own_private_notes_marked_and_only_counters_of_the_others()
    {
        var cut = RenderPanel(ForGiulia);

        cut.WaitForAssertion(() => Assert.Equal(["Giulia: 1 note", "Ivan: 4 notes"], cut.FindAll("[data-testid=private-counts] li").Select(li => li.TextContent)));
        var mine = Assert.Single(cut.FindAll("[data-testid=private-mine] li"));
        Assert.Contains("Paint the kerbs", mine.TextContent, StringComparison.Ordinal);
        Assert.Equal("private — only you and the facilitators see this", mine.QuerySelector("[data-testid=private-badge]")!.TextContent);
        Assert.DoesNotContain("crossing guard", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=private-reveal]"));
        Assert.Empty(cut.FindAll("[data-testid=private-author]"));
    }

    [Fact]
    public void A_facilitator_sees_every_private_note_with_its_author_and_reveals_them()
    {
        var cut = RenderPanel(ForElena);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=private-mine] li").Count));
        Assert.Equal(["by Giulia", "by Ivan"], cut.FindAll("[data-testid=private-author]").Select(a => a.TextContent.Trim(' ', '·')));
        cut.Find("[data-testid=private-reveal]").Click();
        Assert.Equal([("l1", "s1")], Live.Reveals);
    }

    [Fact]
    public void The_panel_follows_the_server_and_disappears_once_nothing_is_private()
    {
        var cut = RenderPanel(ForGiulia);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=private-notes]")));

        Live.RaisePrivateNotes("other-board", PrivateNotesView.None);
        Assert.NotEmpty(cut.FindAll("[data-testid=private-notes]"));
        Live.RaisePrivateNotes("b1", ForGiulia with { Open = false, Counts = [new("u-ivan", "Ivan", 5)], Visible = [] });
        cut.WaitForAssertion(() => Assert.Equal("Ivan: 5 notes", cut.Find("[data-testid=private-counts] li").TextContent));
        Assert.Contains("The private step is over", cut.Find("[data-testid=private-notes-status]").TextContent, StringComparison.Ordinal);
        Live.RaisePrivateNotes("b1", PrivateNotesView.None);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=private-notes]")));
    }
}

public sealed class PrivateNotesPanelTestsInBulgarian() : PrivateNotesPanelTestsBase("bg")
{
    [Fact]
    public void The_marking_and_the_counters_are_in_bulgarian()
    {
        var cut = RenderPanel(ForGiulia);

        cut.WaitForAssertion(() => Assert.Equal(["Giulia: 1 бележка", "Ivan: 4 бележки"], cut.FindAll("[data-testid=private-counts] li").Select(li => li.TextContent)));
        Assert.Equal("лична — виждате я само вие и фасилитаторите", cut.Find("[data-testid=private-badge]").TextContent);
        Assert.Equal("Индивидуален брейнсторминг", cut.Find("#private-notes-title").TextContent);
    }
}
