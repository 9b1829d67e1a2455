namespace Climaborough.Web.Tests.Boards;

using System.Net;
using System.Security.Claims;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Climaborough.Web.Labs;
using Climaborough.Web.Tests.Sessions;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What the board page shows when the board is not there for the person, and when they may look but not
/// change it (observers, locked boards): nothing that looks like a network failure, and no tool that
/// would only be refused.
/// </summary>
public sealed class BoardAccessTests : WebTestContext
{
    private static readonly string[] ReadingTools = ["Zoom in", "Zoom to fit", "History", "Export JSON", "Export SVG (whole board)"];

    private static readonly string[] EditingTools =
        ["Add note", "Add text", "Add rectangle", "Add ellipse", "Add frame", "Connect the two selected", "Delete", "Undo", "Redo"];

    public BoardAccessTests()
    {
        Services.AddSingleton<IPendingStore>(new MemoryPendingStore());
        AddAuthorization().SetAuthorized("Ivan Georgiev").SetClaims(new Claim("sub", "demo:ivan"));
    }

    [Fact]
    public void A_board_that_does_not_exist_says_so_with_no_toolbar_and_no_offline()
    {
        Live.SetState(LiveState.Connected);
        Live.MissingBoards.Add("b-gone");

        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-gone"));

        cut.WaitForAssertion(() => Assert.StartsWith("This board does not exist, or you do not have access to it", cut.Find("[data-testid=board-no-access] p").TextContent, StringComparison.Ordinal));
        AssertNothingOfTheBoard(cut);
    }

    [Fact]
    public void A_malformed_board_address_says_the_board_does_not_exist()
    {
        Live.SetState(LiveState.Connected);

        var cut = Render<Board>(p => p.Add(b => b.BoardId, "No such board!"));

        cut.WaitForAssertion(() => Assert.Equal("This board is not available", cut.Find("[data-testid=board-no-access] h1").TextContent));
        AssertNothingOfTheBoard(cut);
    }

    [Fact]
    public async Task While_the_first_connection_is_made_the_page_says_connecting_not_offline_and_a_refused_join_then_says_why()
    {
        Live.MissingBoards.Add("b-gone");
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-gone"));

        Assert.Equal("Connecting…", cut.Find("[data-testid=sync-state]").TextContent);
        Assert.Empty(cut.FindAll("[role=toolbar]"));

        await cut.InvokeAsync(Live.GoOnlineAsync);

        cut.WaitForAssertion(() => cut.Find("[data-testid=board-no-access]"));
        AssertNothingOfTheBoard(cut);
    }

    [Fact]
    public void A_real_connection_loss_still_says_offline_and_keeps_the_tools()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        cut.WaitForAssertion(() => Assert.Equal("All changes saved", cut.Find("[data-testid=sync-state]").TextContent));

        Live.SetState(LiveState.Offline);

        cut.WaitForAssertion(() => Assert.Equal("Offline — 0 changes waiting", cut.Find("[data-testid=sync-state]").TextContent));
        Assert.False(cut.Find("[data-testid=tool-note]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=board-no-access]"));
    }

    [Fact]
    public void An_observer_is_told_once_why_and_may_look_export_and_zoom_but_not_change_anything()
    {
        var cut = OpenLabBoard(LabRole.Observer);

        cut.WaitForAssertion(() => Assert.StartsWith("You are an observer in this lab", Assert.Single(cut.FindAll("[data-testid=board-read-only]")).TextContent, StringComparison.Ordinal));
        var tools = Tools(cut);
        Assert.All(EditingTools, t => Assert.True(tools[t].HasAttribute("disabled"), t));
        Assert.All(cut.FindAll("button[data-colour]"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.All(ReadingTools, t => Assert.False(tools[t].HasAttribute("disabled"), t));
        Assert.Empty(cut.FindAll("[data-testid=board-lock]"));

        // Neither the canvas nor the keyboard tries what the server would refuse.
        cut.Find("[data-testid=board-canvas]").DoubleClick(new MouseEventArgs { ClientX = 300, ClientY = 200 });
        cut.Find("[data-testid=board-canvas]").KeyDown(new KeyboardEventArgs { Key = "z", CtrlKey = true });
        Assert.Empty(cut.FindAll("[data-testid=note-editor]"));
        Assert.Empty(Live.ReceivedEdits);
        Assert.Empty(cut.FindAll("[data-testid=board-message]"));
    }

    [Fact]
    public void A_member_of_the_lab_gets_every_tool_and_no_notice()
    {
        var cut = OpenLabBoard(LabRole.Member);

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Path == "/api/labs/l1"));
        Assert.Empty(cut.FindAll("[data-testid=board-read-only]"));
        Assert.False(cut.Find("[data-testid=tool-note]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=board-lock]"));
    }

    [Fact]
    public void A_locked_board_disables_the_tools_and_says_it_is_locked()
    {
        Live.BoardLocked = true;
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.WaitForAssertion(() => Assert.Equal("This board is locked: nobody can change it until it is unlocked.", cut.Find("[data-testid=board-read-only]").TextContent));
        var tools = Tools(cut);
        Assert.All(EditingTools, t => Assert.True(tools[t].HasAttribute("disabled"), t));
    }

    [Fact]
    public void A_lock_heard_as_a_refusal_disables_the_tools_at_once()
    {
        Live.SetState(LiveState.Connected);
        Live.Answer = _ => new EditResult(false, null, ErrorCode: ErrorCodes.BoardLocked, Error: "The board is locked.");
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.Find("[data-testid=tool-note]").Click();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=tool-note]").HasAttribute("disabled")));
        Assert.Equal("This board is locked: nobody can change it until it is unlocked.", cut.Find("[data-testid=board-read-only]").TextContent);
    }

    [Theory]
    [InlineData(LabRole.Owner)]
    [InlineData(LabRole.Moderator)]
    public void Lab_owners_and_moderators_lock_a_labs_board_from_the_board(LabRole role)
    {
        Http.Json("/api/boards/b-test/locked", new BoardInfo("b-test", "Test board", "l1", "demo:owner", true, DateTimeOffset.UnixEpoch, 0, 0), "PUT");
        var cut = OpenLabBoard(role);

        cut.WaitForAssertion(() => Assert.Equal("Lock the board", cut.Find("[data-testid=board-lock]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=board-read-only]"));
        cut.Find("[data-testid=board-lock]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Unlock the board", cut.Find("[data-testid=board-lock]").TextContent.Trim()));
        var put = Assert.Single(Http.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/boards/b-test/locked", put.Path);
        Assert.Contains("\"locked\":true", put.Body, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=board-lock]").GetAttribute("aria-pressed"));
        Assert.True(cut.Find("[data-testid=tool-note]").HasAttribute("disabled"));
        Assert.StartsWith("This board is locked", cut.Find("[data-testid=board-read-only]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_lock_says_why_and_changes_nothing()
    {
        Http.Problem("/api/boards/b-test/locked", HttpStatusCode.Forbidden, "Only the board's owner locks and unlocks it.", "PUT");
        var cut = OpenLabBoard(LabRole.Moderator);

        cut.WaitForAssertion(() => cut.Find("[data-testid=board-lock]"));
        cut.Find("[data-testid=board-lock]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only the board's owner locks and unlocks it.", cut.Find("[data-testid=board-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Lock the board", cut.Find("[data-testid=board-lock]").TextContent.Trim());
        Assert.False(cut.Find("[data-testid=tool-note]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_creator_of_a_board_outside_labs_may_lock_it()
    {
        Live.BoardOwnerId = "demo:ivan";
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.WaitForAssertion(() => Assert.Equal("Lock the board", cut.Find("[data-testid=board-lock]").TextContent.Trim()));
    }

    private IRenderedComponent<Board> OpenLabBoard(LabRole? role)
    {
        Live.BoardLabId = "l1";
        Http.Json("/api/labs/l1", Workshop.Lab(role));
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));
        cut.WaitForAssertion(() => cut.Find("[role=toolbar]"));
        return cut;
    }

    private static Dictionary<string, AngleSharp.Dom.IElement> Tools(IRenderedComponent<Board> cut) =>
        cut.FindAll("[role=toolbar] button:not([data-colour])").ToDictionary(b => b.GetAttribute("aria-label") ?? b.TextContent.Trim());

    private static void AssertNothingOfTheBoard(IRenderedComponent<Board> cut)
    {
        Assert.Empty(cut.FindAll("[role=toolbar]"));
        Assert.Empty(cut.FindAll("[data-testid=board-canvas]"));
        Assert.Empty(cut.FindAll("[data-testid=sync-state]"));
        Assert.DoesNotContain("Offline", cut.Markup, StringComparison.Ordinal);
    }
}

/// <summary>The same notices in Bulgarian.</summary>
public sealed class BoardAccessBulgarianTests : WebTestContext
{
    public BoardAccessBulgarianTests()
        : base("bg")
    {
        Services.AddSingleton<IPendingStore>(new MemoryPendingStore());
        AddAuthorization().SetAuthorized("Иван Георгиев").SetClaims(new Claim("sub", "demo:ivan"));
    }

    [Fact]
    public void An_observer_is_told_in_bulgarian_and_a_locked_board_too()
    {
        Live.BoardLabId = "l1";
        Http.Json("/api/labs/l1", Workshop.Lab(LabRole.Observer));
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.WaitForAssertion(() => Assert.StartsWith("Вие сте наблюдател в тази лаборатория", cut.Find("[data-testid=board-read-only]").TextContent, StringComparison.Ordinal));

        Live.BoardLabId = null;
        Live.BoardLocked = true;
        var locked = Render<Board>(p => p.Add(b => b.BoardId, "b-other"));
        locked.WaitForAssertion(() => Assert.StartsWith("Таблото е заключено", locked.Find("[data-testid=board-read-only]").TextContent, StringComparison.Ordinal));
    }
}
