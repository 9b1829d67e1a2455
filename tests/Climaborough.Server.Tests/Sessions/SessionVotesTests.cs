namespace Climaborough.Server.Tests.Sessions;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Server.Tests.Realtime;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Dot votes over a real node: Elena (moderator) runs a vote on the lab board's notes; Ivan votes from two
/// tabs; Maria votes too; Giulia (observer) watches. What reaches each connection is read as the raw hub
/// frames, so nothing the client library drops can hide a leak.
/// </summary>
public sealed class SessionVotesTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    /// <summary>A running workshop on the lab board, at its vote step, with three fresh notes on the board (their ids).</summary>
    private static readonly string[] NoteTexts = ["Benches", "Shade trees", "=cmd|' /C calc'!A0"];

    private async Task<(SessionView Session, string[] Notes)> VoteStepAsync()
    {
        await using var maria = lab.Hub("maria");
        await maria.StartAsync(Ct);
        await maria.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var notes = NoteTexts.Select(text => (Id: "v" + Guid.NewGuid().ToString("N")[..10], Text: text)).ToArray();
        var edit = await maria.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit("maria-" + Guid.NewGuid().ToString("N")[..8], 1,
            [.. notes.Select((n, i) => new ElementChange(ChangeType.Create, n.Id, new BoardElement(n.Id, ElementKind.Note, i * 200, 400, 180, 120, i, "#fff59d", n.Text, null, null, null, string.Empty, default, default)))]), Ct);
        Assert.True(edit.Ok, edit.Error);

        using var elena = await lab.As("elena");
        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("Square redesign", null, null, lab.BoardId, [new("Vote", "Three dots", 10, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        using var started = await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options, Ct);
        started.EnsureSuccessStatusCode();
        return (session, [.. notes.Select(n => n.Id)]);
    }

    [Fact]
    public async Task While_the_vote_is_open_another_participant_receives_none_of_ivans_dots_and_an_observer_no_counts()
    {
        var (session, notes) = await VoteStepAsync();
        await using var mariaFrames = await RawHub.ConnectAsync(lab.Url, await TestTokens.ForAsync(lab.Url, "maria"));
        await using var giuliaFrames = await RawHub.ConnectAsync(lab.Url, await TestTokens.ForAsync(lab.Url, "giulia"));
        await mariaFrames.InvokeAsync(nameof(ILiveHub.WatchSession), lab.LabId, session.Id);
        await giuliaFrames.InvokeAsync(nameof(ILiveHub.WatchSession), lab.LabId, session.Id);

        await using var elena = lab.Hub("elena");
        var elenaSees = new ConcurrentQueue<VoteView>();
        elena.On<string, VoteView>(nameof(ILiveClient.VoteChanged), (_, v) => elenaSees.Enqueue(v));
        await elena.StartAsync(Ct);
        await elena.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), lab.LabId, session.Id, Ct);
        var started = await elena.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), lab.LabId, session.Id, new StartVoteRequest("elena-1", null, 3, 2), Ct);
        Assert.True(started.Ok, started.Error);
        var voteId = started.Vote!.Id;

        // Ivan has two tabs: what one places, the other shows, from one set of three dots.
        await using var tab1 = lab.Hub("ivan");
        await using var tab2 = lab.Hub("ivan");
        var tab2Sees = new ConcurrentQueue<VoteView>();
        tab2.On<string, VoteView>(nameof(ILiveClient.VoteChanged), (_, v) => tab2Sees.Enqueue(v));
        foreach (var tab in new[] { tab1, tab2 })
        {
            await tab.StartAsync(Ct);
            await tab.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), lab.LabId, session.Id, Ct);
        }

        var ivanDot = new DotRequest("ivan-tab1-1", notes[0]);
        Assert.True((await tab1.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, ivanDot, Ct)).Ok);
        var retried = await tab1.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, ivanDot, Ct);
        Assert.Equal([notes[0]], retried.Vote!.MyDots);
        Assert.True((await tab2.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, new DotRequest("ivan-tab2-1", notes[0]), Ct)).Ok);
        var third = await tab2.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, new DotRequest("ivan-tab2-2", notes[1]), Ct);
        Assert.Equal(3, third.Vote!.MyDots!.Count);
        var fourth = await tab1.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, new DotRequest("ivan-tab1-2", notes[1]), Ct);
        Assert.Equal(ErrorCodes.NoDotsLeft, fourth.ErrorCode);
        await Eventually(() => tab2Sees.Any(v => v.MyDots?.Count == 3));

        // Maria places one of her own on the third note; the observer may not.
        await mariaFrames.InvokeAsync(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, new DotRequest("maria-1", notes[2]));
        await using var giulia = lab.Hub("giulia");
        await giulia.StartAsync(Ct);
        var refused = await giulia.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, voteId, new DotRequest("giulia-1", notes[2]), Ct);
        Assert.Equal(ErrorCodes.VoteForbidden, refused.ErrorCode);
        await Eventually(() => elenaSees.Any(v => v.Voters == 2));

        var closed = await elena.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), lab.LabId, session.Id, voteId, Ct);
        Assert.Equal(VoteStatus.Closed, closed.Vote!.Status);
        await Eventually(() => Votes(mariaFrames).Any(v => v.Status == VoteStatus.Closed) && Votes(giuliaFrames).Any(v => v.Status == VoteStatus.Closed));

        var mariaWhileOpen = Votes(mariaFrames).Where(v => v.Status == VoteStatus.Open).ToList();
        Assert.NotEmpty(mariaWhileOpen);
        Assert.All(mariaWhileOpen, v =>
        {
            Assert.Null(v.Results);
            Assert.True(v.MyDots is null || v.MyDots.SequenceEqual([notes[2]]), "Maria received dots that are not hers: " + string.Join(",", v.MyDots ?? Array.Empty<string>()));
        });
        Assert.Contains(mariaWhileOpen, v => v.MyDots is [_]);

        // Only what each needs: Maria (the lab's owner, so a facilitator) heard of the start and of the voter count
        // moving twice (Ivan's first dot, her own), not of Ivan's other two dots; the observer only of the start.
        Assert.Equal(3, mariaWhileOpen.Count);
        Assert.Equal([0, 1, 2], mariaWhileOpen.Select(v => v.Voters ?? -1).Order());
        Assert.Single(Votes(giuliaFrames), v => v.Status == VoteStatus.Open);
        Assert.DoesNotContain(mariaFrames.Frames, f => f.Contains("ivan", StringComparison.OrdinalIgnoreCase));

        var giuliaWhileOpen = Votes(giuliaFrames).Where(v => v.Status == VoteStatus.Open).ToList();
        Assert.NotEmpty(giuliaWhileOpen);
        Assert.All(giuliaWhileOpen, v => Assert.True(v.MyDots is null && v.Voters is null && v.Results is null, "an observer received counts while the vote was open"));

        // Once closed, everyone gets the same ranking: Ivan's two on the first note lead.
        var results = Votes(giuliaFrames).Last(v => v.Status == VoteStatus.Closed).Results!;
        Assert.Equal((1, notes[0], 2), (results[0].Rank, results[0].Id, results[0].Dots));
        Assert.Equal(2, results.Count(r => r.Dots == 1 && r.Rank == 2 && r.Tied));
    }

    [Fact]
    public async Task Closed_results_are_served_as_json_and_csv_to_readers_and_refused_while_open()
    {
        var (session, notes) = await VoteStepAsync();
        await using var elena = lab.Hub("elena");
        await elena.StartAsync(Ct);
        var vote = (await elena.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), lab.LabId, session.Id, new StartVoteRequest("elena-csv", notes, 2, 2), Ct)).Vote!;

        using var giulia = await lab.As("giulia");
        var path = $"{Sessions}/{session.Id}/votes/{vote.Id}/results";
        using var open = await giulia.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Equal(ErrorCodes.VoteStillOpen, JsonDocument.Parse(await open.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());

        await using var ivan = lab.Hub("ivan");
        await ivan.StartAsync(Ct);
        Assert.True((await ivan.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), lab.LabId, session.Id, vote.Id, new DotRequest("i1", notes[2]), Ct)).Ok);
        Assert.True((await elena.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), lab.LabId, session.Id, vote.Id, Ct)).Ok);

        var results = (await giulia.GetFromJsonAsync<VoteResults>(path, BoardJson.Options, Ct))!;
        Assert.Equal(notes[2], results.Ranking[0].Id);
        Assert.Equal(1, results.Voters);

        using var csv = await giulia.GetAsync(new Uri(path + ".csv", UriKind.Relative), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Rank,Tied,Item,Dots,ElementId", lines[0]);
        Assert.StartsWith("1,False,", lines[1], StringComparison.Ordinal);
        Assert.Contains("'=cmd", lines[1], StringComparison.Ordinal); // a formula arrives as text
        Assert.EndsWith($",1,{notes[2]}", lines[1], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);

        // Who may not read the lab hears what a missing session answers.
        using var olga = await lab.As("olga");
        Assert.Equal(HttpStatusCode.NotFound, (await olga.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olga.GetAsync(new Uri(path + ".csv", UriKind.Relative), Ct)).StatusCode);
    }

    private static List<VoteView> Votes(RawHub hub) =>
        [.. hub.Invocations(nameof(ILiveClient.VoteChanged)).Select(args => args[1].Deserialize<VoteView>(BoardJson.Options)!)];

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
