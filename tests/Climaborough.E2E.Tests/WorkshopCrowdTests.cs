namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Issue 13, "Done when": a workshop of 40 people. Elena moderates in her browser, Ivan takes part in his and Olga
/// watches in hers as an observer; 37 more members take part through their own live connections (accounts
/// registered through invitation links, the way people get them; each connection does what the app does: joins
/// the board, watches the workshop, adds a note in the private step, places a dot in the vote). The three
/// browsers see what 40 people make: 40 present, counters of 38 people's private notes and none of their text, all
/// 38 notes after the reveal, 38 voters, the results, and the minutes' attendance.
/// </summary>
public sealed class WorkshopCrowdTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BoardUi.Timeout;
    private const int Crowd = 37;
    private const string IvanIdea = "Benches in the shade of the plane trees";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forty_people_take_part_in_one_workshop_three_of_them_in_browsers()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        var pages = new Dictionary<string, IPage>();
        var contexts = new List<IBrowserContext>();
        var hubs = new List<HubConnection>();
        try
        {
            await node.WaitReadyAsync();

            // Maria's lab and board; Elena moderates, Ivan is a member, Olga observes, and 37 residents join as members.
            using var maria = await TestTokens.ClientAsync(node.Url, "maria");
            using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Safer school streets in Lyulin", LabThemes.EnergyAndMobility, "Residents, the school and the traffic department.", LabVisibility.Private), BoardJson.Options, Ct);
            created.EnsureSuccessStatusCode();
            var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
            using var boardCreated = await maria.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("School streets", labId), BoardJson.Options, Ct);
            boardCreated.EnsureSuccessStatusCode();
            var boardId = (await boardCreated.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;

            async Task JoinAsync(string user, LabRole role, CancellationToken ct)
            {
                using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options, ct);
                invited.EnsureSuccessStatusCode();
                var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, ct))!;
                using var api = await TestTokens.ClientAsync(node.Url, user);
                using var joined = await api.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, ct);
                joined.EnsureSuccessStatusCode();
            }

            await JoinAsync("elena", LabRole.Moderator, Ct);
            await JoinAsync("ivan", LabRole.Member, Ct);
            await JoinAsync("olga", LabRole.Observer, Ct);
            var crowd = Enumerable.Range(1, Crowd).Select(i => $"resident{i:D2}").ToArray();
            await Parallel.ForEachAsync(crowd, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (name, ct) =>
            {
                var password = name + "-secret-123";
                await Accounts.RegisterAsync(node.Url, "maria", name, password, ct);
                TestTokens.Registered[name] = password;
                await JoinAsync(name, LabRole.Member, ct);
            });

            // Elena prepared the workshop (the browser test of preparing it is WorkshopTests): three steps.
            using var elenaApi = await TestTokens.ClientAsync(node.Url, "elena");
            var sessions = $"api/labs/{labId}/sessions";
            using var createdSession = await elenaApi.PostAsJsonAsync(sessions, new CreateSessionRequest("Safer school streets", "What would make the way to school safe?", null, boardId,
                [new("Ideas on your own", null, 10, SessionStepKind.PrivateBrainstorm), new("Dot vote", null, 5, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]), BoardJson.Options, Ct);
            createdSession.EnsureSuccessStatusCode();
            var sessionId = (await createdSession.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Id;

            // The 37 take part over their own connections, as the app does: on the board, joined to the workshop (counted present).
            foreach (var name in crowd)
            {
                var hub = TestHubs.For(node.Url, name);
                hubs.Add(hub);
                await hub.StartAsync(Ct);
                await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, long.MaxValue, Ct);
                await hub.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), labId, sessionId, Ct);
            }

            foreach (var user in new[] { "elena", "ivan", "olga" })
            {
                var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
                contexts.Add(context);
                pages[user] = await BoardUi.SignedInPageAsync(context, node.Url, user);
                await pages[user].GotoAsync(new Uri(node.Url, $"boards/{boardId}?session={sessionId}").ToString());
            }

            var (elena, ivan, olga) = (pages["elena"], pages["ivan"], pages["olga"]);
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("workshop-present")).ToHaveTextAsync("Present: 40", new() { Timeout = Timeout });
            }

            await BrowserFixture.ScreenshotAsync(elena, "workshop-crowd-1-lobby-elena-en-1366");

            // The private brainstorm: Ivan in his browser and each resident over their connection add an idea.
            await elena.GetByTestId("cmd-start").ClickAsync();
            await Expect(ivan.GetByTestId("step-banner")).ToContainTextAsync("Ideas on your own", new() { Timeout = Timeout });
            await BoardUi.AddNoteAsync(ivan, IvanIdea);
            var acked = 0;
            await Task.WhenAll(hubs.Select((hub, i) => Task.Run(async () =>
            {
                var id = $"crowd-{i:D2}";
                var x = (i % 8) * 200;
                var y = 300 + ((i / 8) * 140);
                var result = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, new BoardEdit($"{crowd[i]}-tab", 1,
                    [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Note, x, y, 180, 120, 0, "#fff59d", $"Idea of {crowd[i]}: a crossing guard", null, null, null, string.Empty, default, default))]), Ct);
                if (result.Ok)
                {
                    Interlocked.Increment(ref acked);
                }
            }, Ct)));
            Assert.Equal(Crowd, acked);

            // Before the reveal, the others see how many notes each person has, never their text.
            await Expect(ivan.GetByTestId("private-counts")).ToContainTextAsync("resident37: 1 note", new() { Timeout = Timeout });
            await Expect(olga.GetByTestId("private-counts")).ToContainTextAsync("Ivan Georgiev: 1 note", new() { Timeout = Timeout });
            await Expect(olga.GetByTestId("private-counts")).ToContainTextAsync("resident01: 1 note");
            Assert.DoesNotContain("Idea of resident", await ivan.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(IvanIdea, await olga.ContentAsync(), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(olga, "workshop-crowd-2-private-olga-en-1366");

            // The reveal: all 38 ideas are on everyone's board.
            await elena.GetByTestId("private-reveal").ClickAsync();
            foreach (var p in pages.Values)
            {
                await Expect(p.GetByTestId("board-canvas")).ToContainTextAsync("Idea of resident37", new() { Timeout = Timeout });
                await Expect(p.GetByTestId("board-canvas")).ToContainTextAsync(IvanIdea, new() { Timeout = Timeout });
                await Expect(p.GetByTestId("board-canvas").Locator("g.el-note", new() { HasText = "Idea of resident" })).ToHaveCountAsync(Crowd, new() { Timeout = Timeout });
            }

            await BrowserFixture.ScreenshotAsync(ivan, "workshop-crowd-3-revealed-ivan-en-1366");

            // The vote: Elena starts it in her browser; the 37 each put one dot on Ivan's idea, Ivan two on one of theirs.
            await elena.GetByTestId("cmd-next").ClickAsync();
            await elena.GetByTestId("vote-start-button").ClickAsync(new() { Timeout = Timeout });
            await Expect(ivan.GetByTestId("vote-dots-left")).ToHaveTextAsync("3 of 3 dots left", new() { Timeout = Timeout });
            var voteId = await WaitForVoteAsync(elenaApi, $"{sessions}/{sessionId}");
            using var residentApi = await TestTokens.ClientAsync(node.Url, crowd[0]);
            var vote = (await residentApi.GetFromJsonAsync<VoteView>($"{sessions}/{sessionId}/votes/{voteId}", BoardJson.Options, Ct))!;
            var ivansItem = vote.Items.Single(item => item.Text.Contains(IvanIdea, StringComparison.Ordinal)).Id;
            var dots = 0;
            await Task.WhenAll(hubs.Select((hub, i) => Task.Run(async () =>
            {
                var answer = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, sessionId, voteId, new DotRequest($"r{i}-1", ivansItem), Ct);
                if (answer.Ok)
                {
                    Interlocked.Increment(ref dots);
                }
            }, Ct)));
            Assert.Equal(Crowd, dots);
            await BoardUi.PlaceDotAsync(ivan, "Idea of resident05");
            await Expect(elena.GetByTestId("vote-voters")).ToHaveTextAsync("38 people have voted so far", new() { Timeout = Timeout });
            await BrowserFixture.ScreenshotAsync(elena, "workshop-crowd-4-vote-elena-en-1366");

            await elena.GetByTestId("vote-close").ClickAsync();
            foreach (var p in pages.Values)
            {
                var first = p.GetByTestId("vote-results").Locator("li[data-rank='1']");
                await Expect(first).ToContainTextAsync(IvanIdea, new() { Timeout = Timeout });
                await Expect(first).ToContainTextAsync("37 dots");
                await Expect(p.GetByTestId("vote-results").Locator("li[data-rank='2']")).ToContainTextAsync("Idea of resident05");
            }

            await BrowserFixture.ScreenshotAsync(olga, "workshop-crowd-5-results-olga-en-1366");

            // The end: the minutes count 39 participants and the observer.
            await elena.GetByTestId("cmd-next").ClickAsync();
            await elena.GetByTestId("cmd-end").ClickAsync();
            await Expect(ivan.GetByTestId("workshop-ended")).ToBeVisibleAsync(new() { Timeout = Timeout });
            await elena.GotoAsync(new Uri(node.Url, $"labs/{labId}/sessions/{sessionId}").ToString());
            var minutes = elena.GetByTestId("workshop-minutes");
            await Expect(minutes.GetByTestId("minutes-top")).ToContainTextAsync(IvanIdea, new() { Timeout = Timeout });
            await Expect(minutes.GetByTestId("minutes-attendance")).ToContainTextAsync("39 participants", new() { Timeout = Timeout });
            await Expect(minutes.GetByTestId("minutes-attendance")).ToContainTextAsync("1 observer");
            await BrowserFixture.ScreenshotAsync(elena, "workshop-crowd-6-minutes-elena-en-1366");
        }
        catch
        {
            await BoardUi.ScreenshotEveryoneAsync(pages, "workshop-crowd-failed-");
            throw;
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }

            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>The id of the vote the moderator started in her browser, once the server has it.</summary>
    private static async Task<string> WaitForVoteAsync(HttpClient api, string session)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = (await api.GetFromJsonAsync<SessionView>(session, BoardJson.Options, Ct))!;
            if (view.VoteId is { } id)
            {
                return id;
            }

            Assert.True(DateTime.UtcNow < until, "the vote Elena started did not reach the server");
            await Task.Delay(200, Ct);
        }
    }
}
