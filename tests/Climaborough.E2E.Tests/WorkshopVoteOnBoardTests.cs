namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 13, dots on the board, in Chromium: Elena starts a vote on the notes of one frame from the vote panel;
/// Ivan places and removes his dots by clicking on the items themselves (the note outside the frame gets none);
/// after the close both see each item's dots and rank drawn on it, the tie marked as a tie. Screenshots of Ivan
/// voting and of the results. The workshop is prepared over REST (that is not what is tested here).
/// </summary>
public sealed class WorkshopVoteOnBoardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;
    private static readonly string[] Ideas = ["Benches in the shade", "A water fountain", "Bike racks"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ivan_votes_by_clicking_on_the_notes_of_a_frame_and_everyone_sees_the_dots_on_the_notes()
    {
        using var data = new TempFolder();
        var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path }, port: FreePorts.Next());
        var pages = new Dictionary<string, IPage>();
        var contexts = new List<IBrowserContext>();
        try
        {
            await node.WaitReadyAsync();
            using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
            using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Lyulin school street", LabThemes.EnergyAndMobility, "A safer way to school.", LabVisibility.Private), BoardJson.Options, Ct);
            created.EnsureSuccessStatusCode();
            var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
            using var boardCreated = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("School street", labId), BoardJson.Options, Ct);
            boardCreated.EnsureSuccessStatusCode();
            var boardId = (await boardCreated.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
            foreach (var (user, role) in new[] { ("elena", LabRole.Moderator), ("ivan", LabRole.Member) })
            {
                using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options, Ct);
                invited.EnsureSuccessStatusCode();
                var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
                using var api = await TestTokens.ClientAsync(node.Url, user);
                using var joined = await api.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct);
                joined.EnsureSuccessStatusCode();
            }

            using var elenaApi = await TestTokens.ClientAsync(node.Url, "elena");
            using var sessionCreated = await elenaApi.PostAsJsonAsync(
                $"api/labs/{labId}/sessions",
                new CreateSessionRequest("Which idea first?", "Choose what to try first.", null, boardId, [new SessionStepRequest("Dot vote", "Two dots each.", 15, SessionStepKind.Vote)]),
                BoardJson.Options,
                Ct);
            sessionCreated.EnsureSuccessStatusCode();
            var sessionId = (await sessionCreated.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Id;

            foreach (var user in new[] { "elena", "ivan" })
            {
                var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
                contexts.Add(context);
                pages[user] = await BoardUi.SignedInPageAsync(context, node.Url, user);
            }

            var elena = pages["elena"];
            var ivan = pages["ivan"];
            var workshopUrl = new Uri(node.Url, $"boards/{boardId}?session={sessionId}").ToString();

            // Elena puts three ideas on the board and a frame around the first two.
            await elena.GotoAsync(workshopUrl);
            foreach (var idea in Ideas)
            {
                await BoardUi.AddNoteAsync(elena, idea);
            }

            await elena.Locator("g.el", new() { HasText = Ideas[0] }).ClickAsync();
            await elena.Locator("g.el", new() { HasText = Ideas[1] }).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
            await elena.GetByTestId("tool-frame").ClickAsync();
            await Expect(elena.Locator("g.el-frame")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = Timeout });

            using var started = await elenaApi.PostAsJsonAsync($"api/labs/{labId}/sessions/{sessionId}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options, Ct);
            started.EnsureSuccessStatusCode();
            await ivan.GotoAsync(workshopUrl);
            await Expect(ivan.GetByTestId("vote-waiting")).ToBeVisibleAsync(new() { Timeout = Timeout });

            // The frame's choice says how many items it holds; the vote is on those two only.
            var scope = elena.GetByTestId("vote-scope");
            await Expect(scope.Locator("option[data-testid=vote-scope-frame]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Expect(scope.Locator("option[data-testid=vote-scope-frame]")).ToContainTextAsync("(2 items)");
            await scope.SelectOptionAsync(new SelectOptionValue { Index = await scope.Locator("option").CountAsync() - 1 });
            await elena.GetByTestId("vote-dots").FillAsync("2");
            await elena.GetByTestId("vote-max").FillAsync("2");
            await elena.GetByTestId("vote-start-button").ClickAsync();
            await Expect(elena.GetByTestId("vote-voters")).ToHaveTextAsync("0 people have voted so far", new() { Timeout = Timeout });

            // Ivan votes on the notes themselves.
            var ids = new List<string>();
            foreach (var idea in Ideas)
            {
                ids.Add((await ivan.Locator("g.el", new() { HasText = idea }).GetAttributeAsync("data-element-id", new() { Timeout = Timeout }))!);
            }

            await Expect(ivan.GetByTestId("vote-badge")).ToHaveCountAsync(2, new() { Timeout = Timeout });
            await Expect(ivan.Locator($"[data-testid=vote-badge][data-item='{ids[2]}']")).ToHaveCountAsync(0);
            var first = ivan.Locator($"[data-testid=vote-badge][data-item='{ids[0]}']");
            var second = ivan.Locator($"[data-testid=vote-badge][data-item='{ids[1]}']");
            await first.GetByTestId("vote-badge-add").ClickAsync();
            await Expect(first.GetByTestId("vote-badge-dot")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await first.GetByTestId("vote-badge-add").ClickAsync();
            await Expect(first.GetByTestId("vote-badge-dot")).ToHaveCountAsync(2, new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("vote-dots-left")).ToHaveTextAsync("0 of 2 dots left", new() { Timeout = Timeout });
            await Expect(second.GetByTestId("vote-badge-add")).ToHaveAttributeAsync("aria-disabled", "true");
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-dots-on-board-ivan-full-en-1366");

            // He takes one off the first and puts it on the second: a tie.
            await first.GetByTestId("vote-badge-dot").First.ClickAsync();
            await Expect(ivan.GetByTestId("vote-dots-left")).ToHaveTextAsync("1 of 2 dots left", new() { Timeout = Timeout });
            await second.GetByTestId("vote-badge-add").ClickAsync();
            await Expect(second.GetByTestId("vote-badge-dot")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("vote-dots-left")).ToHaveTextAsync("0 of 2 dots left", new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("vote-voters")).ToHaveTextAsync("1 person has voted so far", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-dots-on-board-ivan-en-1366");

            // Elena closes: each of the two carries one dot and rank 1, marked as a tie, for both of them.
            await elena.GetByTestId("vote-close").ClickAsync();
            foreach (var page in pages.Values)
            {
                await Expect(page.GetByTestId("vote-result-badge")).ToHaveCountAsync(2, new() { Timeout = Timeout });
                foreach (var id in ids.Take(2))
                {
                    var badge = page.Locator($"[data-testid=vote-result-badge][data-item='{id}']");
                    await Expect(badge).ToHaveAttributeAsync("data-tied", "true");
                    await Expect(badge.Locator("text")).ToHaveTextAsync("1 ● · #1, tie");
                }

                await Expect(page.GetByTestId("vote-badge")).ToHaveCountAsync(0);
            }

            await BrowserFixture.ScreenshotAsync(elena, "workshop-dots-on-board-results-elena-en-1366");
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-dots-on-board-results-ivan-en-1366");
        }
        catch
        {
            await BoardUi.ScreenshotEveryoneAsync(pages, "workshop-dots-failed-");

            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }

            await node.DisposeAsync();
        }
    }

}
