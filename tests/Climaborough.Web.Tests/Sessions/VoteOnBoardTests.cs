namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Sessions;
using Climaborough.Web.Sessions.Workshop;

/// <summary>A board for the vote-on-the-board tests: a frame "Ideas" around n1 and n2, n3 outside it, and an empty frame.</summary>
internal static class VoteBoard
{
    public static readonly IReadOnlyDictionary<string, BoardElement> Elements = new[]
    {
        Element("f1", ElementKind.Frame, 0, 0, 600, 400, "Ideas"),
        Element("n1", ElementKind.Note, 20, 200, 160, 120, "Speed bumps"),
        Element("n2", ElementKind.Note, 300, 40, 160, 120, "Crossing guard"),
        Element("n3", ElementKind.Note, 700, 40, 160, 120, string.Empty),
        Element("c1", ElementKind.Connector, 0, 0, 0, 0, string.Empty),
        Element("f2", ElementKind.Frame, 1000, 0, 300, 300, string.Empty),
    }.ToDictionary(e => e.Id, StringComparer.Ordinal);

    private static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h, string text) =>
        new(id, kind, x, y, w, h, 1, "#fff176", text, kind == ElementKind.Connector ? "n1" : null, kind == ElementKind.Connector ? "n2" : null, null, "demo:ivan", default, default);
}

public abstract class VoteOnBoardTestsBase(string culture) : WebTestContext(culture)
{
    protected VoteOnBoard State { get; } = new();

    protected IRenderedComponent<VotePanel> RenderPanel(string? voteId, bool moderate = false, bool vote = true, IReadOnlyCollection<string>? selected = null) =>
        Render<VotePanel>(p => p.Add(v => v.LabId, "l1").Add(v => v.SessionId, "s1").Add(v => v.VoteId, voteId).Add(v => v.CanModerate, moderate).Add(v => v.CanVote, vote)
            .Add(v => v.BoardElements, () => VoteBoard.Elements).Add(v => v.SelectedIds, selected ?? []).Add(v => v.OnBoard, State));

    protected IRenderedComponent<VoteDotsOnBoard> RenderDots() =>
        Render<VoteDotsOnBoard>(p => p.Add(d => d.State, State).Add(d => d.Elements, VoteBoard.Elements));

    /// <summary>Answers dot calls like the server would for one person: their dots as they place and remove them.</summary>
    protected void AnswerLikeTheServer()
    {
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
    }
}

public sealed class VoteOnBoardTests() : VoteOnBoardTestsBase("en")
{
    [Fact]
    public void A_participant_places_and_removes_dots_by_clicking_on_the_items_and_the_panel_counts_them()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open([]));
        AnswerLikeTheServer();
        var panel = RenderPanel("v1");
        var dots = RenderDots();

        dots.WaitForAssertion(() => Assert.Equal(3, dots.FindAll("[data-testid=vote-badge]").Count));
        Assert.Equal("Place a dot on “Speed bumps” (3 left)", dots.Find("[data-item=n1] [data-testid=vote-badge-add] title").TextContent);
        Assert.Equal("Place a dot on “(no text)” (3 left)", dots.Find("[data-item=n3] [data-testid=vote-badge-add] title").TextContent);
        Assert.Empty(dots.FindAll("[data-testid=vote-badge-dot]"));

        dots.Find("[data-item=n1] [data-testid=vote-badge-add]").Click();
        dots.WaitForAssertion(() => Assert.Single(dots.FindAll("[data-item=n1] [data-testid=vote-badge-dot]")));
        panel.WaitForAssertion(() => Assert.Equal("2 of 3 dots left", panel.Find("[data-testid=vote-dots-left]").TextContent));
        Assert.Equal("●", panel.Find("li[data-item=n1] [data-testid=vote-mine]").TextContent);
        Assert.Equal("Place a dot on “Crossing guard” (2 left)", dots.Find("[data-item=n2] [data-testid=vote-badge-add] title").TextContent);

        // At most two on one item: after the second, the item has no "+" any more.
        dots.Find("[data-item=n1] [data-testid=vote-badge-add]").Click();
        dots.WaitForAssertion(() => Assert.Equal(2, dots.FindAll("[data-item=n1] [data-testid=vote-badge-dot]").Count));
        Assert.Empty(dots.FindAll("[data-item=n1] [data-testid=vote-badge-add]"));

        // The last dot by keyboard; then no item takes one more (the "+" is shown but off).
        dots.Find("[data-item=n2] [data-testid=vote-badge-add]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        panel.WaitForAssertion(() => Assert.Equal("0 of 3 dots left", panel.Find("[data-testid=vote-dots-left]").TextContent));
        dots.WaitForAssertion(() => Assert.Equal("true", dots.Find("[data-item=n3] [data-testid=vote-badge-add]").GetAttribute("aria-disabled")));
        dots.Find("[data-item=n3] [data-testid=vote-badge-add]").Click();

        // A click on one of one's dots takes it off.
        Assert.Equal("Take a dot off “Speed bumps”", dots.Find("[data-item=n1] [data-testid=vote-badge-dot] title").TextContent);
        dots.Find("[data-item=n1] [data-testid=vote-badge-dot]").Click();
        dots.WaitForAssertion(() => Assert.Single(dots.FindAll("[data-item=n1] [data-testid=vote-badge-dot]")));
        panel.WaitForAssertion(() => Assert.Equal("1 of 3 dots left", panel.Find("[data-testid=vote-dots-left]").TextContent));

        // The refused click on n3 never reached the server; each click was its own request.
        Assert.Equal(
            [(nameof(ILiveHub.PlaceDot), "n1"), (nameof(ILiveHub.PlaceDot), "n1"), (nameof(ILiveHub.PlaceDot), "n2"), (nameof(ILiveHub.RemoveDot), "n1")],
            Live.VoteCalls.Select(c => (c.Method, c.ItemId!)));
        Assert.Equal(4, Live.VoteCalls.Select(c => c.RequestId).Distinct().Count());
    }

    [Fact]
    public void Results_are_drawn_on_the_items_with_their_dots_and_ranks_and_ties_as_ties()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Closed());
        RenderPanel("v1");
        var dots = RenderDots();

        dots.WaitForAssertion(() => Assert.Equal(3, dots.FindAll("[data-testid=vote-result-badge]").Count));
        var first = dots.Find("[data-testid=vote-result-badge][data-item=n2]");
        Assert.Equal("3 ● · #1", first.QuerySelector("text")!.TextContent);
        Assert.Equal("false", first.GetAttribute("data-tied"));
        foreach (var tied in new[] { "n1", "n3" })
        {
            var badge = dots.Find($"[data-testid=vote-result-badge][data-item={tied}]");
            Assert.Equal("1 ● · #2, tie", badge.QuerySelector("text")!.TextContent);
            Assert.Equal("true", badge.GetAttribute("data-tied"));
        }

        // Nobody places dots on a closed vote.
        Assert.Empty(dots.FindAll("[data-testid=vote-badge-add]"));
    }

    [Fact]
    public async Task An_observer_sees_no_dots_to_place_and_the_badges_go_when_the_vote_step_is_over()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open([]));
        var observer = RenderPanel("v1", vote: false);
        var dots = RenderDots();
        observer.WaitForAssertion(() => Assert.NotNull(observer.Find("[data-testid=vote-observer]")));
        Assert.Empty(dots.FindAll("[data-testid=vote-badge]"));

        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Closed());
        var voter = RenderPanel("v1");
        dots.WaitForAssertion(() => Assert.Equal(3, dots.FindAll("[data-testid=vote-result-badge]").Count));
        await voter.Instance.DisposeAsync();
        dots.WaitForAssertion(() => Assert.Empty(dots.FindAll("[data-testid=vote-dots]")));
    }

    [Fact]
    public void The_moderator_starts_a_vote_on_a_frame_on_the_selection_or_on_the_whole_board()
    {
        Live.SetState(LiveState.Connected);
        Live.AnswerVote = (_, _, _) => new VoteAnswer(false, null, ErrorCodes.VoteAlreadyOpen, "A vote is open already.");
        var cut = RenderPanel(null, moderate: true, selected: ["n3", "f1", "c1"]);

        var options = cut.FindAll("[data-testid=vote-scope] option");
        Assert.Equal(
            ["The whole board", "The selection (3 items)", "Frame “Ideas” (2 items)", "Frame “untitled” (0 items)"],
            options.Select(o => o.TextContent));

        cut.Find("[data-testid=vote-scope]").Change("frame:f1");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Single(Live.StartVoteRequests));

        // A selected frame stands for what is inside it; connectors carry no dots.
        cut.Find("[data-testid=vote-scope]").Change("selection");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, Live.StartVoteRequests.Count));

        cut.Find("[data-testid=vote-scope]").Change("board");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(3, Live.StartVoteRequests.Count));

        // The items in the board's reading order (top to bottom); the whole board is the server's choice.
        Assert.Equal(["n2", "n1"], Live.StartVoteRequests[0].ElementIds!);
        Assert.Equal(["n2", "n3", "n1"], Live.StartVoteRequests[1].ElementIds!);
        Assert.Null(Live.StartVoteRequests[2].ElementIds);
        Assert.Equal(3, Live.StartVoteRequests.Select(r => r.RequestId).Distinct().Count());

        // An empty frame is explained, and nothing is sent.
        cut.Find("[data-testid=vote-scope]").Change("frame:f2");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("There is nothing to vote on there: choose a frame with notes in it, or select some notes.", cut.Find("[data-testid=vote-message]").TextContent));
        Assert.Equal(3, Live.StartVoteRequests.Count);
    }
}

public sealed class VoteOnBoardBulgarianTests() : VoteOnBoardTestsBase("bg")
{
    [Fact]
    public void The_dots_on_the_items_and_the_results_speak_bulgarian()
    {
        Live.SetState(LiveState.Connected);
        Http.Json("/api/labs/l1/sessions/s1/votes/v1", Votes.Open(["n2"]));
        RenderPanel("v1");
        var dots = RenderDots();
        dots.WaitForAssertion(() => Assert.Single(dots.FindAll("[data-item=n2] [data-testid=vote-badge-dot]")));
        Assert.Equal("Добави точка на „Speed bumps“ (остават 2)", dots.Find("[data-item=n1] [data-testid=vote-badge-add] title").TextContent);
        Assert.Equal("Махни точка от „Crossing guard“", dots.Find("[data-item=n2] [data-testid=vote-badge-dot] title").TextContent);

        Http.Json("/api/labs/l1/sessions/s1/votes/v2", Votes.Closed() with { Id = "v2" });
        var closed = new VoteOnBoard();
        Render<VotePanel>(p => p.Add(v => v.LabId, "l1").Add(v => v.SessionId, "s1").Add(v => v.VoteId, "v2").Add(v => v.OnBoard, closed));
        var results = Render<VoteDotsOnBoard>(p => p.Add(d => d.State, closed).Add(d => d.Elements, VoteBoard.Elements));
        results.WaitForAssertion(() => Assert.Equal("3 ● · №1", results.Find("[data-item=n2] text").TextContent));
        Assert.Equal("1 ● · №2, равенство", results.Find("[data-item=n1] text").TextContent);
    }

    [Fact]
    public void The_vote_scope_picker_speaks_bulgarian()
    {
        Live.SetState(LiveState.Connected);
        var cut = RenderPanel(null, moderate: true, selected: ["n1"]);
        Assert.Equal("Гласуване за", cut.Find("[data-testid=vote-scope]").ParentElement!.FirstChild!.TextContent.Trim());
        Assert.Equal(
            ["Цялата дъска", "Избраното (1 елем.)", "Рамка „Ideas“ (2 елем.)", "Рамка „без заглавие“ (0 елем.)"],
            cut.FindAll("[data-testid=vote-scope] option").Select(o => o.TextContent));
        Assert.Equal("Започни гласуването", cut.Find("[data-testid=vote-start-button]").TextContent);

        cut.Find("[data-testid=vote-scope]").Change("frame:f2");
        cut.Find("[data-testid=vote-start]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Там няма за какво да се гласува: изберете рамка с бележки в нея или маркирайте няколко бележки.", cut.Find("[data-testid=vote-message]").TextContent));
        Assert.Empty(Live.StartVoteRequests);
    }
}
