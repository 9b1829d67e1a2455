namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Sessions;

/// <summary>Votes shared by the vote panel tests.</summary>
internal static class Votes
{
    public static readonly VoteItemView[] Items = [new("n1", "Speed bumps"), new("n2", "Crossing guard"), new("n3", string.Empty)];

    public static VoteView Open(IReadOnlyList<string>? mine, int? voters = null, long version = 1) => new(
        "v1", "s1", 0, VoteStatus.Open, Items, 3, 2, DateTimeOffset.UnixEpoch, null, null, mine, voters, null, version);

    public static VoteView Closed() => new(
        "v1", "s1", 0, VoteStatus.Closed, Items, 3, 2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), VoteCloseReason.TimeUp, null, 2,
        [new(1, "n2", "Crossing guard", 3, false), new(2, "n1", "Speed bumps", 1, true), new(2, "n3", string.Empty, 1, true)], 9);
}

public abstract class SessionVotePanelTestsBase(string culture) : WebTestContext(culture)
{
    protected IRenderedComponent<VotePanel> RenderPanel(string? voteId, bool moderate = false, bool vote = true) =>
        Render<VotePanel>(p => p.Add(v => v.LabId, "l1").Add(v => v.SessionId, "s1").Add(v => v.VoteId, voteId).Add(v => v.CanModerate, moderate).Add(v => v.CanVote, vote));
}

public sealed class SessionVotePanelTests() : SessionVotePanelTestsBase("en")
{
    [Fact]
    public void A_participant_places_and_removes_their_dots_and_sees_how_many_are_left()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open([]));
        var mine = new List<string>();
        var version = 1L;
        Live.AnswerVote = (method, _, dot) =>
        {
            if (method == nameof(ILiveHub.PlaceDot))
            {
                mine.Add(dot!.ItemId);
            }
            else
            {
                mine.Remove(dot!.ItemId);
            }

            return new VoteAnswer(true, Votes.Open([.. mine], version: ++version));
        };
        var cut = RenderPanel("v1");

        cut.WaitForAssertion(() => Assert.Equal("3 of 3 dots left", cut.Find("[data-testid=vote-dots-left]").TextContent));
        Assert.Equal(["Speed bumps", "Crossing guard", "(no text)"], cut.FindAll(".vote-item-text").Select(e => e.TextContent));
        Assert.True(cut.Find("li[data-item=n1] [data-testid=vote-minus]").HasAttribute("disabled"));

        cut.Find("li[data-item=n1] [data-testid=vote-plus]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2 of 3 dots left", cut.Find("[data-testid=vote-dots-left]").TextContent));
        cut.Find("li[data-item=n1] [data-testid=vote-plus]").Click();
        cut.WaitForAssertion(() => Assert.Equal("●●", cut.Find("li[data-item=n1] [data-testid=vote-mine]").TextContent));

        // At most two on one item: its + is off, the others' still on.
        Assert.True(cut.Find("li[data-item=n1] [data-testid=vote-plus]").HasAttribute("disabled"));
        Assert.False(cut.Find("li[data-item=n2] [data-testid=vote-plus]").HasAttribute("disabled"));
        cut.Find("li[data-item=n1] [data-testid=vote-minus]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2 of 3 dots left", cut.Find("[data-testid=vote-dots-left]").TextContent));

        // Each click is its own request, for the item clicked.
        Assert.Equal([(nameof(ILiveHub.PlaceDot), "n1"), (nameof(ILiveHub.PlaceDot), "n1"), (nameof(ILiveHub.RemoveDot), "n1")], Live.VoteCalls.Select(c => (c.Method, c.ItemId!)));
        Assert.Equal(3, Live.VoteCalls.Select(c => c.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task A_message_for_everyone_keeps_ones_own_dots_and_a_refusal_is_explained()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open(["n2"]));
        Live.AnswerVote = (_, _, _) => new VoteAnswer(false, null, ErrorCodes.NoDotsLeft, "All your 3 dots are placed.");
        var cut = RenderPanel("v1");
        cut.WaitForAssertion(() => Assert.Equal("2 of 3 dots left", cut.Find("[data-testid=vote-dots-left]").TextContent));

        await Live.RaiseAsync(LiveEvents.VoteChanged, "s1", Votes.Open(null, version: 5));
        cut.WaitForAssertion(() => Assert.Equal("●", cut.Find("li[data-item=n2] [data-testid=vote-mine]").TextContent));
        Assert.Equal("2 of 3 dots left", cut.Find("[data-testid=vote-dots-left]").TextContent);

        cut.Find("li[data-item=n1] [data-testid=vote-plus]").Click();
        cut.WaitForAssertion(() => Assert.Equal("All your dots are placed: remove one first.", cut.Find("[data-testid=vote-message]").TextContent));
    }

    [Fact]
    public async Task The_moderator_starts_a_vote_sees_the_voter_count_and_closes_it()
    {
        Live.SetState(LiveState.Connected);
        Live.AnswerVote = (method, _, _) => new VoteAnswer(true, method == nameof(ILiveHub.CloseVote) ? Votes.Closed() : Votes.Open([], voters: 0));
        var cut = RenderPanel(null, moderate: true);

        cut.Find("[data-testid=vote-dots]").Change("3");
        cut.Find("[data-testid=vote-max]").Change("2");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("0 people have voted so far", cut.Find("[data-testid=vote-voters]").TextContent));

        // The count is a counted phrase: one person, then people.
        await Live.RaiseAsync(LiveEvents.VoteChanged, "s1", Votes.Open(null, voters: 1, version: 2));
        cut.WaitForAssertion(() => Assert.Equal("1 person has voted so far", cut.Find("[data-testid=vote-voters]").TextContent));
        await Live.RaiseAsync(LiveEvents.VoteChanged, "s1", Votes.Open(null, voters: 3, version: 3));
        cut.WaitForAssertion(() => Assert.Equal("3 people have voted so far", cut.Find("[data-testid=vote-voters]").TextContent));

        cut.Find("[data-testid=vote-close]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=vote-results] li")));
        Assert.Equal([nameof(ILiveHub.StartVote), nameof(ILiveHub.CloseVote)], Live.VoteCalls.Select(c => c.Method));
    }

    [Fact]
    public void Results_show_the_ranking_with_ties_and_a_csv_link_and_participants_wait_for_the_start()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Closed());
        var cut = RenderPanel("v1");

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=vote-results] li").Count));
        var rows = cut.FindAll("[data-testid=vote-results] li");
        Assert.Equal(["1", "2", "2"], rows.Select(r => r.GetAttribute("value")!));
        Assert.Contains("3 dots", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=vote-tie]"));
        Assert.Contains("tie", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("tie", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Equal("Closed when the time ran out.", cut.Find("[data-testid=vote-closed-by]").TextContent);
        Assert.Equal("api/labs/l1/sessions/s1/votes/v1/results.csv", cut.Find("[data-testid=vote-csv]").GetAttribute("href"));

        var waiting = RenderPanel(null);
        Assert.Equal("The moderator has not started the vote yet.", waiting.Find("[data-testid=vote-waiting]").TextContent);
    }
}

public sealed class SessionVotePanelBulgarianTests() : SessionVotePanelTestsBase("bg")
{
    [Fact]
    public void A_participant_sees_the_panel_in_bulgarian_and_an_observer_is_told_they_do_not_vote()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open(["n1"]));
        var cut = RenderPanel("v1");
        cut.WaitForAssertion(() => Assert.Equal("Остават 2 от 3 точки", cut.Find("[data-testid=vote-dots-left]").TextContent));
        Assert.Equal("Гласуване с точки", cut.Find("h2").TextContent);
        Assert.Equal("Добави точка на „Crossing guard“", cut.Find("li[data-item=n2] [data-testid=vote-plus]").GetAttribute("aria-label"));
        Assert.Equal("(без текст)", cut.FindAll(".vote-item-text")[2].TextContent);

        var observer = RenderPanel("v1", vote: false);
        observer.WaitForAssertion(() => Assert.Equal("Наблюдателите следят гласуването, без да поставят точки.", observer.Find("[data-testid=vote-observer]").TextContent));
        Assert.Empty(observer.FindAll("[data-testid=vote-plus]"));
    }

    [Fact]
    public async Task Results_and_the_moderators_count_are_in_bulgarian()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Closed());
        var cut = RenderPanel("v1", moderate: true);
        cut.WaitForAssertion(() => Assert.Equal("Резултати", cut.Find("h3").TextContent));
        Assert.Contains("равенство", cut.FindAll("[data-testid=vote-results] li")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("3 точки", cut.FindAll("[data-testid=vote-results] li")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Изтегли резултатите (CSV)", cut.Find("[data-testid=vote-csv]").TextContent);

        Http.Json("/api/labs/l1/sessions/s1/votes/v2", Votes.Open([], voters: 1) with { Id = "v2" });
        var open = RenderPanel("v2", moderate: true);
        open.WaitForAssertion(() => Assert.Equal("Досега е гласувал 1 човек", open.Find("[data-testid=vote-voters]").TextContent));
        await Live.RaiseAsync(LiveEvents.VoteChanged, "s1", Votes.Open(null, voters: 3, version: 2) with { Id = "v2" });
        open.WaitForAssertion(() => Assert.Equal("Досега са гласували 3 души", open.Find("[data-testid=vote-voters]").TextContent));
        Assert.Equal("Приключи гласуването", open.Find("[data-testid=vote-close]").TextContent);
    }
}
