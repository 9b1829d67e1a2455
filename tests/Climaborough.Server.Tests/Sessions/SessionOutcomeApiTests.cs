namespace Climaborough.Server.Tests.Sessions;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// A workshop's outcome over a real node: Elena runs a vote on a frame and a note of the lab board, types the
/// decisions and ends the workshop (twice, as a double click would); readers get one record.
/// </summary>
public sealed class SessionOutcomeApiTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    [Fact]
    public async Task Ending_twice_keeps_one_record_with_the_top_cluster_its_notes_and_the_decisions_for_every_reader()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (frame, inside, loose) = ("f" + suffix, "i" + suffix, "l" + suffix);
        await using var maria = lab.Hub("maria");
        await maria.StartAsync(Ct);
        await maria.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var edit = await maria.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit("maria-" + suffix, 1,
        [
            new(ChangeType.Create, frame, new BoardElement(frame, ElementKind.Frame, 5000, 5000, 800, 600, 0, "#ffffff", "Deposit scheme", null, null, null, string.Empty, default, default)),
            new(ChangeType.Create, inside, new BoardElement(inside, ElementKind.Note, 5100, 5100, 180, 120, 1, "#fff59d", "Return bottles at the shop", null, null, null, string.Empty, default, default)),
            new(ChangeType.Create, loose, new BoardElement(loose, ElementKind.Note, 7000, 5000, 180, 120, 2, "#fff59d", "More bins", null, null, null, string.Empty, default, default)),
        ]), Ct);
        Assert.True(edit.Ok, edit.Error);

        using var elena = await lab.As("elena");
        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("Deposit workshop", "Less litter in parks.", null, lab.BoardId,
            [new("Vote", null, 10, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        (await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        await using var elenaHub = lab.Hub("elena");
        await elenaHub.StartAsync(Ct);
        var vote = (await elenaHub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), lab.LabId, session.Id, new StartVoteRequest("outcome-" + suffix, [frame, loose], 2, 2), Ct)).Vote!;
        await using var ivan = lab.Hub("ivan");
        await ivan.StartAsync(Ct);
        Assert.True((await ivan.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, vote.Id, new DotRequest("i1", frame), Ct)).Ok);
        Assert.True((await ivan.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, vote.Id, new DotRequest("i2", frame), Ct)).Ok);
        (await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.Next), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var decided = await elena.PutAsJsonAsync($"{Sessions}/{session.Id}/outcome/decisions", new DecisionsRequest("Pilot a deposit scheme with two shops."), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        using var ended = await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.End), BoardJson.Options, Ct);
        ended.EnsureSuccessStatusCode();
        using var giulia = await lab.As("giulia");
        var first = (await giulia.GetFromJsonAsync<SessionOutcomeView>($"{Sessions}/{session.Id}/outcome", BoardJson.Options, Ct))!;
        using var again = await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.End), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var second = (await giulia.GetFromJsonAsync<SessionOutcomeView>($"{Sessions}/{session.Id}/outcome", BoardJson.Options, Ct))!;

        Assert.True(second.Final);
        Assert.Equal(first.EndedAt, second.EndedAt);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal("Less litter in parks.", second.Purpose);
        Assert.Equal(["Vote", "Wrap-up"], second.Agenda.Select(s => s.Title).ToList());
        Assert.All(second.Agenda, s => Assert.NotNull(s.EndedAt));
        var top = Assert.Single(second.TopItems);
        Assert.Equal((1, "Deposit scheme", 2, ElementKind.Frame), (top.Rank, top.Text, top.Dots, top.Kind));
        Assert.Equal(["Return bottles at the shop"], top.Notes);
        Assert.Equal("Pilot a deposit scheme with two shops.", second.Decisions);
        Assert.Equal([(1, 2, false), (2, 0, false)], second.Votes.Single().Ranking.Select(r => (r.Rank, r.Dots, r.Tied)).ToList());
    }

    [Fact]
    public async Task Decisions_are_the_moderators_and_the_record_is_not_found_for_people_outside_the_lab()
    {
        using var elena = await lab.As("elena");
        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("Decisions only", null, null, null, [new("Talk", null, 5, SessionStepKind.Discuss)]), BoardJson.Options, Ct);
        var session = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        var path = $"{Sessions}/{session.Id}/outcome";

        using var ivan = await lab.As("ivan");
        using var refused = await ivan.PutAsJsonAsync(path + "/decisions", new DecisionsRequest("Ivan decides"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var tooLong = await elena.PutAsJsonAsync(path + "/decisions", new DecisionsRequest(new string('x', OutcomeLimits.MaxDecisionsLength + 1)), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("decisions", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var seen = (await ivan.GetFromJsonAsync<SessionOutcomeView>(path, BoardJson.Options, Ct))!;
        Assert.False(seen.Final);
        Assert.Equal(string.Empty, seen.Decisions);

        using var olga = await lab.As("olga");
        using var hidden = await olga.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Decisions only", await hidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
