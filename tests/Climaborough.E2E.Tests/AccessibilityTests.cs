namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>axe-core scans of the pages people use: no serious or critical violations.</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task The_city_list_and_a_board_with_a_note_have_no_serious_or_critical_violations()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(node.Url.ToString());
        await Assertions.Expect(page.Locator("li.city").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        var cities = await page.RunAxe();

        await page.CloseAsync();
        page = await BoardUi.SignedInPageAsync(context, node.Url, "maria");
        await BoardUi.CreateBoardAsync(page, node.Url, "Accessible board");
        await page.GetByTestId("tool-note").ClickAsync(new() { Timeout = Timeout });
        await page.GetByTestId("note-editor").FillAsync("Car-free Sundays");
        await page.GetByTestId("note-editor").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        var board = await page.RunAxe();

        foreach (var (name, result) in new[] { ("cities", cities), ("board", board) })
        {
            Assert.True(result.Passes.Length > 10, $"{name}: axe evaluated {result.Passes.Length} rules; the scan did not run");
            var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} ({v.Impact}): {v.Help}").ToList();
            Assert.True(bad.Count == 0, string.Join("\n", bad));
        }
    }
}
