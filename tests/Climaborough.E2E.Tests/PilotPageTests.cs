namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Sofia's demo pilots in Chromium: the list by hub, the leader pilot's page with its late milestone and
/// charts, a measurement added by a member and shown in the table; screenshots at 1366 and 390 px in
/// English and Bulgarian.
/// </summary>
public sealed class PilotPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task Ivan_opens_sofias_leader_pilot_from_the_list_and_adds_a_measurement_in_both_languages()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" });
        await node.WaitReadyAsync();

        // The demo pilots are seeded after the node is ready: wait for them, so the list is complete and
        // the seeding's work is not competing with the browser's first load.
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!node.Output.Contains("Demo pilots:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "the demo pilots were not seeded:\n" + node.Output);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var ivan = await BoardUi.SignedInPageAsync(context, node.Url, "ivan");

        await ivan.GetByRole(AriaRole.Link, new() { Name = "Pilots", Exact = true }).ClickAsync(new() { Timeout = Timeout });
        var energy = ivan.Locator("section[data-hub=energy-and-mobility]");
        // Sofia leads the energy and mobility hub; the demo's Torino pilot replicates hers in the same hub.
        await Expect(energy.Locator("li.pilot").Filter(new() { HasText = "Integrated energy and mobility services" })).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(energy.Locator("li.pilot").Filter(new() { HasText = "Solar mobility hubs for Torino" })).ToHaveCountAsync(1);
        await Expect(ivan.Locator("section[data-hub=waste-to-circularity] li.pilot").Filter(new() { HasText = "From waste to a circular Sofia" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(ivan, "pilots-en-1366");

        await energy.GetByRole(AriaRole.Link, new() { Name = "Integrated energy and mobility services" }).ClickAsync();
        await Expect(ivan.GetByTestId("pilot-title")).ToHaveTextAsync("Integrated energy and mobility services", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("late-flag")).ToHaveCountAsync(1);
        await Expect(ivan.Locator("figure.indicator-chart")).ToHaveCountAsync(2);

        var cycling = ivan.Locator("form.new-measurement[data-indicator=cycling-modal-share]");
        await cycling.GetByTestId("measurement-value").FillAsync("2.4");
        await cycling.GetByTestId("measurement-source").FillAsync("Bicycle counters, spring 2026");
        await cycling.GetByTestId("add-measurement").ClickAsync();
        var table = ivan.Locator("figure[data-indicator=cycling-modal-share] [data-testid=indicator-table]");
        await Expect(table).ToContainTextAsync("Bicycle counters, spring 2026", new() { Timeout = Timeout });
        await Expect(table.Locator("tr.row-measurement")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(ivan, "pilot-en-1366");

        await ivan.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(ivan, "pilot-en-390");
        await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
        await Expect(ivan.GetByRole(AriaRole.Heading, new() { Name = "Ключови етапи" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Expect(ivan.Locator("figure[data-indicator=cycling-modal-share] [data-testid=indicator-table]")).ToContainTextAsync("2,4", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(ivan, "pilot-bg-390");
        Assert.True(await ivan.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the pilot page scrolls sideways on a phone");
        await ivan.SetViewportSizeAsync(1366, 900);
        await BrowserFixture.ScreenshotAsync(ivan, "pilot-bg-1366");
    }
}
