namespace Climaborough.E2E.Tests;

using Microsoft.Playwright;

/// <summary>Steps people take in the app, shared by the browser tests.</summary>
internal static class BoardUi
{
    public const float Timeout = 30_000;

    /// <summary>Opens the app and signs in with a demo name, as the header offers.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowserContext context, Uri node, string user)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(node.ToString());
        await page.GetByTestId("demo-name").FillAsync(user, new() { Timeout = Timeout });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync(user, new() { Timeout = Timeout });
        return page;
    }

    /// <summary>Creates a board from the Boards page and waits for its page.</summary>
    public static async Task CreateBoardAsync(IPage page, Uri node, string title)
    {
        await page.GotoAsync(new Uri(node, "boards").ToString());
        await page.GetByTestId("board-title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create board" }).ClickAsync();
        await page.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
    }
}
