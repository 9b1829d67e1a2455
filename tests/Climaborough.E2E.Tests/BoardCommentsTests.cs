namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Comments on a note in Chromium (issue 20): Maria comments on her note with a mention of Ivan; Ivan's bell
/// rings, its link takes him to the board with the thread shown, and he replies from the panel; Maria
/// resolves, and the pin with the open count goes away for both. Screenshots of the panel at 1366 and 390 px,
/// in English and Bulgarian, go with the test results.
/// </summary>
public sealed class BoardCommentsTests(BrowserFixture browser, SharedNodeFixture sharedNode) : IClassFixture<BrowserFixture>, IClassFixture<SharedNodeFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mentioned_member_follows_the_bell_to_the_thread_replies_from_the_panel_and_the_pin_goes_away_when_the_author_resolves()
    {
        var node = await sharedNode.NodeAsync();

        // A private lab of Maria's with Ivan as a member, and a board in it.
        using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Compost Sofia", LabThemes.WasteToCircularity, "Compost at the markets", LabVisibility.Private), BoardJson.Options, Ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, Ct);
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        (await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct)).EnsureSuccessStatusCode();
        using var board = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Market corners"), BoardJson.Options, Ct);
        var boardId = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");

        // Maria writes a note, selects it and comments on it, naming Ivan.
        await maria.GotoAsync(new Uri(node.Url, $"boards/{boardId}").ToString());
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 2 * Timeout });
        await maria.GetByTestId("tool-note").ClickAsync();
        await maria.GetByTestId("note-editor").FillAsync("Compost bins by the market");
        await maria.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await maria.Locator("g.el-note").First.ClickAsync();
        await maria.GetByTestId("comments-toggle").ClickAsync();
        await Expect(maria.GetByTestId("comment-new")).ToContainTextAsync("Compost bins by the market", new() { Timeout = Timeout });
        await maria.GetByTestId("comment-draft").FillAsync("@ivan who **empties** them on Sundays?");
        await maria.GetByTestId("comment-post").ClickAsync();
        var thread = maria.GetByTestId("comment-thread").First;
        await Expect(thread.GetByTestId("comment-body")).ToContainTextAsync("who empties them on Sundays?", new() { Timeout = Timeout });
        await Expect(thread.GetByTestId("comment-where")).ToContainTextAsync("Compost bins by the market");
        await Expect(maria.GetByTestId("comment-pin-count")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(maria, "comments-maria-en-1366");

        // Ivan's bell rings; its link opens the board with the thread shown in the panel.
        await Expect(ivan.GetByTestId("notification-count")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = Timeout });
        await ivan.GetByTestId("notification-bell").ClickAsync();
        await Expect(ivan.GetByTestId("notification").First).ToContainTextAsync("Maria Petrova", new() { Timeout = Timeout });
        await ivan.GetByTestId("notification").First.GetByRole(AriaRole.Link).ClickAsync();
        await ivan.WaitForURLAsync($"**/boards/{boardId}?comment=*", new() { Timeout = Timeout });
        var shown = ivan.Locator(".comment-thread.focused");
        await Expect(shown.GetByTestId("comment-body")).ToContainTextAsync("who empties them on Sundays?", new() { Timeout = 2 * Timeout });
        await Expect(ivan.GetByTestId("comment-pin-count")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(ivan, "comments-ivan-en-1366");

        // He replies from the panel; Maria sees the reply live.
        await shown.GetByTestId("comment-reply-draft").FillAsync("The market's caretaker, every Sunday at 8.");
        await shown.GetByTestId("comment-reply").ClickAsync();
        await Expect(shown.GetByTestId("comment")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Expect(thread.GetByTestId("comment")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Expect(thread.GetByTestId("comment").Nth(1)).ToContainTextAsync("Ivan Georgiev");

        // Ivan (not the author, not a moderator) has no resolve button; at a phone's width, in Bulgarian, the panel stays on screen.
        await Expect(shown.GetByTestId("comment-resolve")).ToHaveCountAsync(0);
        await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
        await Expect(ivan.GetByTestId("comment-reply").First).ToHaveTextAsync("Изпрати отговора", new() { Timeout = Timeout });
        await ivan.SetViewportSizeAsync(390, 844);
        var panel = ivan.GetByTestId("comments-panel");
        await Expect(panel).ToBeVisibleAsync();
        var box = (await panel.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the panel spans {box.X}..{box.X + box.Width} in a 390 px window");
        await Expect(panel).Not.ToContainTextAsync("Comment");
        await BrowserFixture.ScreenshotAsync(ivan, "comments-ivan-bg-390");

        // Maria resolves: the pin and its count go away for both, the thread is kept under "resolved".
        await thread.GetByTestId("comment-resolve").ClickAsync();
        await Expect(maria.GetByTestId("comment-pin")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("comment-pin")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await maria.GetByTestId("comments-show-resolved").ClickAsync();
        await Expect(maria.GetByTestId("comment-resolved")).ToContainTextAsync("Maria Petrova", new() { Timeout = Timeout });
        await maria.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(maria, "comments-maria-en-390-resolved");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
