namespace Climaborough.Web.Tests.Start;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Climaborough.Web.Start;

public sealed class StartPageTests : WebTestContext
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    internal static void ServeIvansWork(StubHttpHandler http, string lab = "Circular Sofia", string board = "Market street ideas")
    {
        var summary = new LabSummary("l1", "sofia", lab, LabThemes.WasteToCircularity, LabVisibility.Private, 3, DateTimeOffset.UnixEpoch);
        http.Json("/api/me/labs", new[] { new MyLab(summary, LabRole.Member) });
        http.Json("/api/labs/l1", new LabDetails(summary, string.Empty, string.Empty, [],
            [new LabContent("board", "b-old", "Old sketches", Monday.AddDays(-30)), new LabContent("board", "b1", board, Monday.AddDays(-1)), new LabContent("thread", "t1", "Bike lanes", Monday)],
            [], LabRole.Member));
        http.Json("/api/labs/l1/sessions", new[]
        {
            new SessionSummary("s-past", "l1", "Last month's workshop", Monday.AddDays(-30), SessionPhase.Ended, 3, DateTimeOffset.UnixEpoch),
            new SessionSummary("s1", "l1", "Safer school streets", Monday, SessionPhase.Scheduled, 4, DateTimeOffset.UnixEpoch),
        });
        http.Json("/api/me/notifications", new NotificationList([new NotificationItem("n1", NotificationKind.Reply, "Maria Petrova", "Bike lanes", "Agreed", "/labs/l1/threads/t1", Monday, false)], 1));
    }

    [Fact]
    public void A_signed_in_person_starts_from_their_labs_boards_workshops_and_news()
    {
        AddAuthorization().SetAuthorized("Ivan Georgiev");
        ServeIvansWork(Http);

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Contains("Circular Sofia", cut.Find("[data-testid=start-labs]").TextContent, StringComparison.Ordinal));
        Assert.Contains("member · 3 members", cut.Find("[data-testid=start-labs]").TextContent, StringComparison.Ordinal);

        // Boards of the lab, newest first; threads are not boards.
        var boards = cut.FindAll("[data-testid=start-boards] li a");
        Assert.Equal(["Market street ideas", "Old sketches"], boards.Select(a => a.TextContent));
        Assert.Equal("boards/b1", boards[0].GetAttribute("href"));

        // Only workshops still to come, with their date in European style.
        var workshops = cut.Find("[data-testid=start-workshops]");
        Assert.Contains("Safer school streets", workshops.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Last month's workshop", workshops.TextContent, StringComparison.Ordinal);
        Assert.Equal("labs/l1/sessions/s1", workshops.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(Monday.ToLocalTime().ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), workshops.TextContent, StringComparison.Ordinal);

        var news = cut.Find("[data-testid=start-news] li");
        Assert.Equal("Maria Petrova replied in “Bike lanes”", news.QuerySelector("a")!.TextContent);
        Assert.Equal("labs/l1/threads/t1", news.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=city-list]"));
    }

    [Fact]
    public void A_newcomer_without_labs_is_told_what_to_do_next()
    {
        AddAuthorization().SetAuthorized("Olga Novak");
        Http.Json("/api/me/labs", Array.Empty<MyLab>());
        Http.Json("/api/me/notifications", new NotificationList([], 0));

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=start-no-labs]")));
        Assert.Equal("labs", cut.Find("[data-testid=start-no-labs] a").GetAttribute("href"));
        Assert.Equal("Your labs have no board yet.", cut.Find("[data-testid=my-boards-empty]").TextContent);
    }

    [Fact]
    public void Visitors_who_are_not_signed_in_meet_the_cities()
    {
        AddAuthorization().SetNotAuthorized();
        Http.Json("/api/cities", Array.Empty<CityDto>());

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal("Partner cities", cut.Find("h1").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=start-labs]"));
    }

    [Fact]
    public void The_boards_page_lists_the_boards_of_ones_labs()
    {
        AddAuthorization().SetAuthorized("Ivan Georgiev");
        ServeIvansWork(Http);

        var cut = Render<BoardList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=my-boards] li").Count));
        Assert.Equal("Market street ideas", cut.Find("[data-testid=my-boards] li a").TextContent);
    }
}

public sealed class StartPageInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_start_page_speaks_bulgarian()
    {
        AddAuthorization().SetAuthorized("Иван Георгиев");
        StartPageTests.ServeIvansWork(Http, "Кръгова София", "Идеи за пазара");

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal("Вашето начало", cut.Find("h1").TextContent));
        Assert.Contains("член · 3 членове", cut.Find("[data-testid=start-labs]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Дъски, по които работите", cut.Find("#start-boards").TextContent);
        Assert.Equal("Идеи за пазара", cut.Find("[data-testid=start-boards] li a").TextContent);
    }
}
