namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Everyday flows in Chromium: a stranger follows an email invitation into a lab; the notification panel
/// opens on screen at desktop and phone widths and opening a notification reads it. Screenshots of the
/// lab page and the panel at 1366 and 390 px, in English and Bulgarian, go with the test results.
/// </summary>
public sealed class EverydayFlowsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stranger_follows_an_email_invitation_creates_an_account_and_lands_in_the_lab_with_the_invited_role()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Circular Sofia", LabThemes.WasteToCircularity, "Sorting at home", LabVisibility.Private), BoardJson.Options, Ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(null, "nina@example.org", LabRole.Moderator), BoardJson.Options, Ct);
        var link = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!.Link!;

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);

        // Whose invitation, to which lab of which city, with which role — and a way in for someone without an account.
        await Expect(page.GetByTestId("join-invitation")).ToContainTextAsync("Maria Petrova invites you to the living lab “Circular Sofia”", new() { Timeout = 2 * Timeout });
        await Expect(page.GetByTestId("join-invitation")).ToContainTextAsync("as moderator");
        await Expect(page.GetByTestId("join-invitation")).Not.ToContainTextAsync("sofia ");
        await BrowserFixture.ScreenshotAsync(page, "join-invitation-en-1366");
        await page.GetByTestId("join-create-account").ClickAsync();

        await Expect(page.GetByTestId("register-invited-to-lab")).ToContainTextAsync("Circular Sofia", new() { Timeout = Timeout });
        await page.GetByLabel("User name (letters, digits, dots, dashes)").FillAsync("nina");
        await page.GetByLabel("Display name").FillAsync("Nina Koleva");
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("nina-secret-2026");
        await page.GetByLabel("Repeat the password").FillAsync("nina-secret-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync($"**/labs/{labId}", new() { Timeout = 2 * Timeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Circular Sofia", new() { Timeout = Timeout });
        await Expect(page.Locator("[data-member='Nina Koleva']")).ToContainTextAsync("moderator", new() { Timeout = Timeout });
        await Expect(page.GetByTestId("lab-invite")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_notification_panel_opens_on_screen_and_opening_a_notification_reads_it_and_the_lab_page_names_things()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();

        // A lab with Ivan in it, a board, a thread with two replies mentioning Ivan in Markdown.
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Circular Sofia", LabThemes.WasteToCircularity, "Sorting **at home**.", LabVisibility.Network), BoardJson.Options, Ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, Ct);
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        (await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Collection points"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var thread = await maria.PostAsJsonAsync($"api/labs/{labId}/threads", new CreateThreadRequest("Where do the bins go?", "Ideas welcome."), BoardJson.Options, Ct);
        var threadId = (await thread.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, Ct))!.Summary.Id;
        foreach (var text in new[] { "@ivan **Next to the school**, what do you think?", "@ivan see _the map_ too" })
        {
            (await maria.PostAsJsonAsync($"api/labs/{labId}/threads/{threadId}/posts", new ReplyRequest(text, null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var ivan = await BoardUi.SignedInPageAsync(context, node.Url, "ivan");
        await ivan.GotoAsync(new Uri(node.Url, $"labs/{labId}").ToString());
        await Expect(ivan.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Circular Sofia", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("lab-meta")).ToContainTextAsync("Waste to circularity", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("lab-meta")).ToContainTextAsync("2 members");
        await Expect(ivan.GetByTestId("lab-activity")).ToContainTextAsync("Maria Petrova replied 2 times in “Where do the bins go?”");
        await Expect(ivan.GetByTestId("lab-activity")).ToContainTextAsync("Maria Petrova started the discussion “Where do the bins go?”");
        await Expect(ivan.GetByTestId("lab-members")).Not.ToContainTextAsync("sofia");

        foreach (var (language, width) in new[] { ("en", 1366), ("en", 390), ("bg", 390), ("bg", 1366) })
        {
            if (language == "bg" && await ivan.GetByTestId("language-switch").InputValueAsync() != "bg")
            {
                await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
                await Expect(ivan.GetByTestId("lab-meta")).ToContainTextAsync("2 членове", new() { Timeout = Timeout });
            }

            await ivan.SetViewportSizeAsync(width, width > 1000 ? 900 : 844);
            await BrowserFixture.ScreenshotAsync(ivan, $"lab-page-{language}-{width}");
            await ivan.GetByTestId("notification-bell").ClickAsync();
            var panel = ivan.GetByTestId("notification-panel");
            await Expect(panel).ToBeVisibleAsync(new() { Timeout = Timeout });
            var box = (await panel.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the panel spans {box.X}..{box.X + box.Width} in a {width} px window ({language})");
            await Expect(panel.GetByTestId("notification").First).ToContainTextAsync("see the map too");
            await Expect(panel.GetByTestId("notification").Nth(1)).ToContainTextAsync("Next to the school, what do you think?");
            await Expect(panel).Not.ToContainTextAsync("**");
            await ivan.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ResultsFolder, $"notifications-{language}-{width}.png") });
            await ivan.Keyboard.PressAsync("Escape");
        }

        // Opening a notification reads it: the count goes down by one, here and after a reload.
        await Expect(ivan.GetByTestId("notification-count")).ToHaveAttributeAsync("data-count", "2");
        await ivan.GetByTestId("notification-bell").ClickAsync();
        await ivan.GetByTestId("notification").First.GetByRole(AriaRole.Link).ClickAsync();
        await ivan.WaitForURLAsync($"**/threads/{threadId}*", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("notification-count")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = Timeout });
        await ivan.ReloadAsync();
        await Expect(ivan.GetByTestId("notification-count")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 2 * Timeout });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
