namespace Climaborough.Web.Tests.Pages;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Pages;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The board page's header, toolbar and editor, with the hub replaced by a fake.</summary>
public sealed class BoardPageTests : WebTestContext
{
    public BoardPageTests()
    {
        Services.AddSingleton<IPendingStore>(new MemoryStore());
        Services.AddScoped<DemoUser>();
        DemoUser.Current = "maria";
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
    public void Every_tool_is_a_labelled_button_in_a_labelled_toolbar()
    {
        Live.SetState(LiveState.Connected);
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        var toolbar = cut.Find("[role=toolbar]");
        Assert.Equal("Board tools", toolbar.GetAttribute("aria-label"));
        var buttons = toolbar.QuerySelectorAll("button");
        Assert.Equal(["Add note", "Delete", "Undo", "Redo", "History", "Export JSON", "Export Markdown"], buttons.Select(b => b.TextContent.Trim()));
        Assert.All(buttons, b => Assert.Equal("button", b.GetAttribute("type")));
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
        Live.Answer = _ => new EditResult(false, null, ErrorCode: BoardErrorCodes.Locked, Error: "The board is locked.");
        var cut = Render<Board>(p => p.Add(b => b.BoardId, "b-test"));

        cut.Find("[data-testid=tool-note]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The board is locked.", cut.Find("[data-testid=board-message]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("g.el-note"));
    }

    private static string? ElementPatchText(BoardEdit edit) => edit.Changes.Single().Patch?.Text;

    private sealed class MemoryStore : IPendingStore
    {
        private readonly Dictionary<string, PendingChanges> saved = [];

        public Task<PendingChanges?> LoadAsync(string boardId) => Task.FromResult(saved.GetValueOrDefault(boardId));

        public Task SaveAsync(string boardId, PendingChanges pending)
        {
            saved[boardId] = pending;
            return Task.CompletedTask;
        }
    }
}
