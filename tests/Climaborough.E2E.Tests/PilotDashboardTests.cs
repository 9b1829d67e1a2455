namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The network dashboard and the Climate Sandbox in Chromium, on the demo data: Ivan sees Sofia's leader
/// pilot's progress and late milestone on the dashboard, records a barrier on the pilot and takes it from
/// identified to trial granted, finds it in the network's register, and corrects a measurement; someone
/// not signed in gets the public dashboard with the demo's one public pilot (Torino's), and on the Cities page
/// both ClimHubs with each city's role, and Torino's page with that pilot. Screenshots in English and
/// Bulgarian.
/// </summary>
public sealed class PilotDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task Ivan_follows_the_dashboard_takes_a_barrier_to_a_trial_finds_it_in_the_register_and_corrects_a_measurement()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" });
        await node.WaitReadyAsync();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!node.Output.Contains("Demo pilots:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, "the demo pilots were not seeded:\n" + node.Output);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var ivan = await BoardUi.SignedInPageAsync(context, node.Url, "ivan");

        await ivan.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync(new() { Timeout = Timeout });
        try
        {
            await Expect(ivan.GetByTestId("dashboard-totals")).ToBeVisibleAsync(new() { Timeout = Timeout });
        }
        finally
        {
            await BrowserFixture.ScreenshotAsync(ivan, "dashboard-en-1366-first");
        }

        var leader = ivan.Locator("section[data-hub=energy-and-mobility] tr[data-pilot]").Filter(new() { HasText = "Integrated energy and mobility services" });
        await Expect(leader).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(leader.GetByTestId("late-milestone")).ToContainTextAsync("Innovation partnership tender awarded");
        await Expect(leader.Locator("li[data-indicator=renewable-energy-produced] [data-testid=indicator-progress]")).ToContainTextAsync("39.4% of the way to the target"); // 710 of 1,800
        await Expect(ivan.GetByTestId("dashboard-public")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ivan, "dashboard-en-1366");

        await leader.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(ivan.GetByTestId("pilot-title")).ToHaveTextAsync("Integrated energy and mobility services", new() { Timeout = Timeout });
        var sandbox = ivan.GetByTestId("pilot-sandbox");
        await Expect(sandbox.GetByTestId("sandbox-entry-status")).ToHaveTextAsync("Trial granted", new() { Timeout = Timeout }); // the demo's barrier
        var form = sandbox.GetByTestId("new-barrier");
        await form.GetByTestId("barrier-title").FillAsync("Grid connection of rooftop solar on schools");
        await form.GetByTestId("barrier-kind").SelectOptionAsync("Technical");
        await form.GetByTestId("barrier-rule").FillAsync("Grid code: one connection point per building");
        await form.GetByTestId("barrier-add").ClickAsync();
        var barrier = sandbox.Locator("li.sandbox-entry").Filter(new() { HasText = "Grid connection of rooftop solar on schools" });
        await Expect(barrier.GetByTestId("sandbox-entry-status")).ToHaveTextAsync("Identified", new() { Timeout = Timeout });
        await barrier.GetByTestId("sandbox-status").SelectOptionAsync("DerogationRequested");
        await barrier.GetByTestId("sandbox-move").ClickAsync();
        await Expect(barrier.GetByTestId("sandbox-entry-status")).ToHaveTextAsync("Derogation requested", new() { Timeout = Timeout });
        await barrier.GetByTestId("sandbox-status").SelectOptionAsync("TrialGranted");
        await barrier.GetByTestId("sandbox-outcome").FillAsync("Trial at three schools");
        await barrier.GetByTestId("sandbox-move").ClickAsync();
        await Expect(barrier.GetByTestId("sandbox-entry-status")).ToHaveTextAsync("Trial granted", new() { Timeout = Timeout });
        await Expect(barrier.Locator(".sandbox-steps li")).ToHaveCountAsync(3);
        await barrier.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(ivan, "pilot-sandbox-en-1366");

        var correction = ivan.Locator("form.correct-measurement[data-indicator=cycling-modal-share]");
        await correction.GetByTestId("correct-which").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await correction.GetByTestId("correct-value").FillAsync("2.3");
        await correction.GetByTestId("correct-note").FillAsync("Survey re-weighted");
        await correction.GetByTestId("correct-submit").ClickAsync();
        var table = ivan.Locator("figure[data-indicator=cycling-modal-share] [data-testid=indicator-table]");
        await Expect(table.GetByTestId("measurement-history")).ToContainTextAsync("corrected; earlier versions: 1", new() { Timeout = Timeout });
        await Expect(table).ToContainTextAsync("2.3");

        await ivan.GotoAsync(new Uri(node.Url, "sandbox").ToString());
        await ivan.GetByTestId("sandbox-q").FillAsync("schools grid");
        await ivan.GetByTestId("sandbox-search-button").ClickAsync();
        await Expect(ivan.Locator("li.sandbox-hit")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(ivan.Locator("li.sandbox-hit")).ToContainTextAsync("Grid connection of rooftop solar on schools");
        await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
        await Expect(ivan.GetByRole(AriaRole.Heading, new() { Name = "Регистър „Климатичен пясъчник“" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(ivan, "sandbox-bg-1366");

        await ivan.GotoAsync(new Uri(node.Url, "dashboard").ToString());
        await Expect(ivan.GetByRole(AriaRole.Heading, new() { Name = "Табло на мрежата" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Expect(ivan.Locator("li[data-indicator=renewable-energy-produced] [data-testid=indicator-progress]")).ToContainTextAsync("39,4% от пътя до целта", new() { Timeout = Timeout });
        await ivan.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(ivan, "dashboard-bg-390");

        await using var anonymous = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var anyone = await anonymous.NewPageAsync();
        await anyone.GotoAsync(new Uri(node.Url, "dashboard").ToString());
        await Expect(anyone.GetByTestId("dashboard-public")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var publicPilot = anyone.Locator("section[data-hub=waste-to-circularity] tr[data-pilot]");
        await Expect(publicPilot).ToHaveCountAsync(1, new() { Timeout = Timeout }); // Sofia's pilots are in network labs: not shown
        await Expect(publicPilot).ToContainTextAsync("Reuse corners in Torino's neighbourhood markets");
        await Expect(anyone.Locator("section[data-hub=energy-and-mobility] tr[data-pilot]")).ToHaveCountAsync(0);
        await Expect(anyone.GetByTestId("open-data-catalog")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(anyone, "dashboard-public-en-1366");

        // The Cities page: both hubs with their leader and follower cities (Sofia leads one and follows the other).
        await anyone.GotoAsync(new Uri(node.Url, "cities").ToString());
        var hubs = anyone.GetByTestId("hub-roles");
        await Expect(hubs.Locator("[data-hub=energy-and-mobility] [data-role=Leader] a[data-city=sofia]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Expect(hubs.Locator("[data-hub=waste-to-circularity] [data-role=Follower] a[data-city=sofia]")).ToBeVisibleAsync();
        await Expect(hubs.Locator("[data-hub=waste-to-circularity] [data-role=Leader] a")).ToHaveTextAsync(["Cascais", "Ioannina", "Maribor", "Torino"]);
        await Expect(anyone.Locator("li.city[data-city=sofia] [data-testid=city-hub-roles] li")).ToHaveTextAsync(["Follower · From waste to circularity", "Leader · From isolated energy and mobility systems to integrated services"]);
        await BrowserFixture.ScreenshotAsync(anyone, "cities-en-1366");

        // A city's page: its roles, and the pilots and labs a reader without an account may see.
        await hubs.Locator("[data-hub=waste-to-circularity] a[data-city=torino]").ClickAsync();
        await Expect(anyone.GetByTestId("city-title")).ToHaveTextAsync("Torino (Turin)", new() { Timeout = Timeout });
        await Expect(anyone.GetByTestId("city-pilots").Locator("li.pilot")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("Reuse corners in Torino's neighbourhood markets")]);
        await Expect(anyone.GetByTestId("city-labs")).ToContainTextAsync("Torino reuse markets (public)");
        await BrowserFixture.ScreenshotAsync(anyone, "city-torino-en-1366");
    }
}
