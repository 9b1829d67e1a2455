namespace Climaborough.Server.Tests.Sessions;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Workshops over a real node: Elena (moderator) prepares and runs one in the private lab, Ivan (member)
/// watches it live, Olga (another city, not in the lab) hears only "not found". A node of its own, since
/// one test removes Giulia from the lab.
/// </summary>
public sealed class SessionsTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    private static CreateSessionRequest Lyulin(string? boardId = null) => new(
        "Safer school streets in Lyulin",
        "Make the way to school **safe**.",
        DateTimeOffset.UtcNow.AddDays(1),
        boardId,
        [new("Welcome", "Who is here", 5, SessionStepKind.Present), new("Ideas", "One idea per note", 10, SessionStepKind.Brainstorm), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]);

    private async Task<SessionView> CreateAsync(string user = "elena")
    {
        using var http = await lab.As(user);
        using var created = await http.PostAsJsonAsync(Sessions, Lyulin(lab.BoardId), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
    }

    private async Task<HttpResponseMessage> ControlAsync(string user, string sessionId, SessionControlRequest request)
    {
        using var http = await lab.As(user);
        return await http.PostAsJsonAsync($"{Sessions}/{sessionId}/control", request, BoardJson.Options, Ct);
    }

    [Fact]
    public async Task A_moderator_prepares_a_workshop_that_readers_list_and_open()
    {
        var session = await CreateAsync();
        Assert.Equal(SessionPhase.Scheduled, session.Phase);
        Assert.Equal(lab.BoardId, session.BoardId);
        Assert.Contains("<strong>safe</strong>", session.PurposeHtml, StringComparison.Ordinal);

        using var ivan = await lab.As("ivan");
        var list = (await ivan.GetFromJsonAsync<SessionSummary[]>(Sessions, BoardJson.Options, Ct))!;
        Assert.Contains(list, s => s.Id == session.Id && s.StepCount == 3);
        var opened = (await ivan.GetFromJsonAsync<SessionView>($"{Sessions}/{session.Id}", BoardJson.Options, Ct))!;
        Assert.Equal(["Welcome", "Ideas", "Wrap-up"], opened.Steps.Select(s => s.Title));
        var home = (await ivan.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.Contains(home.Contents, c => c.Kind == "session" && c.Id == session.Id);
    }

    [Fact]
    public async Task Members_may_not_prepare_or_run_and_outsiders_get_exactly_a_missing_sessions_answer()
    {
        var session = await CreateAsync();

        using var ivan = await lab.As("ivan");
        using var made = await ivan.PostAsJsonAsync(Sessions, Lyulin(), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, made.StatusCode);
        using var run = await ControlAsync("ivan", session.Id, new SessionControlRequest(SessionCommand.Start));
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);

        using var anonymous = await lab.As("anonymous");
        using var anonymousRun = await anonymous.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRun.StatusCode);

        using var olga = await lab.As("olga");
        var missing = "snosuchsession";
        using var seen = await olga.GetAsync(new Uri($"{Sessions}/{session.Id}", UriKind.Relative), Ct);
        using var absent = await olga.GetAsync(new Uri($"{Sessions}/{missing}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        static string Problem(string json, string id)
        {
            var problem = System.Text.Json.JsonDocument.Parse(json).RootElement;
            return $"{problem.GetProperty("status")} {problem.GetProperty("title")} {problem.GetProperty("detail").GetString()!.Replace(id, "ID", StringComparison.Ordinal)}";
        }

        Assert.Equal(Problem(await absent.Content.ReadAsStringAsync(Ct), missing), Problem(await seen.Content.ReadAsStringAsync(Ct), session.Id));
        using var olgaRun = await ControlAsync("olga", session.Id, new SessionControlRequest(SessionCommand.Start));
        Assert.Equal(HttpStatusCode.NotFound, olgaRun.StatusCode);

        await using var hub = lab.Hub("olga");
        await hub.StartAsync(Ct);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), lab.LabId, session.Id, Ct));
        Assert.Contains(ErrorCodes.NotFound, refused.Message, StringComparison.Ordinal);

        // Nothing changed for who may see it.
        Assert.Equal(SessionPhase.Scheduled, (await ivan.GetFromJsonAsync<SessionView>($"{Sessions}/{session.Id}", BoardJson.Options, Ct))!.Phase);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        using var elena = await lab.As("elena");
        using var noSteps = await elena.PostAsJsonAsync(Sessions, Lyulin() with { Steps = [] }, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noSteps.StatusCode);
        Assert.Contains("steps", await noSteps.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var numeric = await elena.PostAsync(new Uri($"{Sessions}/snosuchsession/control", UriKind.Relative), JsonContent.Create(new { command = 3 }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, numeric.StatusCode);

        var session = await CreateAsync();
        using var tooMuch = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Start));
        tooMuch.EnsureSuccessStatusCode();
        using var extend = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Extend, 600));
        Assert.Equal(HttpStatusCode.BadRequest, extend.StatusCode);
        Assert.Contains("minutes", await extend.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var back = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Previous));
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
    }

    [Fact]
    public async Task A_watcher_sees_each_step_and_the_timer_live()
    {
        var session = await CreateAsync();
        var changes = new ConcurrentQueue<SessionView>();
        await using var ivan = lab.Hub("ivan");
        ivan.On<string, SessionView>(nameof(ILiveClient.SessionChanged), (id, view) =>
        {
            if (id == session.Id)
            {
                changes.Enqueue(view);
            }
        });
        await ivan.StartAsync(Ct);
        var watched = await ivan.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), lab.LabId, session.Id, Ct);
        Assert.Equal(SessionPhase.Scheduled, watched.Phase);

        using var started = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Start));
        var startedView = (await started.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        Assert.Equal(0, startedView.CurrentStep);
        Assert.NotNull(startedView.EndsAt);
        Assert.InRange(startedView.EndsAt!.Value - startedView.ServerNow, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        await Eventually(() => changes.Any(v => v.Version == startedView.Version));

        using var next = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Next, ExpectedStep: 0));
        using var extended = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Extend, 5));
        var extendedView = (await extended.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        await Eventually(() => changes.Any(v => v.Version == extendedView.Version));
        var latest = changes.MaxBy(v => v.Version)!;
        Assert.Equal(1, latest.CurrentStep);
        Assert.Equal(extendedView.EndsAt, latest.EndsAt);

        // After unwatching, nothing more arrives.
        await ivan.InvokeAsync(nameof(ILiveHub.UnwatchSession), session.Id, Ct);
        using var paused = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Pause));
        var pausedView = (await paused.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        await Task.Delay(500, Ct);
        Assert.DoesNotContain(changes, v => v.Version == pausedView.Version);
    }

    [Fact]
    public async Task Removing_a_watcher_from_the_lab_ends_their_watch_of_its_session()
    {
        var session = await CreateAsync();
        var lost = new ConcurrentQueue<(string Kind, string Id)>();
        var changes = new ConcurrentQueue<SessionView>();
        await using var giulia = lab.Hub("giulia");
        giulia.On<string, string>(nameof(ILiveClient.AccessLost), (kind, id) => lost.Enqueue((kind, id)));
        giulia.On<string, SessionView>(nameof(ILiveClient.SessionChanged), (_, view) => changes.Enqueue(view));
        await giulia.StartAsync(Ct);
        await giulia.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), lab.LabId, session.Id, Ct);

        using var maria = await lab.As("maria");
        using var giuliaInfo = await lab.As("giulia");
        var giuliaId = (await giuliaInfo.GetFromJsonAsync<System.Text.Json.JsonElement>("api/me", Ct)).GetProperty("id").GetString();
        using var removed = await maria.DeleteAsync(new Uri($"api/labs/{lab.LabId}/members/{giuliaId}", UriKind.Relative), Ct);
        removed.EnsureSuccessStatusCode();

        await Eventually(() => lost.Contains(("session", session.Id)));
        using var started = await ControlAsync("elena", session.Id, new SessionControlRequest(SessionCommand.Start));
        started.EnsureSuccessStatusCode();
        await Task.Delay(500, Ct);
        Assert.Empty(changes);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
