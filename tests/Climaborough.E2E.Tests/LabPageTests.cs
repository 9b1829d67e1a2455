namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>Living labs in Chromium: a coordinator creates a lab and invites a stakeholder, who accepts and watches its activity live.</summary>
public sealed class LabPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task A_coordinator_creates_a_lab_invites_a_stakeholder_who_accepts_and_sees_the_activity_live()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");

        // Maria creates a private lab on a ClimHub theme.
        await maria.GetByRole(AriaRole.Link, new() { Name = "Living labs" }).ClickAsync();
        await maria.GetByTestId("lab-title").FillAsync("Traffic co-design");
        await maria.GetByTestId("lab-theme").SelectOptionAsync("energy-and-mobility");
        await maria.GetByLabel("Description (Markdown)").FillAsync("Low-emission zones and bike lanes for the centre.");
        await maria.GetByTestId("create-lab").ClickAsync();
        await maria.WaitForURLAsync("**/labs/l*", new() { Timeout = Timeout });
        await Expect(maria.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Traffic co-design", new() { Timeout = Timeout });

        // Ivan cannot see it yet.
        await ivan.GotoAsync(maria.Url);
        await Expect(ivan.GetByTestId("lab-not-found")).ToBeVisibleAsync(new() { Timeout = Timeout });

        // Maria invites Ivan by user name; Ivan accepts on the Living labs page.
        await maria.GetByTestId("lab-invite-user").FillAsync("ivan");
        await maria.GetByTestId("lab-invite").ClickAsync();
        await Expect(maria.GetByTestId("lab-activity")).ToContainTextAsync("Maria Petrova invited someone as member", new() { Timeout = Timeout });
        await ivan.GotoAsync(new Uri(node.Url, "labs").ToString());
        await ivan.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync(new() { Timeout = Timeout });
        await ivan.WaitForURLAsync("**/labs/l*", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("lab-members")).ToContainTextAsync("Ivan Georgiev", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("lab-members")).ToContainTextAsync("Ivan Georgiev", new() { Timeout = Timeout });

        // Maria adds a board and notes to it; Ivan's lab page updates live, without a reload.
        var labUrl = maria.Url;
        await maria.GetByTestId("lab-board-title").FillAsync("Vitosha boulevard");
        await maria.GetByRole(AriaRole.Button, new() { Name = "New board" }).ClickAsync();
        await maria.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("lab-activity")).ToContainTextAsync("Maria Petrova added the board “Vitosha boulevard”", new() { Timeout = Timeout });
        for (var i = 0; i < 3; i++)
        {
            await maria.GetByTestId("tool-note").ClickAsync();
            await maria.GetByTestId("note-editor").FillAsync($"Idea {i}");
            await maria.GetByTestId("note-editor").PressAsync("Enter");
        }

        await Expect(ivan.GetByTestId("lab-activity")).ToContainTextAsync("Maria Petrova added 3 notes to “Vitosha boulevard”", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(ivan, "lab-home-ivan");
        await maria.GotoAsync(labUrl);
        await BrowserFixture.ScreenshotAsync(maria, "lab-home-maria");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
