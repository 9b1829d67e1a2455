namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>Two people on one board in two Chromium contexts (the first slice of the board page).</summary>
public sealed class BoardPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task A_note_one_person_adds_and_writes_appears_live_for_the_other()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");

        await maria.GotoAsync(new Uri(node.Url, "boards").ToString());
        await maria.GetByTestId("board-title").FillAsync("Traffic co-design");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Create board" }).ClickAsync();
        await maria.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
        await Expect(maria.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Traffic co-design", new() { Timeout = Timeout });
        await ivan.GotoAsync(maria.Url);
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Bike lanes on Vitosha");
        await maria.GetByTestId("note-editor").PressAsync("Enter");

        await Expect(ivan.GetByTestId("board-canvas")).ToContainTextAsync("Bike lanes on Vitosha", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(ivan.GetByRole(AriaRole.List, new() { Name = "Also here" })).ToContainTextAsync("maria", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(maria, "board-maria");
        await BrowserFixture.ScreenshotAsync(ivan, "board-ivan");

        // Ivan drags Maria's note; Maria sees it move.
        var before = await maria.Locator("g.el-note").First.GetAttributeAsync("transform");
        var box = (await ivan.Locator("g.el-note").First.BoundingBoxAsync())!;
        await ivan.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await ivan.Mouse.DownAsync();
        await ivan.Mouse.MoveAsync(box.X + 220, box.Y + 120, new() { Steps = 5 });
        await ivan.Mouse.UpAsync();
        await Expect(maria.Locator("g.el-note").First).Not.ToHaveAttributeAsync("transform", before!, new() { Timeout = Timeout });
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
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await BoardUi.SignedInPageAsync(context, node.Url, "maria");
        await page.GotoAsync(new Uri(node.Url, "boards").ToString());
        await page.GetByTestId("board-title").FillAsync("Limits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create board" }).ClickAsync();
        await page.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
        await page.GetByTestId("tool-note").ClickAsync(new() { Timeout = Timeout });

        var tooLong = new string('x', 4001);
        await page.GetByTestId("note-editor").FillAsync(tooLong);
        await page.GetByTestId("note-editor").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("at most 4000 characters; this text has 4001");
        Assert.Equal(tooLong, await page.GetByTestId("note-editor").InputValueAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
