namespace Climaborough.E2E.Tests;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
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

    /// <summary>
    /// Issue 16: Maria pastes a photo into her reply; Ivan, a member, sees it inline (loaded) with the attachment listed;
    /// Olga, outside the lab, and nobody signed in are refused its address; a file over the limit says so next to the control.
    /// </summary>
    [Fact]
    public async Task An_image_pasted_into_a_reply_shows_inline_for_another_member_and_not_for_an_outsider()
    {
        var node = await sharedNode.NodeAsync();
        var ct = TestContext.Current.CancellationToken;
        using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Vitosha corner " + Guid.NewGuid().ToString("N")[..6], LabThemes.EnergyAndMobility, "Before the redesign.", LabVisibility.Private), BoardJson.Options, ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, ct))!.Summary.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, ct);
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, ct))!;
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        (await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, ct)).EnsureSuccessStatusCode();
        using var thread = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/threads", new CreateThreadRequest("The corner before the works", "What should stay?"), BoardJson.Options, ct);
        var threadId = (await thread.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, ct))!.Summary.Id;
        var threadUrl = new Uri(node.Url, $"labs/{labId}/threads/{threadId}").ToString();

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");
        await maria.GotoAsync(threadUrl);
        await ivan.GotoAsync(threadUrl);
        await Expect(ivan.GetByTestId("post")).ToHaveCountAsync(1, new() { Timeout = Timeout });

        // Maria pastes a photo (drawn by the browser: sky, street, a red car) into her reply, and writes around it.
        var reply = maria.GetByTestId("reply-body");
        await reply.FillAsync("The corner this morning:");
        await reply.EvaluateAsync(
            $$"""
            async (area) => {
              {{BoardUi.DrawnPhotoTransfer(640, 360)}}
              area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
            }
            """);
        await Expect(maria.GetByTestId("reply-attachments")).ToContainTextAsync("corner.jpg", new() { Timeout = Timeout });
        await Expect(reply).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($@"The corner this morning:\s+!\[corner\.jpg\]\(/api/labs/{labId}/files/f[0-9a-f]+\)"));
        await maria.GetByTestId("reply-submit").ClickAsync();

        // Ivan sees it arrive: inline, loaded by his browser, with its alt text, and listed under the post.
        var image = ivan.GetByTestId("inline-image");
        await Expect(image).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(image).ToHaveAttributeAsync("alt", "corner.jpg");
        await ivan.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=inline-image]'); return i && i.complete && i.naturalWidth === 640; }", null, new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("post").Nth(1).GetByTestId("attachments")).ToContainTextAsync("corner.jpg");
        await Expect(ivan.GetByTestId("post").Nth(1).GetByTestId("attachments")).ToContainTextAsync("Maria Petrova");

        // The address in the post is the node's own file route: Olga (no member) and nobody signed in are refused it.
        var post = (await ivanApi.GetFromJsonAsync<ThreadView>($"api/labs/{labId}/threads/{threadId}", BoardJson.Options, ct))!.Posts[^1];
        var address = System.Text.RegularExpressions.Regex.Match(post.Html, "src=\"(/api/labs/[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith($"/api/labs/{labId}/files/", address, StringComparison.Ordinal);
        using var olgaApi = await TestTokens.ClientAsync(node.Url, "olga");
        using var anyone = new HttpClient { BaseAddress = node.Url };
        foreach (var outsider in new[] { olgaApi, anyone })
        {
            using var refused = await outsider.GetAsync(address.TrimStart('/'), ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            using var details = await outsider.GetAsync($"api/labs/{labId}/files/{post.Attachments![0].FileId}", ct);
            Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        }

        // A file over the 25 MB limit is refused next to the control, naming it and the limit; nothing is sent.
        await reply.EvaluateAsync(
            """
            (area) => {
              const dt = new DataTransfer();
              dt.items.add(new File([new Uint8Array(26 * 1024 * 1024)], "drone survey.pdf", { type: "application/pdf" }));
              area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
            }
            """);
        await Expect(maria.GetByTestId("upload-error")).ToHaveTextAsync("drone survey.pdf was not uploaded: it is larger than the limit of 25 MB.", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(maria, "attachments-refused-en-1366");

        foreach (var (language, width) in new[] { ("en", 1366), ("en", 390), ("bg", 390), ("bg", 1366) })
        {
            if (language == "bg" && await ivan.GetByTestId("language-switch").InputValueAsync() != "bg")
            {
                await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
                await Expect(ivan.GetByTestId("post").Nth(1).GetByTestId("attachments")).ToHaveAttributeAsync("aria-label", "Прикачени файлове", new() { Timeout = Timeout });
                await ivan.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=inline-image]'); return i && i.complete && i.naturalWidth === 640; }", null, new() { Timeout = Timeout });
            }

            await ivan.SetViewportSizeAsync(width, width > 1000 ? 900 : 844);
            await BrowserFixture.ScreenshotAsync(ivan, $"attachments-inline-{language}-{width}");
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
