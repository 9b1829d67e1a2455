namespace Climaborough.E2E.Tests;

using System.Globalization;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 13 in Chromium: Elena (moderator) prepares a four-step workshop on a lab board in the browser and runs
/// it with three participants in their own browsers, one of them an observer: a private brainstorm (the others
/// see only counters until she reveals), clustering with the node restarted while the step's timer runs (the
/// countdown goes on from the server's end instant), a dot vote the observer cannot take part in, the results,
/// the end, the minutes, and a lesson drafted from them, published and found in the library. Screenshots of each
/// step at 1366 px, and of the workshop bar and the minutes at 390 px and in Bulgarian.
/// </summary>
public sealed class WorkshopTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;
    private const string IvanIdea = "Shade trees along the market street";
    private const string GiuliaIdea = "A drinking fountain by the school";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Elena_runs_a_four_step_workshop_with_a_private_brainstorm_a_restart_a_vote_and_a_lesson_from_the_minutes()
    {
        using var data = new TempFolder();
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path };
        var node = NodeProcess.Start(settings, port: port);
        var pages = new Dictionary<string, IPage>();
        var contexts = new List<IBrowserContext>();
        try
        {
            await node.WaitReadyAsync();

            // Maria's lab with a board; Elena moderates, Ivan and Giulia are members, Olga observes (over REST: not what is tested here).
            using var mariaApi = await TestTokens.ClientAsync(node.Url, "maria");
            using var created = await mariaApi.PostAsJsonAsync("api/labs", new CreateLabRequest("Lyulin green square", LabThemes.EnergyAndMobility, "Redesigning the square with the neighbours.", LabVisibility.Private), BoardJson.Options, Ct);
            created.EnsureSuccessStatusCode();
            var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
            using var boardCreated = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Lyulin square", labId), BoardJson.Options, Ct);
            boardCreated.EnsureSuccessStatusCode();
            var boardId = (await boardCreated.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
            foreach (var (user, role) in new[] { ("elena", LabRole.Moderator), ("ivan", LabRole.Member), ("giulia", LabRole.Member), ("olga", LabRole.Observer) })
            {
                using var invited = await mariaApi.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options, Ct);
                invited.EnsureSuccessStatusCode();
                var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
                using var api = await TestTokens.ClientAsync(node.Url, user);
                using var joined = await api.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct);
                joined.EnsureSuccessStatusCode();
            }

            foreach (var user in new[] { "elena", "ivan", "giulia", "olga" })
            {
                var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
                contexts.Add(context);
                pages[user] = await BoardUi.SignedInPageAsync(context, node.Url, user);
            }

            var elena = pages["elena"];
            var ivan = pages["ivan"];
            var giulia = pages["giulia"];
            var olga = pages["olga"];
            var participants = new[] { ivan, giulia, olga };

            // Elena prepares the workshop on the lab's page: four steps on the lab's board.
            await elena.GotoAsync(new Uri(node.Url, $"labs/{labId}").ToString());
            var form = elena.GetByTestId("new-workshop");
            await form.Locator("summary").ClickAsync(new() { Timeout = Timeout });
            await form.GetByTestId("workshop-title").FillAsync("Lyulin square: what do we want?");
            await form.GetByTestId("workshop-purpose").FillAsync("Ideas from the neighbours for the **square** before the architects start.");
            await form.GetByTestId("workshop-board").SelectOptionAsync(boardId);
            var agenda = new[]
            {
                ("Ideas on your own", nameof(SessionStepKind.PrivateBrainstorm), "5", "One idea per note; nobody sees them until the reveal."),
                ("Group the ideas", nameof(SessionStepKind.Cluster), "10", "Put ideas that belong together side by side."),
                ("Dot vote", nameof(SessionStepKind.Vote), "5", "Three dots each, one per idea."),
                ("Wrap-up", nameof(SessionStepKind.WrapUp), "5", "What we do next."),
            };
            for (var i = 0; i < agenda.Length; i++)
            {
                if (i > 0)
                {
                    await form.GetByTestId("add-step").ClickAsync();
                }

                var step = form.GetByTestId("workshop-step").Nth(i);
                await step.GetByTestId("step-title").FillAsync(agenda[i].Item1);
                await step.GetByTestId("step-kind").SelectOptionAsync(agenda[i].Item2);
                await step.GetByTestId("step-minutes").FillAsync(agenda[i].Item3);
                await step.GetByTestId("step-instructions").FillAsync(agenda[i].Item4);
            }

            await BrowserFixture.ScreenshotAsync(elena, "workshop-1-prepare-en-1366");
            await form.GetByTestId("create-workshop").ClickAsync();
            await elena.WaitForURLAsync("**/sessions/*", new() { Timeout = Timeout });
            var sessionId = elena.Url.Split('/')[^1];
            await Expect(elena.GetByTestId("session-agenda").Locator("li")).ToHaveCountAsync(4, new() { Timeout = Timeout });

            // Everyone opens the board in workshop mode and waits in the lobby.
            await elena.GetByTestId("open-workshop-board").ClickAsync();
            await elena.WaitForURLAsync($"**/boards/{boardId}?session={sessionId}", new() { Timeout = Timeout });
            var workshopUrl = elena.Url;
            foreach (var p in participants)
            {
                await p.GotoAsync(workshopUrl);
                await Expect(p.GetByTestId("workshop-lobby")).ToContainTextAsync("Ideas on your own", new() { Timeout = Timeout });
            }

            await Expect(elena.GetByTestId("workshop-present")).ToHaveTextAsync("Present: 4", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-2-lobby-ivan-en-1366");

            // Step 1, private brainstorm: each member adds a note; the others see only how many.
            await elena.GetByTestId("cmd-start").ClickAsync();
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("step-banner")).ToContainTextAsync("Ideas on your own", new() { Timeout = Timeout });
            }

            await BoardUi.AddNoteAsync(ivan, IvanIdea);
            await BoardUi.AddNoteAsync(giulia, GiuliaIdea);
            await Expect(ivan.GetByTestId("private-counts")).ToContainTextAsync("Giulia Rossi: 1 note", new() { Timeout = Timeout });
            await Expect(giulia.GetByTestId("private-counts")).ToContainTextAsync("Ivan Georgiev: 1 note", new() { Timeout = Timeout });
            await Expect(olga.GetByTestId("private-counts")).ToContainTextAsync("Ivan Georgiev: 1 note", new() { Timeout = Timeout });
            await Expect(olga.GetByTestId("private-counts")).ToContainTextAsync("Giulia Rossi: 1 note");
            await Expect(ivan.GetByTestId("private-mine")).ToContainTextAsync(IvanIdea);
            await Expect(elena.GetByTestId("private-mine")).ToContainTextAsync(IvanIdea, new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("private-mine")).ToContainTextAsync(GiuliaIdea, new() { Timeout = Timeout });
            await Expect(ivan.Locator("body")).Not.ToContainTextAsync(GiuliaIdea);
            await Expect(giulia.Locator("body")).Not.ToContainTextAsync(IvanIdea);
            await Expect(olga.Locator("body")).Not.ToContainTextAsync(IvanIdea);
            await Expect(olga.Locator("body")).Not.ToContainTextAsync(GiuliaIdea);
            Assert.DoesNotContain(GiuliaIdea, await ivan.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(IvanIdea, await olga.ContentAsync(), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(elena, "workshop-3-private-elena-en-1366");
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-3-private-ivan-en-1366");
            await BrowserFixture.ScreenshotAsync(olga, "workshop-3-private-olga-en-1366");

            // Elena reveals: everyone has both notes on the board.
            await elena.GetByTestId("private-reveal").ClickAsync();
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("board-canvas")).ToContainTextAsync(IvanIdea, new() { Timeout = Timeout });
                await Expect(p.GetByTestId("board-canvas")).ToContainTextAsync(GiuliaIdea, new() { Timeout = Timeout });
            }

            await BrowserFixture.ScreenshotAsync(olga, "workshop-4-revealed-olga-en-1366");

            // Step 2, clustering, and the node restarts while its timer runs.
            await elena.GetByTestId("cmd-next").ClickAsync();
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("step-banner")).ToContainTextAsync("Group the ideas", new() { Timeout = Timeout });
            }

            using var elenaApi = await TestTokens.ClientAsync(node.Url, "elena");
            var running = (await elenaApi.GetFromJsonAsync<SessionView>($"api/labs/{labId}/sessions/{sessionId}", BoardJson.Options, Ct))!;
            Assert.Equal(SessionPhase.Running, running.Phase);
            var endsAt = running.EndsAt!.Value;
            await BrowserFixture.ScreenshotAsync(giulia, "workshop-5-cluster-giulia-en-1366");

            await node.DisposeAsync();
            node = NodeProcess.Start(settings, port: port);
            await node.WaitReadyAsync();
            using var elenaAgain = await TestTokens.ClientAsync(node.Url, "elena");
            var restarted = (await elenaAgain.GetFromJsonAsync<SessionView>($"api/labs/{labId}/sessions/{sessionId}", BoardJson.Options, Ct))!;
            Assert.Equal(endsAt, restarted.EndsAt);
            Assert.Equal(1, restarted.CurrentStep);

            // Reconnected (the presence is counted again by the new node), the countdown goes on from the same end.
            await Expect(elena.GetByTestId("workshop-present")).ToHaveTextAsync("Present: 4", new() { Timeout = 2 * Timeout });
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("sync-state")).ToHaveTextAsync("All changes saved", new() { Timeout = 2 * Timeout });
                await AssertCountdownFollowsAsync(p, endsAt);
            }

            // Elena adds a minute after the restart: everyone's countdown moves to the server's new end.
            await elena.GetByTestId("cmd-extend-1").ClickAsync();
            var extended = await WaitForEndsAtAsync(elenaAgain, labId, sessionId, endsAt);
            Assert.Equal(endsAt.AddMinutes(1), extended);
            foreach (var p in pages.Values)
            {
                await AssertCountdownFollowsAsync(p, extended);
            }

            await BrowserFixture.ScreenshotAsync(ivan, "workshop-6-after-restart-ivan-en-1366");

            // The workshop bar at a phone's width, in English and in Bulgarian.
            await ivan.SetViewportSizeAsync(390, 844);
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-bar-ivan-en-390");
            await elena.SetViewportSizeAsync(390, 844);
            await BrowserFixture.ScreenshotAsync(elena, "workshop-bar-elena-en-390");
            await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
            await Expect(ivan.GetByTestId("workshop-present")).ToHaveTextAsync("Присъстват: 4", new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("step-banner")).ToContainTextAsync("Group the ideas", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-bar-ivan-bg-390");
            await ivan.SetViewportSizeAsync(1366, 900);
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-bar-ivan-bg-1366");
            await ivan.GetByTestId("language-switch").SelectOptionAsync("en");
            await Expect(ivan.GetByTestId("step-banner")).ToContainTextAsync("Group the ideas", new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("workshop-present")).ToHaveTextAsync("Present: 4", new() { Timeout = Timeout }); // the reloaded page joined again
            await elena.SetViewportSizeAsync(1366, 900);

            // Step 3, the vote: the members place dots, the observer cannot.
            await elena.GetByTestId("cmd-next").ClickAsync();
            await elena.GetByTestId("vote-start-button").ClickAsync(new() { Timeout = Timeout });
            foreach (var p in new[] { ivan, giulia })
            {
                await Expect(p.GetByTestId("vote-dots-left")).ToHaveTextAsync("3 of 3 dots left", new() { Timeout = Timeout });
            }

            await Expect(olga.GetByTestId("vote-observer")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Expect(olga.GetByTestId("vote-items").Locator("li")).ToHaveCountAsync(2);
            await Expect(olga.GetByTestId("vote-plus")).ToHaveCountAsync(0);
            await Expect(olga.GetByTestId("vote-dots-left")).ToHaveCountAsync(0);

            await BoardUi.PlaceDotAsync(ivan, GiuliaIdea);
            await BoardUi.PlaceDotAsync(ivan, IvanIdea);
            await Expect(ivan.GetByTestId("vote-dots-left")).ToHaveTextAsync("1 of 3 dots left", new() { Timeout = Timeout });
            await BoardUi.PlaceDotAsync(giulia, GiuliaIdea);
            await Expect(giulia.GetByTestId("vote-dots-left")).ToHaveTextAsync("2 of 3 dots left", new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("vote-voters")).ToHaveTextAsync("2 people have voted so far", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-7-vote-ivan-en-1366");
            await BrowserFixture.ScreenshotAsync(olga, "workshop-7-vote-olga-en-1366");

            // Results: the fountain first with two dots, for everyone.
            await elena.GetByTestId("vote-close").ClickAsync();
            foreach (var p in pages.Values)
            {
                var first = p.GetByTestId("vote-results").Locator("li[data-rank='1']");
                await Expect(first).ToContainTextAsync(GiuliaIdea, new() { Timeout = Timeout });
                await Expect(first).ToContainTextAsync("2 dots");
                await Expect(p.GetByTestId("vote-results").Locator("li[data-rank='2']")).ToContainTextAsync(IvanIdea);
            }

            await BrowserFixture.ScreenshotAsync(elena, "workshop-8-results-elena-en-1366");

            // Step 4, wrap-up, then Elena ends the workshop.
            await elena.GetByTestId("cmd-next").ClickAsync();
            await Expect(ivan.GetByTestId("step-banner")).ToContainTextAsync("Wrap-up", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(elena, "workshop-9-wrap-up-elena-en-1366");
            await elena.GetByTestId("cmd-end").ClickAsync();
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("workshop-ended")).ToBeVisibleAsync(new() { Timeout = Timeout });
            }

            // The minutes on the workshop's page, with the top item and Elena's decision.
            await elena.GotoAsync(new Uri(node.Url, $"labs/{labId}/sessions/{sessionId}").ToString());
            var minutes = elena.GetByTestId("workshop-minutes");
            await Expect(minutes.GetByTestId("minutes-top")).ToContainTextAsync(GiuliaIdea, new() { Timeout = Timeout });
            await Expect(minutes.GetByTestId("minutes-agenda").Locator("li")).ToHaveCountAsync(4);
            await minutes.GetByTestId("minutes-decisions-input").FillAsync("Ask the district for **two fountains** by the summer.");
            await minutes.GetByTestId("minutes-decisions-save").ClickAsync();
            await Expect(minutes.GetByTestId("minutes-decisions").Locator("strong")).ToHaveTextAsync("two fountains", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(elena, "workshop-10-minutes-elena-en-1366");

            // Ivan reads the minutes in Bulgarian on a phone.
            await ivan.GotoAsync(new Uri(node.Url, $"labs/{labId}/sessions/{sessionId}").ToString());
            await Expect(ivan.GetByTestId("workshop-minutes").GetByTestId("minutes-top")).ToContainTextAsync(GiuliaIdea, new() { Timeout = Timeout });
            await ivan.SetViewportSizeAsync(390, 844);
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-minutes-ivan-en-390");
            await ivan.GetByTestId("language-switch").SelectOptionAsync("bg");
            await Expect(ivan.GetByTestId("workshop-minutes").GetByRole(AriaRole.Heading, new() { Name = "Протокол" })).ToBeVisibleAsync(new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(ivan, "workshop-minutes-ivan-bg-390");

            // Elena drafts the lesson from the minutes, publishes it, and finds it in the library.
            await minutes.GetByTestId("minutes-draft-lesson").ClickAsync();
            await elena.WaitForURLAsync("**/lessons/new?*", new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("lesson-drafted-from")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("lesson-happened-input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("drinking fountain"), new() { Timeout = Timeout });
            await Expect(elena.GetByTestId("lesson-happened-input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("two fountains"));
            await Expect(elena.GetByTestId("lesson-tried-input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Dot vote"));
            await elena.GetByTestId("lesson-title-input").FillAsync("Neighbours choose a fountain for Lyulin square");
            await elena.GetByTestId("lesson-differently-input").FillAsync("Give the private brainstorm more time.");
            await BrowserFixture.ScreenshotAsync(elena, "workshop-11-lesson-draft-elena-en-1366");
            await elena.GetByTestId("publish-lesson").ClickAsync();
            await Expect(elena.GetByTestId("lesson-title")).ToHaveTextAsync("Neighbours choose a fountain for Lyulin square", new() { Timeout = Timeout });
            await elena.GetByRole(AriaRole.Link, new() { Name = "Lessons learned" }).ClickAsync();
            await elena.GetByTestId("lesson-search-text").FillAsync("fountain", new() { Timeout = Timeout });
            await elena.GetByTestId("lesson-search-submit").ClickAsync();
            await Expect(elena.GetByTestId("lesson-result").Filter(new() { HasText = "Neighbours choose a fountain for Lyulin square" })).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(elena, "workshop-12-library-elena-en-1366");
        }
        catch
        {
            await BoardUi.ScreenshotEveryoneAsync(pages, "workshop-failed-");

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


    /// <summary>Waits until the server's end instant of the running step moves past <paramref name="before"/>.</summary>
    private static async Task<DateTimeOffset> WaitForEndsAtAsync(HttpClient api, string labId, string sessionId, DateTimeOffset before)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = (await api.GetFromJsonAsync<SessionView>($"api/labs/{labId}/sessions/{sessionId}", BoardJson.Options, Ct))!;
            if (view.EndsAt is { } end && end != before)
            {
                return end;
            }

            Assert.True(DateTime.UtcNow < until, "the +1 min did not reach the server");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>
    /// The countdown a page shows is the time from now to the server's end instant: read between two moments of
    /// this machine's clock, it lies between what is left at the later and at the earlier one (a second either way
    /// for the once-a-second tick and the rounding up). Waits until it does: a page may still be catching up.
    /// </summary>
    private static async Task AssertCountdownFollowsAsync(IPage page, DateTimeOffset endsAt)
    {
        var until = DateTime.UtcNow.AddSeconds(Timeout / 1000);
        var countdown = page.GetByTestId("countdown");
        while (true)
        {
            var before = DateTimeOffset.UtcNow;
            var text = (await countdown.TextContentAsync(new() { Timeout = Timeout }))?.Trim() ?? string.Empty;
            var after = DateTimeOffset.UtcNow;
            var parts = text.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                var shown = (m * 60) + s;
                var lowest = (endsAt - after).TotalSeconds - 2;
                var highest = (endsAt - before).TotalSeconds + 2;
                if (shown >= lowest && shown <= highest)
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < until, $"the countdown shows {text}, but the server's step ends at {endsAt:O} ({lowest:0}–{highest:0} s from now)");
            }
            else
            {
                Assert.True(DateTime.UtcNow < until, $"the countdown shows '{text}'");
            }

            await Task.Delay(250, Ct);
        }
    }
}
