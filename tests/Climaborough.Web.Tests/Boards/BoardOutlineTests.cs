namespace Climaborough.Web.Tests.Boards;

using System.Security.Claims;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The board's outline (issue 17, and comments under their element from issue 20): the board as a list in reading
/// order, edited through the same ops as the canvas, live, with the canvas' permissions. The hub is the fake.
/// </summary>
public abstract class BoardOutlineTestsBase : WebTestContext
{
    protected static readonly BoardElement[] Elements =
    [
        // Given out of order: the outline puts them in reading order.
        Element("f-next", ElementKind.Frame, 0, 500, 600, 400, "Next steps", "u-maria"),
        Element("f-questions", ElementKind.Frame, 700, 0, 600, 400, "Questions", "u-maria"),
        Element("f-ideas", ElementKind.Frame, 0, 0, 600, 400, "Ideas", "u-maria"),
        Element("n-second", ElementKind.Note, 40, 200, 160, 120, "Second idea", "u-ivan"),
        Element("n-first", ElementKind.Note, 300, 60, 160, 120, "First idea", "u-maria"),
        Element("n-who", ElementKind.Note, 740, 60, 160, 120, "Who pays?", "u-ivan"),
        Element("t-title", ElementKind.Text, 40, 560, 200, 40, "Plan for spring", "u-stranger"),
        Element("n-loose", ElementKind.Note, 1400, 50, 160, 120, "A loose thought", "u-ivan"),
    ];

    protected BoardOutlineTestsBase(string culture)
        : base(culture)
    {
        Services.AddSingleton<IPendingStore>(new MemoryPendingStore());
        AddAuthorization().SetAuthorized("Maria Petrova").SetClaims(new Claim("sub", "u-maria"));
    }

    protected static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h, string text, string author) =>
        new(id, kind, x, y, w, h, kind == ElementKind.Frame ? 0 : 1, kind == ElementKind.Frame ? "#b0bec5" : "#fff59d", text, null, null, null, author, default, default);

    protected static LabDetails Lab(LabRole role) => new(
        new LabSummary("l1", "sofia", "Safer school streets", LabThemes.EnergyAndMobility, LabVisibility.Private, 2, DateTimeOffset.UnixEpoch),
        string.Empty,
        string.Empty,
        [new LabMember("u-maria", "Maria Petrova", "sofia", LabRole.Owner, DateTimeOffset.UnixEpoch), new LabMember("u-ivan", "Ivan Georgiev", "sofia", role, DateTimeOffset.UnixEpoch)],
        [],
        [],
        role);

    /// <summary>Opens the lab's board (the person has <paramref name="role"/>), has someone else put the elements on it, and shows the outline.</summary>
    protected async Task<IRenderedComponent<Board>> OpenOutlineAsync(LabRole role = LabRole.Member, BoardCommentsView? comments = null)
    {
        Live.BoardLabId = "l1";
        Http.Json("/api/labs/l1", Lab(role));
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Comments("b-test", "l1"), comments ?? new BoardCommentsView("b-test", [], CanComment: true, CanModerate: false));
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Path == "/api/labs/l1"));
        await cut.InvokeAsync(() => Live.RaiseOthersEdit("b-test", "u-ivan", [.. Elements.Select(e => new ElementChange(ChangeType.Create, e.Id, e))]));

        cut.Find("[data-testid=tool-outline]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=outline-section]").Count));
        return cut;
    }

    protected static AngleSharp.Dom.IElement Section(IRenderedComponent<Board> cut, string frameId) => cut.Find($"[data-testid=outline-section][data-frame='{frameId}']");

    protected static List<string?> ItemsOf(IRenderedComponent<Board> cut, string frameId) =>
        [.. Section(cut, frameId).QuerySelectorAll("[data-testid=outline-item]").Select(i => i.GetAttribute("data-element"))];

    protected static AngleSharp.Dom.IElement Item(IRenderedComponent<Board> cut, string id) => cut.Find($"[data-testid=outline-item][data-element='{id}']");
}

public sealed class BoardOutlineTests() : BoardOutlineTestsBase("en")
{
    [Fact]
    public async Task The_outline_lists_frames_top_to_bottom_then_left_to_right_each_with_its_elements_and_who_wrote_them()
    {
        var cut = await OpenOutlineAsync();

        Assert.Equal("true", cut.Find("[data-testid=tool-outline]").GetAttribute("aria-pressed"));
        Assert.True(cut.Find(".board-canvas-view").HasAttribute("hidden"));
        Assert.Empty(cut.FindAll("[data-testid=tool-note], [data-testid=zoom-fit], button[data-colour]")); // the canvas' own tools give way
        Assert.Equal(
            ["Ideas (2 items)", "Questions (1 item)", "Next steps (1 item)", "Not in a frame (1 item)"],
            cut.FindAll("[data-testid=outline-heading]").Select(h => h.TextContent.Trim()));
        Assert.Equal(["n-first", "n-second"], ItemsOf(cut, "f-ideas"));
        Assert.Equal(["n-who"], ItemsOf(cut, "f-questions"));
        Assert.Equal(["t-title"], ItemsOf(cut, "f-next"));
        Assert.Equal(["n-loose"], ItemsOf(cut, "none"));

        var first = Item(cut, "n-first");
        Assert.Equal("First idea", first.QuerySelector("[data-testid=outline-text]")!.TextContent);
        Assert.Equal("Note · by Maria Petrova", first.QuerySelector("[data-testid=outline-meta]")!.TextContent);
        Assert.Equal("Text · by an unknown author", Item(cut, "t-title").QuerySelector("[data-testid=outline-meta]")!.TextContent);

        // A list of headed lists, every control a labelled real control.
        Assert.NotNull(cut.Find("section.board-outline > ul > li > h3"));
        Assert.All(cut.FindAll(".board-outline select, .board-outline input, .board-outline textarea"),
            c => Assert.NotNull(cut.Find($"label[for='{c.Id}']")));
        Assert.All(cut.FindAll(".board-outline button"), b => Assert.True(b.GetAttribute("type") is "button" or "submit", b.OuterHtml));

        // Back to the canvas.
        cut.Find("[data-testid=tool-outline]").Click();
        Assert.Empty(cut.FindAll("[data-testid=board-outline]"));
        Assert.False(cut.Find(".board-canvas-view").HasAttribute("hidden"));
        Assert.Equal("false", cut.Find("[data-testid=tool-outline]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Adding_a_note_to_a_frame_sends_one_op_with_the_text_inside_the_frame_and_lists_it_there()
    {
        var cut = await OpenOutlineAsync();

        var form = Section(cut, "f-questions").QuerySelector("[data-testid=outline-add]")!;
        Assert.Equal("New note in “Questions”", form.QuerySelector("label")!.TextContent);
        form.QuerySelector("[data-testid=outline-new-text]")!.Input("Ask the school board");
        Section(cut, "f-questions").QuerySelector("[data-testid=outline-add]")!.Submit();

        var edit = Assert.Single(Live.ReceivedEdits);
        var created = Assert.Single(edit.Changes).Element!;
        Assert.Equal((ElementKind.Note, "Ask the school board"), (created.Kind, created.Text));
        var frame = Elements.Single(e => e.Id == "f-questions");
        Assert.True(BoardGeometry.IsInside(created, frame), $"({created.X}, {created.Y}) lies outside the frame");
        var who = Elements.Single(e => e.Id == "n-who");
        Assert.False(created.X < who.X + who.Width && who.X < created.X + created.Width && created.Y < who.Y + who.Height && who.Y < created.Y + created.Height, "it covers “Who pays?”");

        cut.WaitForAssertion(() => Assert.Equal(["n-who", created.Id], ItemsOf(cut, "f-questions")));
        Assert.Equal("Note added to “Questions”.", cut.Find("[data-testid=outline-status]").TextContent.Trim());
        Assert.Equal(string.Empty, Section(cut, "f-questions").QuerySelector("[data-testid=outline-new-text]")!.GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public async Task A_refused_note_is_not_left_behind_and_its_text_stays_in_the_field_with_the_reason_shown()
    {
        var cut = await OpenOutlineAsync();
        Live.Answer = _ => new EditResult(false, null, ErrorCode: ErrorCodes.BoardLocked, Error: "The board is locked.");

        Section(cut, "f-ideas").QuerySelector("[data-testid=outline-new-text]")!.Input("Crossing guard");
        Section(cut, "f-ideas").QuerySelector("[data-testid=outline-add]")!.Submit();

        cut.WaitForAssertion(() => Assert.Contains("The board is locked.", cut.Find("[data-testid=board-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["n-first", "n-second"], ItemsOf(cut, "f-ideas"));
        Assert.Equal("Crossing guard", Section(cut, "f-ideas").QuerySelector("[data-testid=outline-new-text]")!.GetAttribute("value"));
        Assert.True(Section(cut, "f-ideas").QuerySelector("[data-testid=outline-new-text]")!.HasAttribute("disabled")); // locked now, as on the canvas
    }

    [Fact]
    public async Task Edit_opens_the_text_Enter_saves_it_and_Escape_cancels_without_sending()
    {
        var cut = await OpenOutlineAsync();

        Item(cut, "n-who").QuerySelector("[data-testid=outline-edit]")!.Click();
        var box = cut.Find("[data-testid=outline-edit-text]");
        Assert.Equal("Who pays?", box.GetAttribute("value"));
        box.Input("Who pays for the racks?");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        var edit = Assert.Single(Live.ReceivedEdits);
        Assert.Equal(("n-who", "Who pays for the racks?"), (edit.Changes.Single().Id, edit.Changes.Single().Patch!.Text));
        cut.WaitForAssertion(() => Assert.Equal("Who pays for the racks?", Item(cut, "n-who").QuerySelector("[data-testid=outline-text]")!.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=outline-edit-text]"));

        Item(cut, "n-loose").QuerySelector("[data-testid=outline-edit]")!.Click();
        cut.Find("[data-testid=outline-edit-text]").Input("never mind");
        cut.Find("[data-testid=outline-edit-text]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(cut.FindAll("[data-testid=outline-edit-text]"));
        Assert.Single(Live.ReceivedEdits);
        Assert.Equal("A loose thought", Item(cut, "n-loose").QuerySelector("[data-testid=outline-text]")!.TextContent);
    }

    [Fact]
    public async Task Moving_a_note_to_another_frame_puts_it_inside_that_frame_and_lists_it_there()
    {
        var cut = await OpenOutlineAsync();

        var move = Item(cut, "n-loose").QuerySelector("[data-testid=outline-move]")!;
        Assert.True(move.HasAttribute("disabled")); // nothing chosen yet
        var options = Item(cut, "n-loose").QuerySelectorAll("[data-testid=outline-move-target] option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Move to frame…", "Ideas", "Questions", "Next steps"], options);
        Item(cut, "n-loose").QuerySelector("[data-testid=outline-move-target]")!.Change("f-next");
        Item(cut, "n-loose").QuerySelector("[data-testid=outline-move]")!.Click();

        var patch = Assert.Single(Assert.Single(Live.ReceivedEdits).Changes).Patch!;
        var moved = Elements.Single(e => e.Id == "n-loose") with { X = patch.X!.Value, Y = patch.Y!.Value };
        Assert.True(BoardGeometry.IsInside(moved, Elements.Single(e => e.Id == "f-next")), $"moved to ({moved.X}, {moved.Y})");
        cut.WaitForAssertion(() => Assert.Equal(["t-title", "n-loose"], ItemsOf(cut, "f-next")));
        Assert.Empty(ItemsOf(cut, "none"));
        Assert.Equal("“A loose thought” is now in “Next steps”.", cut.Find("[data-testid=outline-status]").TextContent.Trim());
    }

    [Fact]
    public async Task Delete_sends_the_delete_takes_it_off_the_list_and_offers_undo()
    {
        var cut = await OpenOutlineAsync();

        Item(cut, "n-second").QuerySelector("[data-testid=outline-delete]")!.Click();

        var change = Assert.Single(Assert.Single(Live.ReceivedEdits).Changes);
        Assert.Equal((ChangeType.Delete, "n-second"), (change.Type, change.Id));
        cut.WaitForAssertion(() => Assert.Equal(["n-first"], ItemsOf(cut, "f-ideas")));
        Assert.Contains("Deleted “Second idea”.", cut.Find("[data-testid=outline-status]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=outline-undo]"));
    }

    [Fact]
    public async Task What_other_people_change_appears_in_the_list_live()
    {
        var cut = await OpenOutlineAsync();

        await cut.InvokeAsync(() => Live.RaiseOthersEdit("b-test", "u-ivan",
            new ElementChange(ChangeType.Create, "n-late", Element("n-late", ElementKind.Note, 100, 250, 160, 120, "Came in later", "u-ivan")),
            new ElementChange(ChangeType.Update, "n-first", Patch: new ElementPatch(Text: "First idea, reworded"))));

        cut.WaitForAssertion(() => Assert.Equal(["n-first", "n-second", "n-late"], ItemsOf(cut, "f-ideas")));
        Assert.Equal("First idea, reworded", Item(cut, "n-first").QuerySelector("[data-testid=outline-text]")!.TextContent);
        Assert.Equal("Note · by Ivan Georgiev", Item(cut, "n-late").QuerySelector("[data-testid=outline-meta]")!.TextContent);
    }

    [Fact]
    public async Task An_observer_reads_the_outline_with_every_control_disabled_and_pointing_to_why()
    {
        var cut = await OpenOutlineAsync(LabRole.Observer);

        cut.WaitForAssertion(() => Assert.StartsWith("You are an observer in this lab", cut.Find("#board-read-only").TextContent, StringComparison.Ordinal));
        var controls = cut.FindAll("[data-testid=outline-edit], [data-testid=outline-move-target], [data-testid=outline-move], [data-testid=outline-delete], [data-testid=outline-new-text], [data-testid=outline-add-note]");
        Assert.Equal((5 * 4) + (4 * 2), controls.Count);
        Assert.All(controls, c => Assert.True(c.HasAttribute("disabled"), c.OuterHtml));
        Assert.All(controls.Where(c => c.GetAttribute("data-testid") != "outline-add-note"), c => Assert.Equal("board-read-only", c.GetAttribute("aria-describedby")));

        // Commenting is an observer's part too.
        Assert.All(cut.FindAll("[data-testid=outline-comment]"), b => Assert.False(b.HasAttribute("disabled")));
        Assert.Empty(Live.ReceivedEdits);
    }

    [Fact]
    public async Task Open_comment_threads_are_listed_under_their_element_and_one_opens_in_the_comments_panel()
    {
        var t0 = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        CommentThreadView Thread(string id, string elementId, string body, bool resolved = false) =>
            new(id, "b-test", new CommentAnchor(elementId, 10, 0), [new CommentView("c1", "u-ivan", "Ivan Georgiev", body, $"<p>{body}</p>", t0, null, 0, false)],
                resolved, resolved ? "Ivan" : null, resolved ? t0 : null, t0, t0, []);
        var comments = new BoardCommentsView("b-test",
            [Thread("k1", "n-who", "The city, from the mobility budget?"), Thread("k2", "n-who", "Or the parents' association\nsecond line"), Thread("k3", "n-who", "Settled", resolved: true)],
            CanComment: true, CanModerate: false);

        var cut = await OpenOutlineAsync(comments: comments);

        cut.WaitForAssertion(() => Assert.Equal("2 open comment threads", Item(cut, "n-who").QuerySelector("[data-testid=outline-comment-count]")!.TextContent));
        Assert.Equal(
            ["Ivan Georgiev: The city, from the mobility budget?", "Ivan Georgiev: Or the parents' association second line"],
            Item(cut, "n-who").QuerySelectorAll("[data-testid=outline-thread-line]").Select(l => l.TextContent));
        Assert.Null(Item(cut, "n-first").QuerySelector("[data-testid=outline-comments]"));

        Item(cut, "n-who").QuerySelectorAll("[data-testid=outline-open-thread]")[1].Click();

        cut.WaitForAssertion(() => Assert.Contains("open", cut.Find("[data-testid=comments-panel]").ClassList));
        Assert.Contains("focused", cut.Find("[data-testid=comment-thread][data-thread=k2]").ClassList);
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "climaborough.focusSelector" && Equals(i.Arguments[0], ".comments-panel [data-thread='k2']")));
    }
}

/// <summary>The outline in Bulgarian.</summary>
public sealed class BoardOutlineBulgarianTests() : BoardOutlineTestsBase("bg")
{
    [Fact]
    public async Task The_outline_speaks_bulgarian_with_its_counted_forms()
    {
        var cut = await OpenOutlineAsync();

        Assert.Equal("Структура", cut.Find("[data-testid=tool-outline]").TextContent.Trim());
        Assert.Equal("Структура на таблото", cut.Find("#outline-title").TextContent);
        Assert.Equal(
            ["Ideas (2 елемента)", "Questions (1 елемент)", "Next steps (1 елемент)", "Извън рамките (1 елемент)"],
            cut.FindAll("[data-testid=outline-heading]").Select(h => h.TextContent.Trim()));
        Assert.Equal("Бележка · от Maria Petrova", Item(cut, "n-first").QuerySelector("[data-testid=outline-meta]")!.TextContent);
        Assert.Equal("Нова бележка в „Ideas“", Section(cut, "f-ideas").QuerySelector("[data-testid=outline-add] label")!.TextContent);
        Assert.Equal("Преместване в рамка…", Item(cut, "n-first").QuerySelector("[data-testid=outline-move-target] option")!.TextContent);

        Item(cut, "n-second").QuerySelector("[data-testid=outline-delete]")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("Изтрихте „Second idea“.", cut.Find("[data-testid=outline-status]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Отмени", cut.Find("[data-testid=outline-undo]").TextContent);
    }
}
