namespace Climaborough.Load;

using System.Globalization;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Issue 4's smoothness figure: frame times in Chromium while a note is dragged across a board of
/// 2,000 elements (requestAnimationFrame intervals during the drag).
/// </summary>
internal static class FrameTimes
{
    public static async Task RunAsync(int elements)
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string>
        {
            ["Storage__DataPath"] = data.Path,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await node.WaitReadyAsync();

        using var http = await TestTokens.ClientAsync(node.Url, "maria");
        var notes = Enumerable.Range(0, elements).Select(i => new BoardElement(
            $"n{i}", ElementKind.Note, 20 + (i % 50) * 170, 20 + (i / 50) * 130, 160, 120, i, "#fff176", $"idea {i} for the city", null, null, null, string.Empty, default, default)).ToList();
        var export = new BoardExport(BoardExport.FormatName, 1, "Big board", DateTimeOffset.UtcNow, 0, notes);
        using var response = await http.PostAsJsonAsync("api/boards/import", export, BoardJson.Options);
        response.EnsureSuccessStatusCode();
        var board = (await response.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options))!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.GotoAsync(node.Url.ToString());
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByLabel("User name or email").FillAsync("maria");
        await page.GetByLabel("Password").FillAsync(OidcSignIn.DemoPassword("maria"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("signed-in").WaitForAsync();
        await page.GotoAsync(new Uri(node.Url, $"boards/{board.Id}").ToString());
        await page.Locator("g.el-note").Nth(elements - 1).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });

        // Select 50 notes (rows 0-4, columns 0-9 of the grid) with a Shift+drag rectangle, then drag them.
        for (var i = 0; i < 3; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom out" }).ClickAsync();
        }

        var first = (await page.Locator("[data-element-id='n0']").BoundingBoxAsync())!;
        var last = (await page.Locator("[data-element-id='n209']").BoundingBoxAsync())!;
        await page.Keyboard.DownAsync("Shift");
        await page.Mouse.MoveAsync(first.X - 5, first.Y - 5);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(last.X + last.Width + 5, last.Y + last.Height + 5, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.Keyboard.UpAsync("Shift");
        var selected = await page.GetByTestId("selection-count").TextContentAsync();
        var fifty = await MeasureDragAsync(page, page.Locator("[data-element-id='n0']"));
        Report($"dragging 50 selected notes ({selected?.Trim(' ', '·')}) on a {elements}-element board", fifty);
        await page.GetByText("All changes saved").WaitForAsync(new() { Timeout = 60_000 });
        var moved = await page.Locator("g.el-note").EvaluateAllAsync<int>("els => els.filter(e => { const m = /translate\\((\\S+) (\\S+)\\)/.exec(e.getAttribute('transform')); const i = +e.dataset.elementId.slice(1); return m && +m[1] !== 20 + (i % 50) * 170; }).length");
        Console.WriteLine($"notes moved after the drop: {moved}");

        // Then one note, outside the moved block (row 6, column 0).
        await page.Keyboard.PressAsync("Escape");
        var one = await MeasureDragAsync(page, page.Locator("[data-element-id='n300']"));
        Report($"dragging one note on a {elements}-element board", one);
    }

    private static async Task<double[]> MeasureDragAsync(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => { window.__frames = []; let last = performance.now(); const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); }; window.__recording = true; requestAnimationFrame(tick); }");
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 10, box.Y + 10);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 310, box.Y + 210, new() { Steps = 60 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(500);
        return await page.EvaluateAsync<double[]>("() => { window.__recording = false; return window.__frames.slice(1); }");
    }

    private static void Report(string what, double[] frames)
    {
        var sorted = frames.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"frame times while {what} ({sorted.Length} frames): p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, max {sorted[^1]:F1} ms; frames over 50 ms: {sorted.Count(f => f > 50)}"));
    }
}
