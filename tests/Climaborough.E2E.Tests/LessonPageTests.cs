namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Issue 7's "done when", in Chromium: a lesson written in Sofia's lab is found by a Bulgarian word
/// from Torino, read and adopted; and a discussion in the lab goes back and forth live, with the
/// mentioned person's bell counting.
/// </summary>
public sealed class LessonPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    [Fact]
    public async Task A_lesson_from_Sofia_is_found_read_and_adopted_from_Torino_and_replies_arrive_live()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
        var labId = await NetworkLabWithGiuliaAsync(node.Url);

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var giuliaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var giulia = await BoardUi.SignedInPageAsync(giuliaContext, node.Url, "giulia");

        // Maria (Sofia) publishes a lesson from her lab with the structured fields.
        await maria.GotoAsync(new Uri(node.Url, $"labs/{labId}").ToString());
        await maria.GetByTestId("publish-lesson-link").ClickAsync(new() { Timeout = Timeout });
        await maria.WaitForURLAsync("**/lessons/new?lab=*", new() { Timeout = Timeout });
        await maria.GetByTestId("lesson-title-input").FillAsync("Разделно събиране на отпадъците в кварталите", new() { Timeout = Timeout });
        await maria.GetByTestId("lesson-context-input").FillAsync("Жителите не знаеха къде са **контейнерите** за рециклиране.");
        await maria.GetByTestId("lesson-tried-input").FillAsync("A map of the containers and door-to-door visits.");
        await maria.GetByTestId("lesson-happened-input").FillAsync("Participation doubled in three months.");
        await maria.GetByTestId("lesson-differently-input").FillAsync("Start with the schools.");
        await Assertions.Expect(maria.GetByTestId("lesson-context-input-preview").Locator("strong")).ToHaveTextAsync("контейнерите", new() { Timeout = Timeout });
        await maria.GetByTestId("lesson-tags-input").FillAsync("recycling, schools");
        await maria.GetByTestId("lesson-visibility").SelectOptionAsync(nameof(LessonVisibility.Public));
        await maria.GetByTestId("publish-lesson").ClickAsync();
        await maria.WaitForURLAsync("**/lessons/s*", new() { Timeout = Timeout });
        await Assertions.Expect(maria.GetByTestId("lesson-title")).ToHaveTextAsync("Разделно събиране на отпадъците в кварталите", new() { Timeout = Timeout });

        // Giulia (Torino) searches the library with another form of the word, opens the lesson, adopts it.
        await giulia.GetByRole(AriaRole.Link, new() { Name = "Lessons learned" }).ClickAsync();
        await giulia.GetByTestId("lesson-search-text").FillAsync("отпадъци", new() { Timeout = Timeout });
        await giulia.GetByTestId("lesson-search-submit").ClickAsync();
        await Assertions.Expect(giulia.GetByTestId("lesson-result")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(giulia, "lesson-search-giulia");
        await giulia.GetByTestId("lesson-link").ClickAsync();
        await Assertions.Expect(giulia.GetByTestId("lesson-context").Locator("strong")).ToHaveTextAsync("контейнерите", new() { Timeout = Timeout });
        await giulia.GetByTestId("adopt-lesson").ClickAsync();
        await Assertions.Expect(giulia.GetByTestId("adopted-by").Locator("[data-city=torino]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(giulia, "lesson-adopted-giulia");

        // Seen from Sofia, after a reload: adopted by Torino.
        await maria.ReloadAsync();
        await Assertions.Expect(maria.GetByTestId("adopted-by").Locator("[data-city=torino]")).ToBeVisibleAsync(new() { Timeout = Timeout });

        // A discussion in the lab: Maria mentions Giulia; replies go back and forth without reloads.
        await maria.GotoAsync(new Uri(node.Url, $"labs/{labId}").ToString());
        await maria.GetByTestId("new-thread-title").FillAsync("Where do the textile containers go?", new() { Timeout = Timeout });
        await maria.GetByTestId("new-thread-body").FillAsync("Markets or schools? @giulia, how did Torino start?");
        await maria.GetByTestId("create-thread").ClickAsync();
        await maria.WaitForURLAsync("**/threads/t*", new() { Timeout = Timeout });
        await Assertions.Expect(giulia.GetByTestId("notification-count")).ToHaveTextAsync("1", new() { Timeout = Timeout });

        await giulia.GotoAsync(maria.Url);
        await Assertions.Expect(giulia.GetByTestId("post")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await maria.GetByTestId("reply-body").FillAsync("Schools first, I think.");
        await maria.GetByTestId("reply-submit").ClickAsync();
        await Assertions.Expect(giulia.GetByTestId("post")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Assertions.Expect(giulia.GetByTestId("post").Nth(1)).ToContainTextAsync("Schools first, I think.");

        await giulia.GetByTestId("reply-body").FillAsync("In Torino we began at the **markets**.");
        await giulia.GetByTestId("reply-submit").ClickAsync();
        await Assertions.Expect(maria.GetByTestId("post")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        await Assertions.Expect(maria.GetByTestId("post").Nth(2).GetByTestId("post-body").Locator("strong")).ToHaveTextAsync("markets", new() { Timeout = Timeout });
        await BrowserFixture.ScreenshotAsync(maria, "thread-live-maria");
    }

    /// <summary>Maria makes a network lab in Sofia and invites Giulia (Torino) as a member, who accepts.</summary>
    private static async Task<string> NetworkLabWithGiuliaAsync(Uri node)
    {
        using var mariaApi = await TestTokens.ClientAsync(node, "maria");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Кръгова София", LabThemes.WasteToCircularity, "Separate collection in the neighbourhoods.", LabVisibility.Network), BoardJson.Options);
        created.EnsureSuccessStatusCode();
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options))!.Summary.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("giulia", null, LabRole.Member), BoardJson.Options);
        invited.EnsureSuccessStatusCode();
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options))!;
        using var giuliaApi = await TestTokens.ClientAsync(node, "giulia");
        (await giuliaApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id })).EnsureSuccessStatusCode();
        return labId;
    }
}
