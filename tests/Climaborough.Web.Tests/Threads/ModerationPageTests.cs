namespace Climaborough.Web.Tests.Threads;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Threads;

public sealed class ModerationPageTests : WebTestContext
{
    private static ReviewItem Item(string postId, string text) => new(
        "t1",
        "Bike lanes on Vitosha",
        ThreadPagesTests.Post(postId, "u2", "Ivan Georgiev", $"<p>{text}</p>") with { Body = text, Flagged = postId == "p3", Reports = 1 },
        ["Advertising", "Off topic"]);

    [Fact]
    public void The_review_queue_lists_reported_posts_and_hiding_one_removes_it()
    {
        Http.Json("/api/labs/l1/moderation", new[] { Item("p2", "Buy cheap bikes"), Item("p3", "Flagged text") });
        Http.Json("/api/labs/l1/threads/t1/posts/p2/moderation", ThreadPagesTests.Post("p2", "u2", "Ivan Georgiev", "<p>Buy cheap bikes</p>") with { Hidden = true }, "PUT");
        Http.Json("/api/labs/l1/threads/t1/posts/p3/moderation", ThreadPagesTests.Post("p3", "u2", "Ivan Georgiev", "<p>Flagged text</p>"), "PUT");
        var cut = Render<Moderation>(p => p.Add(m => m.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=review-item]").Count));
        var item = cut.Find("[data-testid=review-item][data-post=p2]");
        Assert.Equal("labs/l1/threads/t1#p2", item.QuerySelector("[data-testid=review-thread]")!.GetAttribute("href"));
        Assert.Equal("Bike lanes on Vitosha", item.QuerySelector("[data-testid=review-thread]")!.TextContent);
        Assert.Contains("Ivan Georgiev", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("Buy cheap bikes", item.QuerySelector("[data-testid=review-text]")!.TextContent);
        Assert.Equal(["Advertising", "Off topic"], item.QuerySelectorAll("[data-testid=review-reasons] li").Select(li => li.TextContent).ToArray());

        cut.Find("[data-testid=review-item][data-post=p2] [data-testid=review-hide]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=review-item]")));
        var sent = Http.Requests.Single(r => r.Method == "PUT" && r.Path.EndsWith("/p2/moderation", StringComparison.Ordinal)).Body!;
        Assert.Contains("\"hidden\":true", sent, StringComparison.Ordinal);
        Assert.Contains("\"flagged\":false", sent, StringComparison.Ordinal);

        // Keeping the other one clears its flag and shows it again (hidden false).
        cut.Find("[data-testid=review-keep]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=queue-empty]")));
        Assert.Contains("\"hidden\":false", Http.Requests.Single(r => r.Method == "PUT" && r.Path.EndsWith("/p3/moderation", StringComparison.Ordinal)).Body!, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_moderators_are_told_the_queue_is_for_moderators()
    {
        var cut = Render<Moderation>(p => p.Add(m => m.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Equal("Only the lab's moderators see the review queue.", cut.Find("[data-testid=moderation-refused]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=review-item]"));
    }
}
