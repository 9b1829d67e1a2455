namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>Two people on one board in two Chromium contexts (the first slice of the board page).</summary>
public sealed class BoardPageTests(BrowserFixture browser, SharedNodeFixture sharedNode) : IClassFixture<BrowserFixture>, IClassFixture<SharedNodeFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task A_note_one_person_adds_and_writes_appears_live_for_the_other()
    {
        var node = await sharedNode.NodeAsync();
        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");

        await BoardUi.CreateBoardAsync(maria, node.Url, "Traffic co-design");
        await Expect(maria.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Traffic co-design", new() { Timeout = Timeout });
        await ivan.GotoAsync(maria.Url);
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Bike lanes on Vitosha");
        await maria.GetByTestId("note-editor").PressAsync("Enter");

        await Expect(ivan.GetByTestId("board-canvas")).ToContainTextAsync("Bike lanes on Vitosha", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(ivan.GetByRole(AriaRole.List, new() { Name = "Also here" })).ToContainTextAsync("Maria Petrova", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(maria, "board-maria");
        await BrowserFixture.ScreenshotAsync(ivan, "board-ivan");

        // The board at a laptop's and a phone's width (looked at by people, not asserted here).
        await maria.SetViewportSizeAsync(1366, 900);
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-1366");
        await maria.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-390");
        await maria.SetViewportSizeAsync(1280, 800);

        // Ivan drags Maria's note; Maria sees it move.
        var before = await maria.Locator("g.el-note").First.GetAttributeAsync("transform");
        var box = (await ivan.Locator("g.el-note").First.BoundingBoxAsync())!;
        await ivan.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await ivan.Mouse.DownAsync();
        await ivan.Mouse.MoveAsync(box.X + 220, box.Y + 120, new() { Steps = 5 });
        await ivan.Mouse.UpAsync();
        await Expect(maria.Locator("g.el-note").First).Not.ToHaveAttributeAsync("transform", before!, new() { Timeout = Timeout });

        // Maria adds a second note, selects both (click, Shift+click), connects them, colours them and
        // frames them; Ivan sees the arrow, the colour and the frame.
        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Park and ride");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await maria.Locator("g.el-note").Nth(0).ClickAsync();
        await maria.Locator("g.el-note").Nth(1).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await maria.GetByTestId("tool-connect").ClickAsync();
        await maria.GetByRole(AriaRole.Button, new() { Name = "Green" }).ClickAsync();
        await maria.GetByRole(AriaRole.Button, new() { Name = "Frame the selection" }).ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Mobility");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(ivan.Locator("g.el-connector")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(ivan.Locator("g.el-frame")).ToContainTextAsync("Mobility", new() { Timeout = Timeout });
        await Expect(ivan.Locator("g.el-note rect[fill='#c5e1a5']")).ToHaveCountAsync(2, new() { Timeout = Timeout });

        // Ivan moves the frame: both notes move with it, for both of them.
        var notesBefore = await maria.Locator("g.el-note").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('transform'))");
        var frame = (await ivan.Locator("g.el-frame rect").BoundingBoxAsync())!;
        await ivan.Mouse.MoveAsync(frame.X + 10, frame.Y + 10);
        await ivan.Mouse.DownAsync();
        await ivan.Mouse.MoveAsync(frame.X + 110, frame.Y + 210, new() { Steps = 5 });
        await ivan.Mouse.UpAsync();
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(maria.Locator("g.el-note").First).Not.ToHaveAttributeAsync("transform", notesBefore[0], new() { Timeout = Timeout });
        var notesAfter = await maria.Locator("g.el-note").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('transform'))");
        Assert.All(notesAfter.Zip(notesBefore), pair => Assert.NotEqual(pair.Second, pair.First));
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-exercise");
        await BrowserFixture.ScreenshotAsync(ivan, "board-ivan-exercise");
    }

    [Fact]
    public async Task Offline_in_the_browser_edits_wait_survive_a_reload_and_both_users_converge_when_back()
    {
        var node = await sharedNode.NodeAsync();
        await using var mariaContext = await browser.Browser.NewContextAsync();
        await using var ivanContext = await browser.Browser.NewContextAsync();
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");
        await BoardUi.CreateBoardAsync(maria, node.Url, "Tunnel");
        await ivan.GotoAsync(maria.Url);
        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Before the tunnel");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(ivan.GetByTestId("board-canvas")).ToContainTextAsync("Before the tunnel", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

        await mariaContext.SetOfflineAsync(true);
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("Offline — 0 changes waiting", new() { Timeout = Timeout });
        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Written in the tunnel");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("Offline — 2 changes waiting", new() { Timeout = Timeout });

        // Reloading asks first (Maria confirms), and the reloaded page, still offline, shows the
        // board and her waiting changes.
        var asked = new TaskCompletionSource<string>();
        maria.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.AcceptAsync();
        };
        await maria.ReloadAsync();
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("Offline — 2 changes waiting", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-canvas")).ToContainTextAsync("Before the tunnel", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-canvas")).ToContainTextAsync("Written in the tunnel");
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-offline-reloaded");

        // Meanwhile Ivan works on.
        await ivan.GetByTestId("tool-note").ClickAsync();
        await ivan.GetByTestId("note-editor").FillAsync("Ivan's idea");
        await ivan.GetByTestId("note-editor").PressAsync("Enter");

        await mariaContext.SetOfflineAsync(false);
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 60_000 });
        await Expect(ivan.GetByTestId("board-canvas")).ToContainTextAsync("Written in the tunnel", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-canvas")).ToContainTextAsync("Ivan's idea", new() { Timeout = Timeout });
        await Expect(maria.Locator("g.el-note")).ToHaveCountAsync(3);
        await Expect(ivan.Locator("g.el-note")).ToHaveCountAsync(3);
        var mariaSees = await maria.Locator("g.el-note").AllTextContentsAsync();
        var ivanSees = await ivan.Locator("g.el-note").AllTextContentsAsync();
        Assert.Equal(ivanSees.Select(t => t.Trim()).Order(), mariaSees.Select(t => t.Trim()).Order());
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-back-online");
        await BrowserFixture.ScreenshotAsync(ivan, "board-ivan-back-online");
    }

    [Fact]
    public async Task A_json_export_imports_as_a_new_board_and_a_broken_file_is_refused_with_a_message()
    {
        var node = await sharedNode.NodeAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BoardUi.SignedInPageAsync(context, node.Url, "maria");
        await page.GotoAsync(new Uri(node.Url, "boards").ToString());

        await page.GetByTestId("import-json").SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = "{ not json"u8.ToArray() });
        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("cannot be imported", new() { Timeout = Timeout });

        var export = """
            {"format":"climaborough-board","version":1,"title":"Imported workshop","exportedAt":"2026-11-20T10:00:00Z","seq":3,"elements":[
              {"id":"n1","kind":"Note","x":40,"y":40,"width":160,"height":120,"z":1,"color":"#fff176","text":"Shade trees on school routes","from":null,"to":null,"fileRef":null,"authorId":"demo:ivan","createdAt":"2026-11-20T09:00:00Z","updatedAt":"2026-11-20T09:00:00Z"}]}
            """;
        await page.GetByTestId("import-json").SetInputFilesAsync(new FilePayload { Name = "workshop.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(export) });
        await page.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Imported workshop", new() { Timeout = Timeout });
        await Expect(page.GetByTestId("board-canvas")).ToContainTextAsync("Shade trees on school routes", new() { Timeout = Timeout });
    }

    [Fact]
    public async Task Edits_made_while_the_connection_is_down_wait_guard_the_page_and_reach_the_other_user_afterwards()
    {
        // Playwright's offline mode does not cut an open WebSocket in this Chromium, so the network
        // drop is made real on the other side: the node goes away and comes back on the same address.
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path };
        var node = NodeProcess.Start(settings);
        await node.WaitReadyAsync();
        var url = node.Url;
        await using var mariaContext = await browser.Browser.NewContextAsync();
        await using var ivanContext = await browser.Browser.NewContextAsync();
        var maria = await BoardUi.SignedInPageAsync(mariaContext, url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, url, "ivan");
        await BoardUi.CreateBoardAsync(maria, url, "Offline spell");
        await ivan.GotoAsync(maria.Url);
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

        await node.DisposeAsync();
        await Expect(maria.GetByTestId("sync-state")).ToContainTextAsync("Offline", new() { Timeout = Timeout });
        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Written on the tram");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("Offline — 2 changes waiting", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-canvas")).ToContainTextAsync("Written on the tram");
        await BrowserFixture.ScreenshotAsync(maria, "board-maria-offline");

        // Leaving now asks first (the dialog is dismissed: Maria stays).
        var asked = new TaskCompletionSource<string>();
        maria.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        await maria.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(maria.IsClosed);

        await using var restarted = NodeProcess.Start(settings, port: url.Port);
        await restarted.WaitReadyAsync();
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 60_000 });
        await Expect(ivan.GetByTestId("board-canvas")).ToContainTextAsync("Written on the tram", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(ivan, "board-ivan-after-offline");
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_in_the_editor_with_a_message_and_nothing_is_cut()
    {
        var node = await sharedNode.NodeAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BoardUi.SignedInPageAsync(context, node.Url, "maria");
        await BoardUi.CreateBoardAsync(page, node.Url, "Limits");
        await page.GetByTestId("tool-note").ClickAsync(new() { Timeout = Timeout });

        var tooLong = new string('x', 4001);
        await page.GetByTestId("note-editor").FillAsync(tooLong);
        await page.GetByTestId("note-editor").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at most 4000 characters; this text has 4001");
        Assert.Equal(tooLong, await page.GetByTestId("note-editor").InputValueAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
