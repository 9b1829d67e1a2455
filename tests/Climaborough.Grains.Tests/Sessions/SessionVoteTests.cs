namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>Dot votes of a workshop, on each storage backend, with a clock moved by hand.</summary>
public abstract class SessionVoteTests(ManualClockClusterFixture fixture)
{
    private static readonly Actor Maria = new("u-maria", "Maria", "sofia");
    private static readonly Actor Elena = new("u-elena", "Elena", "sofia");
    private static readonly Actor Ivan = new("u-ivan", "Ivan", "sofia");
    private static readonly Actor Petya = new("u-petya", "Petya", "sofia");
    private static readonly Actor Giulia = new("u-giulia", "Giulia", "florence");
    private static readonly Actor Stefan = new("u-stefan", "Stefan", "sofia");

    private static readonly string[] Ideas = ["Speed bumps", "Crossing guard", "Car-free street at 8:00", "=HYPERLINK(\"x\")"];

    private ManualClock Clock => fixture.Clock;

    private sealed record Workshop(string LabId, ISessionGrain Session, string[] Notes);

    /// <summary>
    /// A private lab (Elena moderates, Ivan and Petya are members, Giulia observes) with a board of four notes
    /// and a workshop on it: a 10-minute vote step, then a wrap-up.
    /// </summary>
    private async Task<Workshop> NewWorkshopAsync(bool start = true)
    {
        var labId = LabIds.New();
        var lab = fixture.Grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Safer school streets", LabThemes.EnergyAndMobility, "Lyulin", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member), (Petya, LabRole.Member), (Giulia, LabRole.Observer) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        var boardId = BoardIds.New();
        var board = fixture.Grains.GetGrain<IBoardGrain>(boardId);
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        var notes = Ideas.Select((_, i) => $"n{i}").ToArray();
        var edit = await board.EditAsync(Elena, new BoardEdit("elena-tab", 1, [.. notes.Select((id, i) => new ElementChange(ChangeType.Create, id,
            new BoardElement(id, ElementKind.Note, i * 200, 0, 180, 120, i, "#fff59d", Ideas[i], null, null, null, string.Empty, default, default)))]));
        Assert.True(edit.Ok, edit.Error);

        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", null, null, boardId,
            [new("Vote on the ideas", "Three dots each.", 10, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]));
        Assert.True(created.Ok, created.Message);
        if (start)
        {
            Assert.True((await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Start))).Ok);
        }

        return new(labId, session, notes);
    }

    private static async Task<VoteView> StartAsync(Workshop w, int dots = 3, int max = 2, IReadOnlyList<string>? elements = null, string? requestId = null)
    {
        var started = await w.Session.StartVoteAsync(Elena, w.LabId, new StartVoteRequest(requestId ?? "start-" + Guid.NewGuid().ToString("N"), elements, dots, max));
        Assert.True(started.Ok, started.Message);
        return started.Value!;
    }

    private static async Task<VoteView> PlaceAsync(Workshop w, Actor who, string voteId, string item, string? requestId = null)
    {
        var placed = await w.Session.PlaceDotAsync(who, w.LabId, voteId, new DotRequest(requestId ?? Guid.NewGuid().ToString("N"), item));
        Assert.True(placed.Ok, placed.Message);
        return placed.Value!;
    }

    [Fact]
    public async Task A_retried_placement_counts_once_and_two_tabs_of_one_person_share_one_set_of_dots()
    {
        var w = await NewWorkshopAsync();
        var vote = await StartAsync(w, dots: 3, max: 2);
        Assert.Equal(Ideas, vote.Items.Select(i => i.Text));

        // The first tab places a dot, loses the answer and sends the same request again.
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[0], "tab1-1");
        var retried = await PlaceAsync(w, Ivan, vote.Id, w.Notes[0], "tab1-1");
        Assert.Equal([w.Notes[0]], retried.MyDots);

        // The second tab is the same person: its dots come out of the same three.
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[1], "tab2-1");
        var third = await PlaceAsync(w, Ivan, vote.Id, w.Notes[2], "tab2-2");
        Assert.Equal(3, third.MyDots!.Count);
        var fourth = await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("tab1-2", w.Notes[3]));
        Assert.Equal(ErrorCodes.NoDotsLeft, fourth.Code);

        // A retried removal removes once, too.
        await w.Session.RemoveDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("tab1-3", w.Notes[0]));
        var again = await w.Session.RemoveDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("tab1-3", w.Notes[0]));
        Assert.True(again.Ok);
        Assert.Equal([w.Notes[1], w.Notes[2]], again.Value!.MyDots);

        // Nothing of it is lost or doubled by a reactivation.
        await fixture.Cluster.DeactivateAsync(w.Session);
        var reloaded = (await w.Session.VoteAsync(Ivan, w.LabId, vote.Id)).Value!;
        Assert.Equal([w.Notes[1], w.Notes[2]], reloaded.MyDots);
        Assert.True((await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("tab1-1", w.Notes[0]))).Ok);
        Assert.Equal(2, (await w.Session.VoteAsync(Ivan, w.LabId, vote.Id)).Value!.MyDots!.Count);
    }

    [Fact]
    public async Task The_limits_of_dots_per_person_and_per_item_are_refused_with_their_code_and_change_nothing()
    {
        var w = await NewWorkshopAsync();
        var vote = await StartAsync(w, dots: 2, max: 1);

        await PlaceAsync(w, Petya, vote.Id, w.Notes[0]);
        var full = await w.Session.PlaceDotAsync(Petya, w.LabId, vote.Id, new DotRequest("p2", w.Notes[0]));
        Assert.Equal(ErrorCodes.ItemFull, full.Code);
        Assert.Contains("1", full.Message, StringComparison.Ordinal);

        await PlaceAsync(w, Petya, vote.Id, w.Notes[1]);
        var none = await w.Session.PlaceDotAsync(Petya, w.LabId, vote.Id, new DotRequest("p3", w.Notes[2]));
        Assert.Equal(ErrorCodes.NoDotsLeft, none.Code);
        Assert.Equal(ErrorCodes.NoSuchItem, (await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("i1", "not-an-item"))).Code);
        Assert.Equal(ErrorCodes.NoDotHere, (await w.Session.RemoveDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("i2", w.Notes[0]))).Code);
        Assert.Equal(ErrorCodes.InvalidVote, (await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest(new string('r', VoteLimits.MaxRequestIdLength + 1), w.Notes[0]))).Code);
        Assert.Equal(ErrorCodes.InvalidVote, (await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("has space", w.Notes[0]))).Code);

        // A refused request id was not used: the same id works once the dot fits.
        var mine = (await w.Session.VoteAsync(Petya, w.LabId, vote.Id)).Value!;
        Assert.Equal([w.Notes[0], w.Notes[1]], mine.MyDots);
        await w.Session.RemoveDotAsync(Petya, w.LabId, vote.Id, new DotRequest("p4", w.Notes[1]));
        Assert.Equal([w.Notes[0], w.Notes[2]], (await PlaceAsync(w, Petya, vote.Id, w.Notes[2], "p3")).MyDots);

        // Bad vote settings start nothing.
        var other = await NewWorkshopAsync();
        Assert.Equal(ErrorCodes.InvalidVote, (await other.Session.StartVoteAsync(Elena, other.LabId, new StartVoteRequest("s1", null, 0, 1))).Code);
        Assert.Equal(ErrorCodes.InvalidVote, (await other.Session.StartVoteAsync(Elena, other.LabId, new StartVoteRequest("s2", null, 3, 4))).Code);
        Assert.Equal(ErrorCodes.InvalidVote, (await other.Session.StartVoteAsync(Elena, other.LabId, new StartVoteRequest("s3", null, VoteLimits.MaxDotsPerPerson + 1, 1))).Code);
        Assert.Equal(ErrorCodes.NoItems, (await other.Session.StartVoteAsync(Elena, other.LabId, new StartVoteRequest("s4", ["no-such-note"], 3, 1))).Code);
        Assert.Null((await other.Session.ViewAsync(Elena, other.LabId)).Value!.VoteId);
    }

    [Fact]
    public async Task Observers_and_non_members_cannot_vote_and_only_moderators_start_and_close()
    {
        var w = await NewWorkshopAsync();
        var ivanStarts = await w.Session.StartVoteAsync(Ivan, w.LabId, new StartVoteRequest("i-start", null, 3, 1));
        Assert.Equal(ErrorCodes.VoteForbidden, ivanStarts.Code);

        var vote = await StartAsync(w);
        var observer = await w.Session.PlaceDotAsync(Giulia, w.LabId, vote.Id, new DotRequest("g1", w.Notes[0]));
        Assert.Equal(ErrorCodes.VoteForbidden, observer.Code);

        // Who may not read the private lab hears exactly what a missing session answers.
        var outsider = await w.Session.PlaceDotAsync(Stefan, w.LabId, vote.Id, new DotRequest("s1", w.Notes[0]));
        var missing = await fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New()).PlaceDotAsync(Maria, w.LabId, vote.Id, new DotRequest("m1", w.Notes[0]));
        Assert.Equal(ErrorCodes.NotFound, outsider.Code);
        Assert.Equal(missing.Code, outsider.Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.VoteAsync(Stefan, w.LabId, vote.Id)).Code);

        Assert.Equal(ErrorCodes.VoteForbidden, (await w.Session.CloseVoteAsync(Ivan, w.LabId, vote.Id)).Code);
        var seen = (await w.Session.VoteAsync(Giulia, w.LabId, vote.Id)).Value!;
        Assert.Equal(VoteStatus.Open, seen.Status);
        Assert.Empty(seen.MyDots!);
    }

    [Fact]
    public async Task Votes_start_only_in_a_vote_step_one_at_a_time_and_a_repeated_start_answers_the_same_vote()
    {
        var before = await NewWorkshopAsync(start: false);
        Assert.Equal(ErrorCodes.NotAVoteStep, (await before.Session.StartVoteAsync(Elena, before.LabId, new StartVoteRequest("s", null, 3, 1))).Code);

        var w = await NewWorkshopAsync();
        var first = await StartAsync(w, requestId: "elena-start-1");
        var repeated = await StartAsync(w, requestId: "elena-start-1");
        Assert.Equal(first.Id, repeated.Id);
        Assert.Equal(ErrorCodes.VoteAlreadyOpen, (await w.Session.StartVoteAsync(Elena, w.LabId, new StartVoteRequest("elena-start-2", null, 3, 1))).Code);
        Assert.Equal(first.Id, (await w.Session.ViewAsync(Ivan, w.LabId)).Value!.VoteId);

        // A chosen list of elements makes the items, in the order given.
        Assert.True((await w.Session.CloseVoteAsync(Elena, w.LabId, first.Id)).Ok);
        var chosen = await StartAsync(w, elements: [w.Notes[2], w.Notes[0]]);
        Assert.Equal([w.Notes[2], w.Notes[0]], chosen.Items.Select(i => i.Id));
        Assert.Equal(chosen.Id, (await w.Session.ViewAsync(Ivan, w.LabId)).Value!.VoteId);

        await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.Next));
        Assert.Equal(ErrorCodes.NotAVoteStep, (await w.Session.StartVoteAsync(Elena, w.LabId, new StartVoteRequest("elena-start-3", null, 3, 1))).Code);
    }

    [Fact]
    public async Task A_closed_vote_refuses_dots_whether_the_moderator_closed_it_or_left_the_step()
    {
        var w = await NewWorkshopAsync();
        var vote = await StartAsync(w);
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[0], "i1");
        var closed = (await w.Session.CloseVoteAsync(Elena, w.LabId, vote.Id)).Value!;
        Assert.Equal(VoteStatus.Closed, closed.Status);
        Assert.Equal(VoteCloseReason.Moderator, closed.CloseReason);

        var late = await w.Session.PlaceDotAsync(Petya, w.LabId, vote.Id, new DotRequest("p1", w.Notes[1]));
        Assert.Equal(ErrorCodes.VoteClosed, late.Code);
        Assert.Equal(ErrorCodes.VoteClosed, (await w.Session.RemoveDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("i2", w.Notes[0]))).Code);

        // The retry of a dot that counted before the close still answers as counted.
        Assert.True((await w.Session.PlaceDotAsync(Ivan, w.LabId, vote.Id, new DotRequest("i1", w.Notes[0]))).Ok);
        Assert.Equal(1, (await w.Session.ResultsAsync(Ivan, w.LabId, vote.Id)).Value!.DotsPlaced);

        var second = await StartAsync(w);
        await PlaceAsync(w, Petya, second.Id, w.Notes[1]);
        Assert.True((await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.Next))).Ok);
        var ended = (await w.Session.VoteAsync(Petya, w.LabId, second.Id)).Value!;
        Assert.Equal(VoteStatus.Closed, ended.Status);
        Assert.Equal(VoteCloseReason.StepEnded, ended.CloseReason);
        Assert.Equal(ErrorCodes.VoteClosed, (await w.Session.PlaceDotAsync(Petya, w.LabId, second.Id, new DotRequest("p2", w.Notes[2]))).Code);
    }

    [Fact]
    public async Task The_step_timer_running_out_closes_the_vote_at_the_step_end_and_pausing_holds_it_open()
    {
        var w = await NewWorkshopAsync();
        var vote = await StartAsync(w);
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[1]);
        var endsAt = (await w.Session.ViewAsync(Ivan, w.LabId)).Value!.EndsAt!.Value;

        // Paused, the time does not run out.
        Assert.True((await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.Pause))).Ok);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await PlaceAsync(w, Petya, vote.Id, w.Notes[1]);
        var resumed = (await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.Resume))).Value!;
        Assert.True(resumed.EndsAt > endsAt);

        Clock.Advance(TimeSpan.FromMinutes(11));
        await fixture.Cluster.DeactivateAsync(w.Session);
        var late = await w.Session.PlaceDotAsync(Petya, w.LabId, vote.Id, new DotRequest("late", w.Notes[0]));
        Assert.Equal(ErrorCodes.VoteClosed, late.Code);
        var closed = (await w.Session.VoteAsync(Ivan, w.LabId, vote.Id)).Value!;
        Assert.Equal(VoteCloseReason.TimeUp, closed.CloseReason);
        Assert.Equal(resumed.EndsAt, closed.ClosedAt);
        Assert.Equal(2, closed.Results!.Single(r => r.Id == w.Notes[1]).Dots);
    }

    [Fact]
    public async Task Results_rank_items_by_dots_with_ties_sharing_a_rank_and_are_kept_with_the_session()
    {
        var w = await NewWorkshopAsync();
        var vote = await StartAsync(w, dots: 3, max: 2);
        Assert.Equal(ErrorCodes.VoteStillOpen, (await w.Session.ResultsAsync(Ivan, w.LabId, vote.Id)).Code);

        // n2: 3 dots; n0 and n1: 2 each (a tie); n3: none.
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[2]);
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[2]);
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[0]);
        await PlaceAsync(w, Petya, vote.Id, w.Notes[1]);
        await PlaceAsync(w, Petya, vote.Id, w.Notes[1]);
        await PlaceAsync(w, Petya, vote.Id, w.Notes[2]);
        await PlaceAsync(w, Elena, vote.Id, w.Notes[0]);
        Assert.Equal(3, (await w.Session.VoteAsync(Elena, w.LabId, vote.Id)).Value!.Voters);
        Assert.True((await w.Session.CloseVoteAsync(Elena, w.LabId, vote.Id)).Ok);

        await fixture.Cluster.DeactivateAsync(w.Session);
        var results = (await w.Session.ResultsAsync(Giulia, w.LabId, vote.Id)).Value!;
        Assert.Equal(3, results.Voters);
        Assert.Equal(7, results.DotsPlaced);
        Assert.Equal(
            [(1, w.Notes[2], 3, false), (2, w.Notes[0], 2, true), (2, w.Notes[1], 2, true), (4, w.Notes[3], 0, false)],
            results.Ranking.Select(r => (r.Rank, r.Id, r.Dots, r.Tied)));
        Assert.Equal(Ideas[2], results.Ranking[0].Text);
    }

    [Fact]
    public async Task While_open_each_sees_only_their_own_dots_the_moderator_the_voter_count_and_watchers_no_counts()
    {
        var w = await NewWorkshopAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await w.Session.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(observer));
        var vote = await StartAsync(w);
        await PlaceAsync(w, Ivan, vote.Id, w.Notes[0], "ivan-1");
        var changed = await observer.NextAsync<VoteChanged>(e => e.UserId == Ivan.UserId);

        var petya = (await w.Session.VoteAsync(Petya, w.LabId, vote.Id)).Value!;
        Assert.Empty(petya.MyDots!);
        Assert.Null(petya.Voters);
        Assert.Null(petya.Results);
        Assert.Equal(1, (await w.Session.VoteAsync(Elena, w.LabId, vote.Id)).Value!.Voters);

        // What every watcher gets carries nobody's dots; Ivan's own come apart, for his connections only.
        Assert.Null(changed.Public.MyDots);
        Assert.Null(changed.Public.Voters);
        Assert.Null(changed.Public.Results);
        Assert.Equal([w.Notes[0]], changed.UserDots);
        Assert.Equal(1, changed.Voters);
    }
}

public sealed class SessionVoteTestsOnEmbedded(EmbeddedManualClockFixture fixture) : SessionVoteTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class SessionVoteTestsOnAzure(AzureManualClockFixture fixture) : SessionVoteTests(fixture), IClassFixture<AzureManualClockFixture>;
