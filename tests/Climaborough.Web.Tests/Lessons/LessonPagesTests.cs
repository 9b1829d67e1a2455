namespace Climaborough.Web.Tests.Lessons;

using System.Net;
using Bunit;
using Bunit.TestDoubles;
using Climaborough.Contracts;
using Climaborough.Web.Lessons;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

public sealed class LessonPagesTests : WebTestContext
{
    internal static readonly CityDto[] Cities =
    [
        new("sofia", "София (Sofia)", "BG", ["bg"], DateTimeOffset.UnixEpoch),
        new("velenje", "Velenje", "SI", ["sl"], DateTimeOffset.UnixEpoch),
    ];

    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    internal static LessonSummary Summary(params string[] adoptedBy) => new(
        "ls1", "Pop-up bike lanes before concrete", LessonKind.GoodPractice, "sofia", "l1", LabThemes.EnergyAndMobility, ["cycling", "tactical urbanism"],
        LessonVisibility.Public, "Maria Petrova", At, adoptedBy, "Paint and bollards first; measure; then build.");

    internal static LessonView View(bool canAdopt, params LessonAdoption[] adoptions) => new(
        Summary([.. adoptions.Select(a => a.CityId)]),
        "Vitosha had *no* lanes.", "Paint.", "Cyclists came.", "Talk to shops earlier.",
        "<p>Vitosha had <em>no</em> lanes.</p>", "<p>Paint.</p>", "<p>Cyclists came.</p>", "<p>Talk to <strong>shops</strong> earlier.</p>",
        "b1", adoptions, canAdopt);

    private NavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public void The_library_searches_with_the_chosen_filters()
    {
        Http.Json("/api/cities", Cities);
        Http.Json("/api/lessons", new[] { Summary("velenje", "sofia") });
        var cut = Render<LessonList>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lesson-result]")));
        var result = cut.Find("[data-testid=lesson-result]");
        Assert.Equal("lessons/ls1", result.QuerySelector("[data-testid=lesson-link]")!.GetAttribute("href"));
        Assert.Contains("Good practice", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("София (Sofia)", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("Energy and mobility integration", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("tactical urbanism", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("Paint and bollards first", result.TextContent, StringComparison.Ordinal);
        Assert.Equal("adopted by 2 cities", cut.Find("[data-testid=lesson-adopted-count]").TextContent);

        cut.Find("[data-testid=lesson-search-text]").Change("bike lanes");
        cut.Find("[data-testid=lesson-filter-city]").Change("sofia");
        cut.Find("[data-testid=lesson-filter-kind]").Change("GoodPractice");
        cut.Find("[data-testid=lesson-search]").Submit();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Path == "/api/lessons" && r.Query == "?q=bike%20lanes&city=sofia&kind=GoodPractice"));
        Assert.Contains("q=bike", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("kind=GoodPractice", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_starts_from_the_filters_in_the_address_and_says_when_nothing_matches()
    {
        Http.Json("/api/cities", Cities);
        Http.Json("/api/lessons", Array.Empty<LessonSummary>());
        Navigation.NavigateTo("lessons?q=heat&theme=waste-to-circularity&tag=trees&kind=Lesson");
        var cut = Render<LessonList>();

        cut.WaitForAssertion(() => Assert.Equal("No lessons match this search.", cut.Find("[data-testid=lessons-empty]").TextContent));
        Assert.Equal("?q=heat&theme=waste-to-circularity&tag=trees&kind=Lesson", Http.Requests.Single(r => r.Path == "/api/lessons").Query);
        Assert.Equal("heat", cut.Find("[data-testid=lesson-search-text]").GetAttribute("value"));
        Assert.Equal("trees", cut.Find("[data-testid=lesson-filter-tag]").GetAttribute("value"));
    }

    [Fact]
    public void A_lesson_shows_its_fields_and_sources_and_a_city_adopts_it()
    {
        Http.Json("/api/cities", Cities);
        Http.Json("/api/me", new Me("u2", "Ivan Georgiev", "velenje", ["member"]));
        Http.Json("/api/lessons/ls1", View(true, new LessonAdoption("sofia", "Maria Petrova", At)), "GET");
        Http.Json("/api/lessons/ls1/adopted", View(true, new LessonAdoption("sofia", "Maria Petrova", At), new LessonAdoption("velenje", "Ivan Georgiev", At)), "PUT");
        var cut = Render<Lesson>(p => p.Add(l => l.LessonId, "ls1"));

        cut.WaitForAssertion(() => Assert.Equal("Pop-up bike lanes before concrete", cut.Find("[data-testid=lesson-title]").TextContent));
        Assert.Equal("no", cut.Find("[data-testid=lesson-context] em").TextContent);
        Assert.Equal("shops", cut.Find("[data-testid=lesson-differently] strong").TextContent);
        Assert.Equal(["Context", "What we tried", "What happened", "What we would do differently", "Adopted by"], cut.FindAll("article h2").Select(h => h.TextContent).ToArray());
        Assert.Equal("boards/b1", cut.Find("[data-testid=lesson-board-link]").GetAttribute("href"));
        Assert.Equal("labs/l1", cut.Find("[data-testid=lesson-lab-link]").GetAttribute("href"));
        Assert.Single(cut.FindAll("[data-testid=adopted-by] li"));
        Assert.Equal("Mark adopted by my city", cut.Find("[data-testid=adopt-lesson]").TextContent.Trim());

        cut.Find("[data-testid=adopt-lesson]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=adopted-by] li").Count));
        Assert.Contains("Velenje", cut.Find("[data-testid=adopted-by] li[data-city=velenje]").TextContent, StringComparison.Ordinal);
        Assert.Equal("No longer adopted", cut.Find("[data-testid=adopt-lesson]").TextContent.Trim());
        var put = Http.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("/api/lessons/ls1/adopted", put.Path);
        Assert.Contains("\"adopted\":true", put.Body!, StringComparison.Ordinal);
    }

    [Fact]
    public void Readers_who_may_not_adopt_get_no_button()
    {
        Http.Json("/api/cities", Cities);
        Http.Json("/api/lessons/ls1", View(false));
        var cut = Render<Lesson>(p => p.Add(l => l.LessonId, "ls1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=adopted-by-none]")));
        Assert.Empty(cut.FindAll("[data-testid=adopt-lesson]"));
    }

    [Fact]
    public void The_editor_sends_the_structured_fields_and_opens_the_published_lesson()
    {
        Http.Json("/api/labs/l1", new LabDetails(
            new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.EnergyAndMobility, LabVisibility.Network, 2, DateTimeOffset.UnixEpoch),
            string.Empty,
            string.Empty,
            [],
            [new LabContent("board", "b1", "Vitosha boulevard", DateTimeOffset.UnixEpoch), new LabContent("thread", "t1", "Not a board", DateTimeOffset.UnixEpoch)],
            [],
            LabRole.Member));
        Http.Json("/api/labs/l1/lessons", View(false) with { Summary = Summary() with { Id = "ls9" } }, "POST");
        Navigation.NavigateTo("lessons/new?lab=l1");
        var cut = Render<LessonEditor>();

        cut.WaitForAssertion(() => Assert.Equal(LabThemes.EnergyAndMobility, cut.Find("[data-testid=lesson-theme-input]").GetAttribute("value")));
        Assert.Equal(2, cut.FindAll("[data-testid=lesson-board-select] option").Count);

        cut.Find("[data-testid=lesson-title-input]").Change("Pop-up lanes");
        cut.Find("[data-testid=lesson-kind-goodpractice]").Change("GoodPractice");
        cut.Find("[data-testid=lesson-context-input]").Input("Vitosha had *no* lanes.");
        Assert.Equal("no", cut.Find("[data-testid=lesson-context-input-preview] em").TextContent);
        cut.Find("[data-testid=lesson-tried-input]").Input("Paint.");
        cut.Find("[data-testid=lesson-happened-input]").Input("Cyclists came.");
        cut.Find("[data-testid=lesson-differently-input]").Input("Talk to shops earlier.");
        cut.Find("[data-testid=lesson-tags-input]").Change("cycling, tactical urbanism, , Cycling");
        cut.Find("[data-testid=lesson-board-select]").Change("b1");
        cut.Find("[data-testid=lesson-visibility]").Change("Public");
        cut.Find("[data-testid=lesson-editor]").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith("lessons/ls9", Navigation.Uri, StringComparison.Ordinal));
        var sent = Http.Requests.Single(r => r.Method == "POST" && r.Path == "/api/labs/l1/lessons").Body!;
        Assert.Contains("\"title\":\"Pop-up lanes\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"GoodPractice\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"context\":\"Vitosha had *no* lanes.\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"tried\":\"Paint.\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"happened\":\"Cyclists came.\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"differently\":\"Talk to shops earlier.\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"theme\":\"energy-and-mobility\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"tags\":[\"cycling\",\"tactical urbanism\"]", sent, StringComparison.Ordinal);
        Assert.Contains("\"sourceBoardId\":\"b1\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"visibility\":\"Public\"", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_editor_shows_the_servers_refusal()
    {
        Http.Json("/api/labs/l1", new LabDetails(
            new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.EnergyAndMobility, LabVisibility.Network, 2, DateTimeOffset.UnixEpoch),
            string.Empty, string.Empty, [], [], [], LabRole.Member));
        Http.Problem("/api/labs/l1/lessons", HttpStatusCode.BadRequest, "title: required.");
        Navigation.NavigateTo("lessons/new?lab=l1");
        var cut = Render<LessonEditor>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=publish-lesson]")));

        cut.Find("[data-testid=lesson-editor]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("title: required.", cut.Find("[role=alert][data-testid=lesson-editor-error]").TextContent));
        Assert.EndsWith("lessons/new?lab=l1", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_are_split_on_commas_without_blanks_or_repeats() =>
        Assert.Equal(["a", "b c"], LessonEditor.ParseTags(" a, b c ,, A ,"));
}

public sealed class LessonPageInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_lesson_page_speaks_bulgarian()
    {
        Http.Json("/api/cities", LessonPagesTests.Cities);
        Http.Json("/api/me", new Me("u2", "Иван Георгиев", "velenje", ["member"]));
        Http.Json("/api/lessons/ls1", LessonPagesTests.View(true));
        var cut = Render<Lesson>(p => p.Add(l => l.LessonId, "ls1"));

        cut.WaitForAssertion(() => Assert.Equal("Отбележи като възприет от моя град", cut.Find("[data-testid=adopt-lesson]").TextContent.Trim()));
        Assert.Equal(["Контекст", "Какво опитахме", "Какво се случи", "Какво бихме направили различно", "Възприет от"], cut.FindAll("article h2").Select(h => h.TextContent).ToArray());
        Assert.Equal("Добра практика", cut.Find("[data-testid=lesson-kind]").TextContent);
        Assert.Equal("Все още никой град не го е възприел.", cut.Find("[data-testid=adopted-by-none]").TextContent);
    }
}
