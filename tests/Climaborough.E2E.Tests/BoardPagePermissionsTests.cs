namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;

/// <summary>
/// Issue 17, trap 7, checked in Chromium: an observer's board does not look editable (disabled tools, one
/// notice saying why), and the lab's owner locks the board from the board itself.
/// </summary>
public sealed class BoardPagePermissionsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_observer_sees_disabled_tools_and_why_and_the_labs_owner_locks_the_board()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();

        // Maria's lab with a board; Ivan joins it as an observer (over REST: not what is tested here).
        using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
        using var ivanApi = await TestTokens.ClientAsync(node.Url, "ivan");
        using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Quiet streets", LabThemes.EnergyAndMobility, "Work before the public consultation.", LabVisibility.Private), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var boardCreated = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Vitosha boulevard", labId), BoardJson.Options, Ct);
        boardCreated.EnsureSuccessStatusCode();
        var boardId = (await boardCreated.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
        using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest("ivan", null, LabRole.Observer), BoardJson.Options, Ct);
        invited.EnsureSuccessStatusCode();
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        using var joined = await ivanApi.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct);
        joined.EnsureSuccessStatusCode();

        await using var mariaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await using var ivanContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var maria = await BoardUi.SignedInPageAsync(mariaContext, node.Url, "maria");
        var ivan = await BoardUi.SignedInPageAsync(ivanContext, node.Url, "ivan");
        var boardUrl = new Uri(node.Url, $"boards/{boardId}").ToString();

        await ivan.GotoAsync(boardUrl);
        await Expect(ivan.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("board-read-only")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Expect(ivan.GetByTestId("board-read-only")).ToContainTextAsync("You are an observer in this lab");
        await Expect(ivan.GetByTestId("tool-note")).ToBeDisabledAsync();
        await Expect(ivan.GetByRole(AriaRole.Button, new() { Name = "Green" })).ToBeDisabledAsync();
        await Expect(ivan.GetByTestId("zoom-fit")).ToBeEnabledAsync();
        await Expect(ivan.GetByTestId("board-lock")).ToHaveCountAsync(0);
        await ivan.GetByTestId("board-canvas").DblClickAsync(new() { Position = new() { X = 300, Y = 200 } });
        await Expect(ivan.GetByTestId("note-editor")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ivan, "board-observer-en-1366");
        await ivan.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(ivan, "board-observer-en-390");

        // Maria, the lab's owner, locks the board from its header; her own tools follow at once.
        await maria.GotoAsync(boardUrl);
        await Expect(maria.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-read-only")).ToHaveCountAsync(0);
        await maria.GetByTestId("board-lock").ClickAsync();
        await Expect(maria.GetByTestId("board-lock")).ToHaveTextAsync("Unlock the board", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("board-read-only")).ToContainTextAsync("This board is locked");
        await Expect(maria.GetByTestId("tool-note")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(maria, "board-locked-en-1366");

        // After a reload the lock is what the server says.
        await maria.ReloadAsync();
        await Expect(maria.GetByTestId("board-lock")).ToHaveTextAsync("Unlock the board", new() { Timeout = Timeout });
        await maria.GetByTestId("board-lock").ClickAsync();
        await Expect(maria.GetByTestId("board-lock")).ToHaveTextAsync("Lock the board", new() { Timeout = Timeout });
        await Expect(maria.GetByTestId("tool-note")).ToBeEnabledAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
