namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>Sign-in in Chromium through the server's own pages: an invited person registers and works live as themselves.</summary>
public sealed class SignInPageTests(BrowserFixture browser, SharedNodeFixture sharedNode) : IClassFixture<BrowserFixture>, IClassFixture<SharedNodeFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invited_person_registers_lands_signed_in_and_is_live_on_a_board_as_themselves()
    {
        var node = await sharedNode.NodeAsync();

        // Maria (Sofia's coordinator) makes an invitation link and a board.
        using var api = await TestTokens.ClientAsync(node.Url, "maria");
        var link = (await Accounts.InviteLinkAsync(node.Url, "maria", "petar@example.org", Ct)).ToString();
        using var created = await api.PostAsJsonAsync("api/boards", new CreateBoardRequest("Welcome board"), BoardJson.Options, Ct);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create your account");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("petar@example.org");
        await page.GetByLabel("User name (letters, digits, dots, dashes)").FillAsync("petar");
        await page.GetByLabel("Display name").FillAsync("Petar Ivanov");
        await page.GetByLabel("Password (at least 10 characters)").FillAsync("a-long-enough-secret");
        await page.GetByLabel("Repeat the password").FillAsync("a-long-enough-secret");
        await BrowserFixture.ScreenshotAsync(page, "register-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync("Signed in as Petar Ivanov", new() { Timeout = Timeout });
        await page.GotoAsync(new Uri(node.Url, $"boards/{board.Id}").ToString());
        await Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await page.GetByTestId("tool-note").ClickAsync();
        await page.GetByTestId("note-editor").FillAsync("Hello from Petar");
        await page.GetByTestId("note-editor").PressAsync("Enter");
        await Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(page, "invited-person-on-a-board");

        // The board knows it was Petar: his note is in the export under his account.
        var export = await api.GetFromJsonAsync<BoardExport>($"api/boards/{board.Id}/export.json", BoardJson.Options, Ct);
        var note = Assert.Single(export!.Elements);
        Assert.Equal("Hello from Petar", note.Text);
        Assert.NotEqual(string.Empty, note.AuthorId);

        // Signing out returns to the app signed out; signing in again works with the new password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByLabel("User name or email").FillAsync("petar@example.org");
        await page.GetByLabel("Password").FillAsync("a-long-enough-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync("Signed in as Petar Ivanov", new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_wrong_password_shows_one_generic_message_on_the_sign_in_page_in_bulgarian_too()
    {
        var node = await sharedNode.NodeAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(node.Url, "account/login?lang=bg").ToString());
        await page.GetByLabel("Потребителско име или имейл").FillAsync("ivan");
        await page.GetByLabel("Парола").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Вход" }).ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Входът не успя");
        await Expect(page.GetByLabel("Потребителско име или имейл")).ToHaveValueAsync("ivan");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-page-bg-error");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
