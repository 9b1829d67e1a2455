namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Boards;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;

/// <summary>
/// Everyday flows that must not trap people: a double click or a retry creates one lab, board or
/// thread (the client's request id, remembered by the parent grain); a notification's excerpt is the
/// post's words, not its Markdown.
/// </summary>
public sealed class EverydayFlowsTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<HttpResponseMessage>> TwiceAtOnceAsync(HttpClient http, string path, object body) =>
        [.. await Task.WhenAll(http.PostAsJsonAsync(path, body, BoardJson.Options, Ct), http.PostAsJsonAsync(path, body, BoardJson.Options, Ct))];

    [Fact]
    public async Task The_same_lab_request_twice_at_once_creates_one_lab_and_both_get_it()
    {
        using var maria = await lab.As("maria");
        var requestId = Guid.NewGuid().ToString("N");
        var request = new CreateLabRequest("Double-clicked lab", LabThemes.WasteToCircularity, "About", LabVisibility.Private, requestId);

        var answers = await TwiceAtOnceAsync(maria, "api/labs", request);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            ids.Add((await answer.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id);
            answer.Dispose();
        }

        Assert.Single(ids.Distinct());
        var labs = (await maria.GetFromJsonAsync<LabSummary[]>("api/labs?city=sofia", BoardJson.Options, Ct))!;
        Assert.Single(labs, l => l.Title == "Double-clicked lab");

        // Later, the same request (a retry after a lost answer) still finds it; a new request id makes a new lab.
        using var retried = await maria.PostAsJsonAsync("api/labs", request, BoardJson.Options, Ct);
        Assert.Equal(ids[0], (await retried.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id);
        using var other = await maria.PostAsJsonAsync("api/labs", request with { RequestId = Guid.NewGuid().ToString("N") }, BoardJson.Options, Ct);
        Assert.NotEqual(ids[0], (await other.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id);
        labs = (await maria.GetFromJsonAsync<LabSummary[]>("api/labs?city=sofia", BoardJson.Options, Ct))!;
        Assert.Equal(2, labs.Count(l => l.Title == "Double-clicked lab"));
    }

    [Fact]
    public async Task The_same_board_request_twice_at_once_creates_one_board_in_the_lab()
    {
        using var ivan = await lab.As("ivan");
        var requestId = Guid.NewGuid().ToString("N");
        var answers = await TwiceAtOnceAsync(ivan, $"api/labs/{lab.LabId}/boards", new CreateBoardRequest("Double-clicked board", lab.LabId, requestId));
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            ids.Add((await answer.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id);
            answer.Dispose();
        }

        Assert.Single(ids.Distinct());

        // The other route to a lab's board (POST /api/boards with the lab) remembers the same way.
        using var again = await ivan.PostAsJsonAsync("api/boards", new CreateBoardRequest("Double-clicked board", lab.LabId, requestId), BoardJson.Options, Ct);
        Assert.Equal(ids[0], (await again.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id);
        var details = (await ivan.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.Single(details.Contents, c => c.Kind == "board" && c.Title == "Double-clicked board");

        // Another person's request with the same id is theirs: who may not read the lab gets the not-found of a lab that does not exist, and nothing is made.
        using var olga = await lab.As("olga");
        using var refused = await olga.PostAsJsonAsync($"api/labs/{lab.LabId}/boards", new CreateBoardRequest("Olga's board", lab.LabId, requestId), BoardJson.Options, Ct);
        using var missing = await olga.PostAsJsonAsync("api/labs/lnosuchlab0000/boards", new CreateBoardRequest("Olga's board", null, requestId), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(Untraced(await missing.Content.ReadAsStringAsync(Ct)), Untraced(await refused.Content.ReadAsStringAsync(Ct)));
        details = (await ivan.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.DoesNotContain(details.Contents, c => c.Title == "Olga's board");
    }

    [Fact]
    public async Task The_same_thread_request_twice_at_once_starts_one_thread()
    {
        using var ivan = await lab.As("ivan");
        var request = new CreateThreadRequest("Double-clicked thread", "Only once, please.", Guid.NewGuid().ToString("N"));
        var answers = await TwiceAtOnceAsync(ivan, $"api/labs/{lab.LabId}/threads", request);
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var view = (await answer.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, Ct))!;
            Assert.Single(view.Posts);
            ids.Add(view.Summary.Id);
            answer.Dispose();
        }

        Assert.Single(ids.Distinct());
        var threads = (await ivan.GetFromJsonAsync<ThreadSummary[]>($"api/labs/{lab.LabId}/threads", BoardJson.Options, Ct))!;
        Assert.Single(threads, t => t.Title == "Double-clicked thread");

        // An observer may not start threads, with or without a request id.
        using var giulia = await lab.As("giulia");
        using var refused = await giulia.PostAsJsonAsync($"api/labs/{lab.LabId}/threads", request with { Title = "Observer's thread" }, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_malformed_request_id_is_refused_by_name_and_creates_nothing()
    {
        using var maria = await lab.As("maria");
        foreach (var (path, body) in new (string, object)[]
        {
            ("api/labs", new CreateLabRequest("Bad id lab", LabThemes.WasteToCircularity, "About", LabVisibility.Private, "no spaces allowed")),
            ($"api/labs/{lab.LabId}/boards", new CreateBoardRequest("Bad id board", lab.LabId, "x")),
            ($"api/labs/{lab.LabId}/threads", new CreateThreadRequest("Bad id thread", "Body", new string('a', 65))),
        })
        {
            using var refused = await maria.PostAsJsonAsync(path, body, BoardJson.Options, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("requestId", out _));
        }

        var details = (await maria.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.DoesNotContain(details.Contents, c => c.Title.StartsWith("Bad id", StringComparison.Ordinal));
        Assert.DoesNotContain((await maria.GetFromJsonAsync<LabSummary[]>("api/labs?city=sofia", BoardJson.Options, Ct))!, l => l.Title == "Bad id lab");
    }

    private static string Untraced(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);

    [Fact]
    public void A_parent_remembers_a_bounded_number_of_request_ids_and_forgets_the_oldest_first()
    {
        var remembered = new List<RememberedRequest>();
        Assert.Equal("first", RequestIds.Claim(remembered, "k0", "first", out var added));
        Assert.True(added);
        Assert.Equal("first", RequestIds.Claim(remembered, "k0", "second", out added));
        Assert.False(added);
        for (var i = 1; i <= RequestIds.Kept; i++)
        {
            RequestIds.Claim(remembered, "k" + i, "id" + i, out _);
        }

        Assert.Equal(RequestIds.Kept, remembered.Count);
        Assert.Equal("again", RequestIds.Claim(remembered, "k0", "again", out added));
        Assert.True(added);
        Assert.Equal("id200", RequestIds.Claim(remembered, "k200", "other", out _));
    }

    [Fact]
    public async Task A_notification_excerpt_is_the_posts_words_without_markdown()
    {
        var thread = await lab.NewThreadAsync("Markdown in notifications");
        using var ivan = await lab.As("ivan");
        var before = (await ivan.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!.Items.Count;
        using var maria = await lab.As("maria");
        using var replied = await maria.PostAsJsonAsync($"api/labs/{lab.LabId}/threads/{thread}/posts", new ReplyRequest("@ivan **Bold** plan: see [the map](https://example.org/map)\n\n- one\n- _two_", null), BoardJson.Options, Ct);
        replied.EnsureSuccessStatusCode();

        var list = (await ivan.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        Assert.Equal(before + 1, list.Items.Count);
        var excerpt = list.Items[0].Excerpt;
        Assert.Contains("Bold plan: see the map", excerpt, StringComparison.Ordinal);
        Assert.Contains("two", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("**", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("_two_", excerpt, StringComparison.Ordinal);
    }
}

/// <summary>A node that stores a board version every 2 operations.</summary>
public sealed class FrequentVersionsNode : NodeFactory
{
    public FrequentVersionsNode()
        : base(new Dictionary<string, string> { ["Boards:SnapshotEveryOps"] = "2" })
    {
    }
}

/// <summary>The board history names its authors as people know them (the history panel shows the API's keys as they are).</summary>
public sealed class BoardHistoryAuthorsTests(FrequentVersionsNode node) : IClassFixture<FrequentVersionsNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Versions_list_their_authors_by_display_name_with_the_account_ids_beside()
    {
        using var http = node.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestTokens.ForAsync(node.BaseAddress, "maria"));
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Named history"), BoardJson.Options, Ct);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;
        var ids = new Dictionary<string, string>();
        foreach (var user in new[] { "maria", "ivan" })
        {
            await using var client = new BoardHubClient(node.BaseAddress, user, board.Id);
            await client.ConnectAsync(Ct);
            for (var i = 1; i <= 2; i++)
            {
                var note = new BoardElement($"{user}{i}", ElementKind.Note, i * 20, 0, 10, 10, 0, "#ffeb3b", "idea", null, null, null, string.Empty, default, default);
                Assert.True((await client.EditAsync(new BoardEdit($"{user}-tab", i, [new(ChangeType.Create, note.Id, note)]), Ct)).Ok);
            }

            using var me = new HttpClient { BaseAddress = node.BaseAddress };
            me.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestTokens.ForAsync(node.BaseAddress, user));
            ids[user] = (await me.GetFromJsonAsync<JsonElement>("api/me", Ct)).GetProperty("id").GetString()!;
        }

        BoardVersion[] versions = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (versions.Sum(v => v.EditsByAuthor.Count) < 2 && DateTime.UtcNow < deadline)
        {
            versions = (await http.GetFromJsonAsync<BoardVersion[]>($"api/boards/{board.Id}/versions", BoardJson.Options, Ct))!;
            await Task.Delay(50, Ct);
        }

        var authors = versions.SelectMany(v => v.EditsByAuthor.Keys).ToHashSet();
        Assert.Equal(["Ivan Georgiev", "Maria Petrova"], authors.Order(StringComparer.Ordinal));
        var byId = versions.SelectMany(v => v.EditsByAuthorId!).ToLookup(e => e.Key, e => e.Value);
        Assert.Equal(2, byId[ids["maria"]].Sum());
        Assert.Equal(2, byId[ids["ivan"]].Sum());
    }
}
