namespace Climaborough.Web.Tests.Comments;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Comments;

/// <summary>The comments panel, its composer and the pins: what the server sent, filtered, live, in English and Bulgarian.</summary>
public abstract class BoardCommentsTestsBase(string culture) : WebTestContext(culture)
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    protected static readonly IReadOnlyDictionary<string, BoardElement> Elements = new Dictionary<string, BoardElement>
    {
        ["n1"] = Note("n1", "Bike racks by the school", 100, 50),
        ["n2"] = Note("n2", "A bench", 400, 50),
    };

    protected static CommentThreadView Thread(string id, string? elementId, string author, string body, int minutes, bool resolved = false, params string[] mentions) =>
        new(id, "b1", new CommentAnchor(elementId, 10, 0), [new CommentView("c1", author, author == "u-ivan" ? "Ivan" : "Giulia", body, $"<p>{body}</p>", T0.AddMinutes(minutes), null, 0, false)],
            resolved, resolved ? "Ivan" : null, resolved ? T0.AddMinutes(minutes) : null, T0.AddMinutes(minutes), T0.AddMinutes(minutes), mentions);

    protected static BoardCommentsView View(params CommentThreadView[] threads) => new("b1", threads, CanComment: true, CanModerate: false);

    protected IRenderedComponent<BoardComments> RenderPanel(BoardCommentsView view, string? selected = null, string userId = "u-ivan")
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Comments("b1", "l1"), view);
        return Render<BoardComments>(p => p.Add(x => x.BoardId, "b1").Add(x => x.LabId, "l1").Add(x => x.UserId, userId).Add(x => x.Elements, Elements)
            .Add(x => x.SelectedId, selected).Add(x => x.Open, true).Add(x => x.ViewCentre, (500.0, 300.0)));
    }

    private static BoardElement Note(string id, string text, double x, double y) =>
        new(id, ElementKind.Note, x, y, 120, 80, 0, "#ffeb3b", text, null, null, null, "u-someone", default, default);
}

public sealed class BoardCommentsTests() : BoardCommentsTestsBase("en")
{
    [Fact]
    public void The_panel_lists_open_threads_newest_first_and_filters_resolved_ones_and_mentions()
    {
        var cut = RenderPanel(View(
            Thread("k1", "n1", "u-giulia", "Older", 1, false, "u-ivan"),
            Thread("k2", null, "u-ivan", "Newer", 5),
            Thread("k3", "gone", "u-giulia", "Done", 3, resolved: true)));

        cut.WaitForAssertion(() => Assert.Equal(["k2", "k1"], cut.FindAll("[data-testid=comment-thread]").Select(t => t.GetAttribute("data-thread"))));
        Assert.Equal("Comments (2 open)", cut.Find("[data-testid=comments-toggle]").TextContent.Trim());
        Assert.Equal(["On the board", "On “Bike racks by the school”"], cut.FindAll("[data-testid=comment-where]").Select(w => w.TextContent.Trim()));

        cut.Find("[data-testid=comments-mentions-me]").Change(true);
        Assert.Equal(["k1"], cut.FindAll("[data-testid=comment-thread]").Select(t => t.GetAttribute("data-thread")));

        cut.Find("[data-testid=comments-mentions-me]").Change(false);
        cut.Find("[data-testid=comments-show-resolved]").Click();
        var resolved = Assert.Single(cut.FindAll("[data-testid=comment-thread]"));
        Assert.Contains("On a deleted note", resolved.TextContent, StringComparison.Ordinal);
        Assert.Contains("resolved by Ivan", resolved.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_composer_comments_on_the_selected_note_and_only_the_author_sees_resolve()
    {
        var made = Thread("k9", "n2", "u-ivan", "Nice spot", 9);
        Http.Json("/api/boards/b1/comments", made, "POST");
        var cut = RenderPanel(View(Thread("k1", "n1", "u-giulia", "Hers", 1)), selected: "n2");

        cut.WaitForAssertion(() => Assert.Contains("Comment on “A bench”", cut.Find("[data-testid=comment-new]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=comment-resolve]")); // Giulia's thread: Ivan is no moderator
        cut.Find("[data-testid=comment-draft]").Input("Nice spot");
        cut.Find("[data-testid=comment-new]").Submit();

        var sent = Assert.Single(Http.Requests, r => r.Method == "POST");
        Assert.Contains("\"elementId\":\"n2\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Nice spot", sent.Body, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal("k9", cut.FindAll("[data-testid=comment-thread]")[0].GetAttribute("data-thread")));
        Assert.Single(cut.FindAll("[data-testid=comment-resolve]")); // his own new thread
    }

    [Fact]
    public async Task A_thread_someone_else_opens_appears_live_and_the_author_resolves_it()
    {
        var cut = RenderPanel(View(), userId: "u-giulia");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=comments-empty]")));

        var live = Thread("k4", "n1", "u-giulia", "Is this the corner?", 2);
        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.CommentThreadChanged, "b1", live));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=comment-thread]")));

        Http.Json("/api/boards/b1/comments/k4/resolved", live with { Resolved = true, ResolvedBy = "Giulia", ResolvedAt = T0.AddMinutes(3), LastActivityAt = T0.AddMinutes(3) }, "PUT");
        cut.Find("[data-testid=comment-resolve]").Click();
        cut.WaitForAssertion(() => Assert.Contains("No open comments.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == "/api/boards/b1/comments/k4/resolved" && r.Body!.Contains("true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_comment_another_moderator_hides_shows_as_hidden_live_with_its_text_only_for_moderators(bool moderator)
    {
        var open = Thread("k5", "n1", "u-giulia", "Call 0888 123 456", 2);
        var cut = RenderPanel(View(open) with { CanModerate = moderator });
        cut.WaitForAssertion(() => Assert.Contains("Call 0888 123 456", cut.Find("[data-testid=comment-body]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=comment-hidden]"));

        // What the hub sends when a moderator hides it: the flag, and no text (what every reader may see).
        var hidden = open with { Comments = [open.Comments[0] with { Hidden = true, Body = string.Empty, Html = string.Empty }] };
        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.CommentThreadChanged, "b1", hidden));

        cut.WaitForAssertion(() => Assert.Equal("Hidden by a moderator.", cut.Find("[data-testid=comment-hidden]").TextContent.Trim()));
        if (moderator)
        {
            Assert.Contains("Call 0888 123 456", cut.Find("[data-testid=comment-body]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Show", cut.Find("[data-testid=comment-hide]").TextContent.Trim());
        }
        else
        {
            Assert.DoesNotContain("0888", cut.Markup, StringComparison.Ordinal);
            Assert.Empty(cut.FindAll("[data-testid=comment-hide]"));
        }
    }

    [Fact]
    public void Pins_carry_the_open_count_follow_their_element_and_leave_out_resolved_and_deleted_ones()
    {
        var threads = new[]
        {
            Thread("k1", "n1", "u-giulia", "One", 1),
            Thread("k2", "n1", "u-ivan", "Two", 2),
            Thread("k3", "n2", "u-ivan", "Done", 3, resolved: true),
            Thread("k4", "gone", "u-ivan", "On a deleted note", 4),
        };
        var opened = new List<string>();
        var cut = Render<CommentPins>(p => p.Add(x => x.Threads, threads).Add(x => x.Elements, Elements).Add(x => x.OnOpen, id => opened.Add(id)));

        var pin = Assert.Single(cut.FindAll("[data-testid=comment-pin]"));
        Assert.Equal("n1", pin.GetAttribute("data-element"));
        Assert.Equal("2", pin.QuerySelector("[data-testid=comment-pin-count]")!.TextContent);
        Assert.Equal("2 open comment threads", pin.GetAttribute("aria-label"));
        Assert.StartsWith("translate(110 50)", pin.GetAttribute("transform"), StringComparison.Ordinal);

        pin.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(["k2"], opened);
    }
}

public sealed class BoardCommentsTestsInBulgarian() : BoardCommentsTestsBase("bg")
{
    [Fact]
    public void The_panel_and_the_pins_speak_Bulgarian()
    {
        var cut = RenderPanel(View(Thread("k1", "gone", "u-giulia", "Тук ли?", 1)));
        cut.WaitForAssertion(() => Assert.Equal("Коментари (1 отворен)", cut.Find("[data-testid=comments-toggle]").TextContent.Trim()));
        Assert.Equal("Към изтрита бележка", cut.Find("[data-testid=comment-where]").TextContent.Trim());
        Assert.Equal("Изпрати отговора", cut.Find("[data-testid=comment-reply]").TextContent.Trim());

        var pins = Render<CommentPins>(p => p.Add(x => x.Threads, [Thread("k2", "n1", "u-ivan", "Да", 2)]).Add(x => x.Elements, Elements));
        Assert.Equal("1 отворена нишка с коментари", pins.Find("[data-testid=comment-pin]").GetAttribute("aria-label"));
    }
}
