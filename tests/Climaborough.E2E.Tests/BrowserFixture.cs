[assembly: Xunit.AssemblyFixture(typeof(Climaborough.E2E.Tests.BrowserShutdown))]

namespace Climaborough.E2E.Tests;

using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (never Playwright's own browser download). One browser
/// process serves the whole test run: each test class gets it through this class fixture and makes its own
/// contexts (isolated like separate browsers: own cookies, storage and cache), so launching Chromium is paid
/// once, not once per class. A browser that died is launched again for the next class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? shared;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not { IsConnected: true })
            {
                shared = await LaunchAsync();
            }

            Browser = shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The browser stays for the next class; <see cref="BrowserShutdown"/> closes it after the last test.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Saves a screenshot with the test results and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepoPaths.ResultsFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not installed at {executable}: run ./test.sh, which installs Debian's chromium package.");
        }

        if (shared is not null)
        {
            await shared.DisposeAsync();
        }

        playwright ??= await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Closes the shared browser (see <see cref="BrowserShutdown"/>).</summary>
    internal static async ValueTask CloseSharedAsync()
    {
        if (shared is not null)
        {
            await shared.DisposeAsync();
            shared = null;
        }

        playwright?.Dispose();
        playwright = null;
    }
}

/// <summary>An assembly fixture: closes the shared browser once every test of the assembly has run.</summary>
public sealed class BrowserShutdown : IAsyncDisposable
{
    public ValueTask DisposeAsync() => BrowserFixture.CloseSharedAsync();
}
