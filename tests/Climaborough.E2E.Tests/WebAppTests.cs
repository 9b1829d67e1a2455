namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>The web app in Chromium against the real node.</summary>
public sealed class WebAppTests(BrowserFixture browser, SharedNodeFixture sharedNode) : IClassFixture<BrowserFixture>, IClassFixture<SharedNodeFixture>
{
    private static readonly float Timeout = 30_000;

    [Fact]
    public async Task The_city_list_shows_and_switching_to_bulgarian_changes_the_text_and_sticks()
    {
        var node = await sharedNode.NodeAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(node.Url.ToString());
        await Expect(page.Locator("li.city[data-city=sofia]")).ToContainTextAsync("Sofia", new() { Timeout = Timeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Partner cities");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = Timeout });
        await Expect(page.Locator("li.city[data-city=sofia]")).ToContainTextAsync("Bulgaria");
        await BrowserFixture.ScreenshotAsync(page, "cities-en");

        await page.GetByTestId("language-switch").SelectOptionAsync("bg");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Градове партньори", new() { Timeout = Timeout });
        await Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Живи лаборатории");
        await Expect(page.Locator("li.city[data-city=sofia]")).ToContainTextAsync("България");
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("Свързан", new() { Timeout = Timeout });
        Assert.Equal("bg", await page.Locator("html").GetAttributeAsync("lang"));
        await BrowserFixture.ScreenshotAsync(page, "cities-bg");

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Градове партньори", new() { Timeout = Timeout });
    }

    [Fact]
    public async Task The_connection_indicator_follows_the_node_going_away_and_coming_back()
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path };
        var node = NodeProcess.Start(settings);
        await node.WaitReadyAsync();
        var port = node.Url.Port;
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(node.Url.ToString());
        var indicator = page.GetByTestId("connection");
        await Expect(indicator).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = Timeout });

        await node.DisposeAsync();
        await Expect(indicator).Not.ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(page, "connection-lost");

        await using var restarted = NodeProcess.Start(settings, port: port);
        await restarted.WaitReadyAsync();
        await Expect(indicator).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = 60_000 });
        await Expect(page.Locator("li.city[data-city=sofia]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Navigation_reaches_every_section()
    {
        var node = await sharedNode.NodeAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(node.Url.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Living labs" }).ClickAsync(new() { Timeout = Timeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Living labs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lessons learned" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lessons learned");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cities" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Partner cities");
        Assert.EndsWith("/cities", page.Url, StringComparison.Ordinal);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
