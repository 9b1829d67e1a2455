namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>Issue 16 in Chromium: Maria drops a photo onto her lab's board; Ivan, a member, sees it appear live and it loads for him.</summary>
public sealed class BoardImageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_photo_a_member_drops_onto_the_board_appears_live_for_another_member()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();

        // Maria's lab with a board, Ivan a member (over REST: not what is tested here).
        using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Vitosha street corner", LabThemes.EnergyAndMobility, "Photos of the corner before the redesign.", LabVisibility.Private), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var boardCreated = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Street corner", labId), BoardJson.Options, Ct);
        boardCreated.EnsureSuccessStatusCode();
        var boardId = (await boardCreated.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, Ct);
        invited.EnsureSuccessStatusCode();
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        using var joined = await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct);
        joined.EnsureSuccessStatusCode();

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");
        var boardUrl = new Uri(node.Url, $"boards/{boardId}").ToString();
        await maria.GotoAsync(boardUrl);
        await ivan.GotoAsync(boardUrl);
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("tool-image")).ToBeEnabledAsync(new() { Timeout = Timeout });

        // Maria drops a photo (a JPEG the browser draws: sky, a street, a red car) in the middle of the canvas.
        await maria.GetByTestId("board-canvas").EvaluateAsync(
            $$"""
            async (svg) => {
              {{BoardUi.DrawnPhotoTransfer(800, 600)}}
              const r = svg.getBoundingClientRect();
              const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, dataTransfer: dt };
              svg.dispatchEvent(new DragEvent("dragover", at));
              svg.dispatchEvent(new DragEvent("drop", at));
            }
            """);

        // Ivan sees it live, as an image named by the file, and his browser loads it.
        var image = ivan.GetByTestId("board-image");
        await Expect(image).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(image).ToHaveAttributeAsync("aria-label", "corner.jpg", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("image-uploads")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        var loaded = await image.EvaluateAsync<int>("async (el) => (await fetch(el.getAttribute('href'))).status");
        Assert.Equal(200, loaded);
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

        // The element is on the board for good: the board's JSON names the file.
        var export = await ivanApi.GetStringAsync(new Uri($"api/boards/{boardId}/export.json", UriKind.Relative), Ct);
        var fileId = await image.GetAttributeAsync("data-file");
        Assert.Contains($"\"fileRef\":\"{fileId}\"", export, StringComparison.Ordinal);

        await BrowserFixture.ScreenshotAsync(ivan, "board-image-ivan-1366");
        await ivan.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(ivan, "board-image-ivan-390");
        await BrowserFixture.ScreenshotAsync(maria, "board-image-maria-1366");
    }
}
