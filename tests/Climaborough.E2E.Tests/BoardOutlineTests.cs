namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>
/// The board's outline in Chromium (issue 17): a member, with the keyboard alone (Tab, Enter, typing), opens the
/// outline, adds two notes to a frame and edits one; the lab's owner sees them live on her canvas. Screenshots of
/// the outline at 1366 and 390 px and of the canvas go with the test results.
/// </summary>
public sealed class BoardOutlineTests(BrowserFixture browser, SharedNodeFixture sharedNode) : IClassFixture<BrowserFixture>, IClassFixture<SharedNodeFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_builds_a_frame_of_notes_with_the_keyboard_alone_through_the_outline_and_the_owner_sees_them_live()
    {
        var node = await sharedNode.NodeAsync();

        // A private lab of Maria's with Ivan as a member, and a board in it (over REST: not what is tested here).
        using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("School streets", LabThemes.EnergyAndMobility, "Safe ways to school", LabVisibility.Private), BoardJson.Options, Ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, Ct);
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        (await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct)).EnsureSuccessStatusCode();
        using var board = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Way to school"), BoardJson.Options, Ct);
        var boardId = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
        var boardUrl = new Uri(node.Url, $"boards/{boardId}").ToString();

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");
        var pages = new Dictionary<string, IPage> { ["maria"] = maria, ["ivan"] = ivan };
        try
        {
            // Maria frames a part of the board on her canvas.
            await maria.GotoAsync(boardUrl);
            await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 2 * Timeout });
            await maria.GetByTestId("tool-frame").ClickAsync();
            await maria.GetByTestId("note-editor").FillAsync("Crossings");
            await maria.GetByTestId("note-editor").PressAsync("Enter");
            await Expect(maria.Locator("g.el-frame")).ToContainTextAsync("Crossings", new() { Timeout = Timeout });
            await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

            // Ivan, from here on with the keyboard only: Tab to "Outline", Enter.
            await ivan.GotoAsync(boardUrl);
            await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 2 * Timeout });
            await Expect(ivan.Locator("g.el-frame")).ToContainTextAsync("Crossings", new() { Timeout = Timeout });
            await TabToAsync(ivan, "a => a.dataset.testid === 'tool-outline'");
            await ivan.Keyboard.PressAsync("Enter");
            var outline = ivan.GetByTestId("board-outline");
            await Expect(outline).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("tool-outline")).ToHaveAttributeAsync("aria-pressed", "true");
            var crossings = outline.GetByTestId("outline-section").Filter(new() { Has = ivan.GetByRole(AriaRole.Heading, new() { Name = "Crossings" }) });
            await Expect(crossings).ToHaveCountAsync(1, new() { Timeout = Timeout });

            // Two notes into the frame: the field keeps the focus after each.
            await TabToAsync(ivan, "a => a.dataset.testid === 'outline-new-text' && a.closest('[data-testid=outline-section]').querySelector('h3').textContent.startsWith('Crossings')");
            await ivan.Keyboard.TypeAsync("Zebra crossing at the gate");
            await ivan.Keyboard.PressAsync("Enter");
            await Expect(crossings.GetByTestId("outline-item")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await ivan.Keyboard.TypeAsync("Lollipop person at 8");
            await ivan.Keyboard.PressAsync("Enter");
            await Expect(crossings.GetByTestId("outline-text")).ToHaveTextAsync(["Zebra crossing at the gate", "Lollipop person at 8"], new() { Timeout = Timeout });
            await Expect(crossings.GetByTestId("outline-meta").First).ToHaveTextAsync("Note · by Ivan Georgiev");

            // Back to the first note's Edit, Enter, and a new text; Enter saves.
            await TabToAsync(ivan, "a => a.dataset.testid === 'outline-edit' && a.closest('[data-testid=outline-item]').textContent.includes('Zebra crossing at the gate')", backwards: true);
            await ivan.Keyboard.PressAsync("Enter");
            await Expect(ivan.GetByTestId("outline-edit-text")).ToBeFocusedAsync(new() { Timeout = Timeout });
            await ivan.Keyboard.PressAsync("Control+A");
            await ivan.Keyboard.TypeAsync("Raised zebra crossing at the gate");
            await ivan.Keyboard.PressAsync("Enter");
            await Expect(crossings.GetByTestId("outline-text").First).ToHaveTextAsync("Raised zebra crossing at the gate", new() { Timeout = Timeout });
            await Expect(crossings.GetByTestId("outline-edit").First).ToBeFocusedAsync();
            await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "outline-ivan-en-1366");
            await AssertNoSeriousViolationsAsync(ivan, "outline at 1366 px");
            await ivan.SetViewportSizeAsync(390, 844);
            await BrowserFixture.ScreenshotAsync(ivan, "outline-ivan-en-390");
            await AssertNoSeriousViolationsAsync(ivan, "outline at 390 px");

            // Maria sees both notes live on her canvas, inside her frame.
            var canvas = maria.GetByTestId("board-canvas");
            await Expect(canvas).ToContainTextAsync("Raised zebra crossing at the gate", new() { Timeout = Timeout });
            await Expect(canvas).ToContainTextAsync("Lollipop person at 8");
            await Expect(maria.Locator("g.el-note")).ToHaveCountAsync(2);
            var frame = (await maria.Locator("g.el-frame rect").First.BoundingBoxAsync())!;
            foreach (var note in await maria.Locator("g.el-note rect").AllAsync())
            {
                var box = (await note.BoundingBoxAsync())!;
                Assert.True(box.X >= frame.X && box.Y >= frame.Y && box.X + box.Width <= frame.X + frame.Width && box.Y + box.Height <= frame.Y + frame.Height, "a note lies outside the frame on Maria's canvas");
            }

            await BrowserFixture.ScreenshotAsync(maria, "outline-maria-canvas-en-1366");
        }
        catch
        {
            await BoardUi.ScreenshotEveryoneAsync(pages, "outline-failed-");
            throw;
        }
    }

    /// <summary>An axe-core scan of the whole page, outline open, with no serious or critical violation.</summary>
    private static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        Assert.True(result.Passes.Length > 10, $"{name}: axe evaluated {result.Passes.Length} rules; the scan did not run");
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches <paramref name="predicate"/> (a JavaScript function of the element).</summary>
    private static async Task TabToAsync(IPage page, string predicate, bool backwards = false)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const a = document.activeElement; try {{ return !!a && !!({predicate})(a); }} catch {{ return false; }} }}"))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached the element ({predicate}).");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
