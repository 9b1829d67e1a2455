namespace Climaborough.Web.Tests.Boards;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Boards;

public sealed class BoardHistoryTests : WebTestContext
{
    [Fact]
    public void Versions_are_listed_newest_first_with_counts_and_restore_reports_the_version()
    {
        long? restored = null;
        long? previewed = null;
        var versions = new[]
        {
            new BoardVersion(500, DateTimeOffset.UnixEpoch.AddDays(1), 40, new Dictionary<string, int> { ["demo:maria"] = 300, ["demo:ivan"] = 200 }),
            new BoardVersion(1000, DateTimeOffset.UnixEpoch.AddDays(2), 55, new Dictionary<string, int> { ["demo:ivan"] = 500 }),
        };
        var cut = Render<BoardHistory>(p => p.Add(h => h.Versions, versions).Add(h => h.OnRestore, (long v) => restored = v).Add(h => h.OnPreview, (long v) => previewed = v));

        var items = cut.FindAll("li[data-version]");
        Assert.Equal(["1000", "500"], items.Select(i => i.GetAttribute("data-version")));
        Assert.Contains("40 elements · 500 changes", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("maria, ivan", items[1].TextContent, StringComparison.Ordinal);

        items[1].QuerySelectorAll("button").Single(b => b.TextContent == "Preview").Click();
        Assert.Equal(500, previewed);
        Assert.Null(restored);
        cut.FindAll("li[data-version]")[1].QuerySelectorAll("button").Single(b => b.TextContent == "Restore").Click();
        Assert.Equal(500, restored);
    }

    [Fact]
    public void No_versions_says_when_one_will_be_kept()
    {
        var cut = Render<BoardHistory>(p => p.Add(h => h.Versions, Array.Empty<BoardVersion>()));
        Assert.Contains("every 500 changes", cut.Find(".empty").TextContent, StringComparison.Ordinal);
    }
}

public sealed class BoardHistoryInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_panel_speaks_bulgarian()
    {
        var cut = Render<BoardHistory>(p => p.Add(h => h.Versions, new[] { new BoardVersion(20, DateTimeOffset.UnixEpoch, 3, new Dictionary<string, int> { ["demo:maria"] = 20 }) }));
        Assert.Equal("Версии", cut.Find("h2").TextContent);
        Assert.Contains("3 елемента · 20 промени", cut.Find("li").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Преглед", "Възстанови"], cut.FindAll("button").Select(b => b.TextContent));
    }
}
