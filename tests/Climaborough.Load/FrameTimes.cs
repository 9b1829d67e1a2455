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
            ["DemoData__Enabled"] = "false",
        });
        await node.WaitReadyAsync();

        using var http = new HttpClient { BaseAddress = node.Url };
        http.DefaultRequestHeaders.Add("X-Demo-User", "bench");
        var notes = Enumerable.Range(0, elements).Select(i => new BoardElement(
            $"n{i}", ElementKind.Note, 20 + (i % 50) * 170, 20 + (i / 50) * 130, 160, 120, i, "#fff176", $"idea {i} for the city", null, null, null, "demo:bench", default, default)).ToList();
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
        await page.EvaluateAsync("() => localStorage.setItem('climaborough.demoUser', 'bench')");
        await page.GotoAsync(new Uri(node.Url, $"boards/{board.Id}").ToString());
        await page.Locator("g.el-note").Nth(elements - 1).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });

        await page.EvaluateAsync("() => { window.__frames = []; let last = performance.now(); const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); }; window.__recording = true; requestAnimationFrame(tick); }");
        var box = (await page.Locator("g.el-note").First.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 30, box.Y + 30);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 630, box.Y + 330, new() { Steps = 60 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(500);
        var frames = await page.EvaluateAsync<double[]>("() => { window.__recording = false; return window.__frames.slice(1); }");
        var sorted = frames.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"frame times while dragging one note on a {elements}-element board ({sorted.Length} frames): p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, max {sorted[^1]:F1} ms; frames over 50 ms: {sorted.Count(f => f > 50)}"));
    }
}
