namespace Climaborough.Web.Tests.Boards;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The board page's header, toolbar and editor, with the hub replaced by a fake.</summary>
public sealed class BoardPageTests : WebTestContext
{
    public BoardPageTests()
    {
        Services.AddSingleton<IPendingStore>(new MemoryPendingStore());
        AddAuthorization().SetAuthorized("Maria Petrova");
    }

    [Fact]
    public void The_header_says_all_saved_when_online_and_counts_waiting_changes_when_offline()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        cut.WaitForAssertion(() => Assert.Equal("All changes saved", cut.Find("[data-testid=sync-state]").TextContent));

        Live.SetState(LiveState.Offline);
        cut.Find("[data-testid=tool-note]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Offline — 1 changes waiting", cut.Find("[data-testid=sync-state]").TextContent));
        Assert.Single(cut.FindAll("g.el-note"));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "climaborough.setLeaveGuard" && i.Arguments[0] is true);
    }

    [Fact]
    public void Signed_out_people_are_asked_to_sign_in_and_nothing_joins_the_board()
    {
        AddAuthorization().SetNotAuthorized();
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        Assert.Equal("Sign in to work on boards.", cut.Find("p.notice").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=board-canvas]"));
    }

    [Fact]
    public void Every_tool_is_a_labelled_button_in_a_labelled_toolbar()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        var toolbar = cut.Find("[role=toolbar]");
        Assert.Equal("Board tools", toolbar.GetAttribute("aria-label"));
        var buttons = toolbar.QuerySelectorAll("button");
        Assert.Equal(
            ["Add note", "Add text", "Add rectangle", "Add ellipse", "Add frame", "Add image", "Connect the two selected",
             "Yellow", "Orange", "Pink", "Green", "Blue", "Violet", "Grey",
             "Delete", "Undo", "Redo", "Zoom out", "Zoom 100% — reset to 100%", "Zoom in", "Zoom to fit", "Outline",
             "History", "Export JSON", "Export Markdown", "Export SVG (view)", "Export SVG (whole board)"],
            buttons.Select(b => b.GetAttribute("aria-label") ?? b.TextContent.Trim()));
        Assert.All(buttons, b => Assert.Equal("button", b.GetAttribute("type")));
        Assert.Equal("Colour", toolbar.QuerySelector("[role=group]")!.GetAttribute("aria-label"));
        Assert.True(cut.Find("[data-testid=board-canvas]").HasAttribute("aria-label"));
    }

    [Fact]
    public void Adding_a_note_opens_its_editor_and_saving_sends_the_text()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.Find("[data-testid=tool-note]").Click();
        var editor = cut.Find("[data-testid=note-editor]");
        editor.Input("Зелени коридори");
        editor.KeyDown("Enter");

        cut.WaitForAssertion(() => Assert.Contains("Зелени коридори", cut.Find("g.el-note").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, Live.ReceivedEdits.Count);
        Assert.Equal("Зелени коридори", ElementPatchText(Live.ReceivedEdits[1]));
        Assert.Equal(Live.ReceivedEdits[0].ClientId, Live.ReceivedEdits[1].ClientId);
        Assert.Equal(Live.ReceivedEdits[0].ClientSeq + 1, Live.ReceivedEdits[1].ClientSeq);
    }

    [Fact]
    public void A_refused_change_is_shown_and_rolled_back()
    {
        Live.SetState(LiveState.Connected);
        Live.Answer = _ => new EditResult(false, null, ErrorCode: ErrorCodes.BoardLocked, Error: "The board is locked.");
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.Find("[data-testid=tool-note]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The board is locked.", cut.Find("[data-testid=board-message]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("g.el-note"));
    }

    [Fact]
    public void Shift_click_selects_two_notes_which_then_take_a_colour_and_a_connector_in_one_go()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        AddNotes(cut, 2);
        var connect = cut.Find("[data-testid=tool-connect]");
        Assert.True(connect.HasAttribute("disabled"));

        cut.FindAll("g.el-note")[0].PointerDown(new PointerEventArgs());
        cut.FindAll("g.el-note")[1].PointerDown(new PointerEventArgs { ShiftKey = true });
        cut.Find("svg").PointerUp(new PointerEventArgs());
        Assert.Equal(2, cut.FindAll("g.el-note.selected").Count);

        var before = Live.ReceivedEdits.Count;
        cut.Find("button[data-colour=blue]").Click();
        var colour = Live.ReceivedEdits[before];
        Assert.Equal(2, colour.Changes.Count);
        Assert.All(colour.Changes, c => Assert.Equal("#b3e5fc", c.Patch!.Color));
        cut.WaitForAssertion(() => Assert.All(cut.FindAll("g.el-note rect"), r => Assert.Equal("#b3e5fc", r.GetAttribute("fill"))));

        cut.Find("[data-testid=tool-connect]").Click();
        var created = Live.ReceivedEdits[^1].Changes.Single().Element!;
        Assert.Equal(ElementKind.Connector, created.Kind);
        Assert.Equal(new[] { created.From, created.To }.Order(), colour.Changes.Select(c => c.Id).Order());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("g.el-connector")));
    }

    [Fact]
    public void Shift_drag_selects_by_rectangle_and_dragging_moves_the_whole_selection_as_one_edit()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        AddNotes(cut, 3);
        var svg = cut.Find("svg");

        // The first two notes sit at (40,40) and (230,40); the third at (420,40) is left out.
        svg.PointerDown(new PointerEventArgs { ShiftKey = true, ClientX = 10, ClientY = 10 });
        svg.PointerMove(new PointerEventArgs { ShiftKey = true, ClientX = 400, ClientY = 200 });
        svg.PointerUp(new PointerEventArgs { ClientX = 400, ClientY = 200 });
        Assert.Equal("· 2 selected", cut.Find("[data-testid=selection-count]").TextContent.Trim());

        var before = Live.ReceivedEdits.Count;
        cut.FindAll("g.el-note")[0].PointerDown(new PointerEventArgs { ClientX = 50, ClientY = 50 });
        cut.Find("svg").PointerMove(new PointerEventArgs { ClientX = 100, ClientY = 80 });
        cut.Find("svg").PointerMove(new PointerEventArgs { ClientX = 150, ClientY = 100 });
        Assert.Equal("translate(100 50)", cut.Find("g.moving").GetAttribute("transform"));
        cut.Find("svg").PointerUp(new PointerEventArgs { ClientX = 150, ClientY = 100 });

        var move = Assert.Single(Live.ReceivedEdits.Skip(before));
        Assert.Equal([(140d, 90d), (330d, 90d)], move.Changes.Select(c => (c.Patch!.X!.Value, c.Patch.Y!.Value)).Order());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("g.moving")));
    }

    [Fact]
    public void The_corner_handle_resizes_the_selected_note()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        AddNotes(cut, 1);

        cut.Find("[data-testid=resize-handle]").PointerDown(new PointerEventArgs { ClientX = 200, ClientY = 160 });
        cut.Find("svg").PointerMove(new PointerEventArgs { ClientX = 300, ClientY = 200 });
        cut.Find("svg").PointerUp(new PointerEventArgs { ClientX = 300, ClientY = 200 });

        var patch = Live.ReceivedEdits[^1].Changes.Single().Patch!;
        Assert.Equal((260d, 160d), (patch.Width!.Value, patch.Height!.Value));
        cut.WaitForAssertion(() => Assert.Equal("260", cut.Find("g.el-note rect").GetAttribute("width")));
    }

    [Fact]
    public void A_version_can_be_previewed_without_changing_the_board_and_left_again()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/boards/b-test/versions", new[] { new BoardVersion(500, DateTimeOffset.UnixEpoch, 1, new Dictionary<string, int> { ["demo:ivan"] = 500 }) });
        Http.Json("/api/boards/b-test/versions/500", new BoardSnapshot(500, [new BoardElement("old", ElementKind.Note, 10, 10, 160, 120, 1, "#fff176", "An older idea", null, null, null, "demo:ivan", default, default)]));
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        AddNotes(cut, 1);
        var edits = Live.ReceivedEdits.Count;

        cut.Find("[data-testid=tool-history]").Click();
        cut.WaitForAssertion(() => cut.Find("li[data-version='500']"));
        cut.FindAll("li[data-version='500'] button").Single(b => b.TextContent == "Preview").Click();

        cut.WaitForAssertion(() => Assert.Contains("Previewing the version", cut.Find("[data-testid=preview-banner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("An older idea", Assert.Single(cut.FindAll("g.el-note")).TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=tool-note]").HasAttribute("disabled"));

        cut.FindAll("[data-testid=preview-banner] button").Single(b => b.TextContent == "Back to the live board").Click();
        Assert.Empty(cut.FindAll("[data-testid=preview-banner]"));
        Assert.DoesNotContain("An older idea", cut.Find("svg").TextContent, StringComparison.Ordinal);
        Assert.Equal(edits, Live.ReceivedEdits.Count);
    }

    [Fact]
    public async Task When_the_server_ends_access_the_board_gives_way_to_a_no_access_notice_not_offline()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        AddNotes(cut, 1);

        // Another board's watch ending is none of this page's business.
        await Live.LoseAccessAsync("board", "b-other");
        Assert.Single(cut.FindAll("g.el-note"));

        await Live.LoseAccessAsync("board", "b-test");

        cut.WaitForAssertion(() => Assert.Equal("This board is not available", cut.Find("[data-testid=board-no-access] h1").TextContent));
        Assert.Equal("labs", cut.Find("[data-testid=board-no-access] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=board-canvas]"));
        Assert.Empty(cut.FindAll("g.el-note"));
        Assert.DoesNotContain("Offline", cut.Markup, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        Assert.Equal(0, Live.AccessLostSubscribers);
    }

    private static void AddNotes(IRenderedComponent<Board> cut, int count)
    {
        for (var i = 0; i < count; i++)
        {
            cut.Find("[data-testid=tool-note]").Click();
            var editor = cut.Find("[data-testid=note-editor]");
            editor.Input($"idea {i}");
            editor.KeyDown("Enter");
        }

        cut.WaitForAssertion(() => Assert.Equal(count, cut.FindAll("g.el-note").Count));
    }

    private static string? ElementPatchText(BoardEdit edit) => edit.Changes.Single().Patch?.Text;
}
