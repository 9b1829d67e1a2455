namespace Climaborough.Server.Tests.Sessions;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Contributing without attending over a real node: Elena opens a brainstorm step of a workshop for contributions
/// before it starts; Ivan adds a note over REST while nobody runs the workshop; Maria, on the board live, receives it
/// marked; the JSON export, the Markdown outline, the lab's list and the record show it; observers and bad input change nothing.
/// </summary>
public sealed class SessionContributionsApiTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    private async Task<SessionView> NewWorkshopAsync(HttpClient elena)
    {
        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("School street ideas " + Guid.NewGuid().ToString("N")[..6], null, DateTimeOffset.UtcNow.AddDays(2), lab.BoardId,
            [new("Ideas", "One idea per note.", 10, SessionStepKind.Brainstorm), new("Vote", null, 5, SessionStepKind.Vote)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
    }

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!;

    [Fact]
    public async Task A_member_contributes_through_the_open_window_and_the_note_is_marked_live_in_exports_the_outline_the_list_and_the_record()
    {
        using var elena = await lab.As("elena");
        var session = await NewWorkshopAsync(elena);
        var window = new ContributionWindowRequest(0, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(6));
        using var opened = await elena.PutAsJsonAsync($"{Sessions}/{session.Id}/contributions", window, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True((await opened.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Contributions!.Open);

        await using var maria = lab.Hub("maria");
        var received = new TaskCompletionSource<AppliedOp>(TaskCreationOptions.RunContinuationsAsynchronously);
        maria.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) =>
        {
            if (ops.FirstOrDefault(o => o.Kind == OpKind.Contribution) is { } op)
            {
                received.TrySetResult(op);
            }
        });
        await maria.StartAsync(Ct);
        await maria.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);

        using var ivan = await lab.As("ivan");
        var text = "Crossing guard at 7:30 " + Guid.NewGuid().ToString("N")[..6];
        using var added = await ivan.PostAsJsonAsync($"{Sessions}/{session.Id}/contributions/notes", new ContributeRequest("ivan-1", text), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var answer = (await added.Content.ReadFromJsonAsync<ContributionAnswer>(BoardJson.Options, Ct))!;
        Assert.Equal(1, answer.Window.Notes);

        var op = await received.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var note = Assert.Single(op.Changes).Element!;
        Assert.Equal((answer.ElementId, text, session.Id), (note.Id, note.Text, note.AsyncSession));

        var export = (await ivan.GetFromJsonAsync<BoardExport>($"api/boards/{lab.BoardId}/export.json", BoardJson.Options, Ct))!;
        Assert.Equal(session.Id, export.Elements.Single(e => e.Id == answer.ElementId).AsyncSession);
        var outline = await ivan.GetStringAsync($"api/boards/{lab.BoardId}/export.md", Ct);
        Assert.Contains(outline.Split('\n'), line => line.Contains("Crossing guard at 7:30", StringComparison.Ordinal) && line.Contains("_(asynchronous)_", StringComparison.Ordinal));

        var list = (await ivan.GetFromJsonAsync<SessionSummary[]>(Sessions, BoardJson.Options, Ct))!;
        var entry = list.Single(s => s.Id == session.Id);
        Assert.True(entry.Contributions!.Open);
        Assert.Equal(lab.BoardId, entry.BoardId);
        Assert.Equal(1, (await ivan.GetFromJsonAsync<SessionOutcomeView>($"{Sessions}/{session.Id}/outcome", BoardJson.Options, Ct))!.AsyncNotes);

        // A retry of the same request is the same note.
        using var retried = await ivan.PostAsJsonAsync($"{Sessions}/{session.Id}/contributions/notes", new ContributeRequest("ivan-1", text), BoardJson.Options, Ct);
        Assert.True((await retried.Content.ReadFromJsonAsync<ContributionAnswer>(BoardJson.Options, Ct))!.Duplicate);
        var after = (await ivan.GetFromJsonAsync<BoardExport>($"api/boards/{lab.BoardId}/export.json", BoardJson.Options, Ct))!;
        Assert.Single(after.Elements, e => e.Text == text);
    }

    [Fact]
    public async Task Observers_bad_input_and_a_closed_window_are_refused_with_clear_codes_and_add_nothing()
    {
        using var elena = await lab.As("elena");
        var session = await NewWorkshopAsync(elena);
        using var ivan = await lab.As("ivan");
        var url = $"{Sessions}/{session.Id}/contributions/notes";

        using var noWindow = await ivan.PostAsJsonAsync(url, new ContributeRequest("n1", "No window yet"), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ContributionsClosed), (noWindow.StatusCode, await CodeOf(noWindow)));

        using var byMember = await ivan.PutAsJsonAsync($"{Sessions}/{session.Id}/contributions", new ContributionWindowRequest(0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        using var voteStep = await elena.PutAsJsonAsync($"{Sessions}/{session.Id}/contributions", new ContributionWindowRequest(1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (voteStep.StatusCode, await CodeOf(voteStep)));
        Assert.Contains("stepIndex", await voteStep.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var upcoming = await elena.PutAsJsonAsync($"{Sessions}/{session.Id}/contributions", new ContributionWindowRequest(0, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddHours(2)), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, upcoming.StatusCode);
        using var early = await ivan.PostAsJsonAsync(url, new ContributeRequest("n2", "Too early"), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ContributionsClosed), (early.StatusCode, await CodeOf(early)));

        (await elena.PutAsJsonAsync($"{Sessions}/{session.Id}/contributions", new ContributionWindowRequest(0, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(2)), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var giulia = await lab.As("giulia");
        using var observer = await giulia.PostAsJsonAsync(url, new ContributeRequest("g1", "An observer's idea"), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (observer.StatusCode, await CodeOf(observer)));
        using var empty = await ivan.PostAsJsonAsync(url, new ContributeRequest("n3", " "), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (empty.StatusCode, await CodeOf(empty)));
        using var anonymous = await lab.As("anonymous");
        using var nobody = await anonymous.PostAsJsonAsync(url, new ContributeRequest("a1", "Nobody's idea"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);

        using var closed = await elena.DeleteAsync($"{Sessions}/{session.Id}/contributions", Ct);
        Assert.Null((await closed.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Contributions);
        using var late = await ivan.PostAsJsonAsync(url, new ContributeRequest("n4", "After the window went"), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ContributionsClosed), (late.StatusCode, await CodeOf(late)));

        var texts = (await elena.GetFromJsonAsync<BoardExport>($"api/boards/{lab.BoardId}/export.json", BoardJson.Options, Ct))!.Elements.Select(e => e.Text).ToList();
        Assert.DoesNotContain("An observer's idea", texts);
        Assert.DoesNotContain("Too early", texts);
        Assert.DoesNotContain("After the window went", texts);
        Assert.DoesNotContain("Nobody's idea", texts);
        Assert.Equal(0, (await elena.GetFromJsonAsync<SessionOutcomeView>($"{Sessions}/{session.Id}/outcome", BoardJson.Options, Ct))!.AsyncNotes);
    }
}
