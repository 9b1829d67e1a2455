namespace Climaborough.E2E.Tests;

using System.Text.RegularExpressions;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>Steps people take in the app, shared by the browser tests.</summary>
internal static partial class BoardUi
{
    public const float Timeout = 30_000;

    /// <summary>Display names of the Development demo accounts.</summary>
    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        ["maria"] = "Maria Petrova",
        ["ivan"] = "Ivan Georgiev",
        ["elena"] = "Elena Dimitrova",
        ["giulia"] = "Giulia Rossi",
        ["olga"] = "Olga Novak",
        ["admin"] = "Platform admin",
    };

    /// <summary>Places one of the person's dots on the vote item whose text contains <paramref name="item"/>, and waits until their own dot shows.</summary>
    public static async Task PlaceDotAsync(IPage page, string item)
    {
        var row = page.GetByTestId("vote-items").Locator("li").Filter(new() { HasText = item });
        await row.GetByTestId("vote-plus").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(row.GetByTestId("vote-mine")).ToHaveTextAsync("●", new() { Timeout = Timeout });
    }

    /// <summary>Opens the app and signs in through the sign-in page with a demo account, as a person would.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowserContext context, Uri node, string user)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(node.ToString());

        // While the app starts it settles who is signed in and redraws the header: a click in that
        // moment can land on the button being replaced, so a person (and this test) clicks again. On a
        // loaded machine the sign-in page may also take longer than one wait to arrive after a click
        // that did land: every round first looks whether it is already there.
        var signIn = page.GetByTestId("sign-in");
        var userField = page.GetByLabel("User name or email");
        for (var attempt = 1; ; attempt++)
        {
            // The first load of the app (WebAssembly) in a new browser context is the slow one on a
            // loaded machine: it gets twice the usual time.
            await Assertions.Expect(signIn.Or(userField).First)
                .ToBeVisibleAsync(new() { Timeout = attempt == 1 ? 2 * Timeout : Timeout });
            if (await userField.IsVisibleAsync())
            {
                break;
            }
            try
            {
                await signIn.ClickAsync(new() { Timeout = 10_000 });
                await userField.WaitForAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
        await page.GetByLabel("User name or email").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(OidcSignIn.DemoPassword(user));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {DisplayNames[user]}", new() { Timeout = Timeout });

        // The header says "signed in" while the app is still on its sign-in callback: only after that does
        // the sign-in library take the person back to the page they came from (and, before that, the app
        // connects to the hub again as them). A link clicked in between is undone by that navigation (the
        // pilot list test clicked "Pilots" there under load and was taken back to the cities), so a person
        // and this helper go on once the app has left the callback.
        // (An assertion that reads the address again until it holds: waiting for a navigation event instead
        // missed the one that happened between reading the address and starting to wait.)
        await Assertions.Expect(page).Not.ToHaveURLAsync(CallbackAddress(), new() { Timeout = Timeout });
        return page;
    }

    /// <summary>
    /// JavaScript statements that draw a photo in the browser (sky, a street, a red car) as a JPEG named
    /// <c>corner.jpg</c> and put it in a <c>DataTransfer</c> named <c>dt</c>, for a test's paste or drop to hand over.
    /// </summary>
    public static string DrawnPhotoTransfer(int width, int height) =>
        $$"""
        const c = document.createElement("canvas"); c.width = {{width}}; c.height = {{height}};
        const g = c.getContext("2d");
        g.fillStyle = "#87ceeb"; g.fillRect(0, 0, {{width}}, {{height * 3 / 5}});
        g.fillStyle = "#555"; g.fillRect(0, {{height * 3 / 5}}, {{width}}, {{height - height * 3 / 5}});
        g.fillStyle = "#c62828"; g.fillRect({{width * 3 / 8}}, {{height * 7 / 10}}, {{width / 4}}, {{height * 3 / 20}});
        const blob = await new Promise((done) => c.toBlob(done, "image/jpeg", 0.9));
        const dt = new DataTransfer();
        dt.items.add(new File([blob], "corner.jpg", { type: "image/jpeg" }));
        """;

    [GeneratedRegex("^[a-z]+://[^/]+/authentication/")] // no options: Playwright refuses RegexOptions it cannot pass to the browser
    private static partial Regex CallbackAddress();

    /// <summary>Creates a board from the Boards page and waits for its page.</summary>
    public static async Task CreateBoardAsync(IPage page, Uri node, string title)
    {
        await page.GotoAsync(new Uri(node, "boards").ToString());
        await page.GetByTestId("board-title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create board" }).ClickAsync();
        await page.WaitForURLAsync("**/boards/b*", new() { Timeout = Timeout });
    }

    /// <summary>Adds a note with the toolbar, writes <paramref name="text"/>, and waits until it is on the canvas and saved.</summary>
    public static async Task AddNoteAsync(IPage page, string text)
    {
        await page.GetByTestId("tool-note").ClickAsync(new() { Timeout = Timeout });
        await page.GetByTestId("note-editor").FillAsync(text);
        await page.GetByTestId("note-editor").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("board-canvas")).ToContainTextAsync(text, new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
    }

    /// <summary>After a failure: a screenshot of every person's page, named <paramref name="prefix"/> + the person; pages already closed are skipped.</summary>
    public static async Task ScreenshotEveryoneAsync(IReadOnlyDictionary<string, IPage> pages, string prefix)
    {
        foreach (var (user, page) in pages)
        {
            try
            {
                await BrowserFixture.ScreenshotAsync(page, prefix + user);
            }
            catch (PlaywrightException)
            {
            }
        }
    }
}
