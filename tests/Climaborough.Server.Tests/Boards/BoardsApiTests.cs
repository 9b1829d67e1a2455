namespace Climaborough.Server.Tests.Boards;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>Board REST endpoints and hub methods: who may call them, and what bad input gets.</summary>
public sealed class BoardsApiTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient As(string? user)
    {
        var http = node.CreateHttpClient();
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.ForAsync(node.BaseAddress, user).GetAwaiter().GetResult());
        }

        return http;
    }

    [Theory]
    [InlineData("POST", "api/boards")]
    [InlineData("GET", "api/boards/bexisting")]
    [InlineData("GET", "api/boards/bexisting/versions")]
    [InlineData("GET", "api/boards/bexisting/export.json")]
    [InlineData("GET", "api/boards/bexisting/export.md")]
    [InlineData("POST", "api/boards/import")]
    [InlineData("PUT", "api/boards/bexisting/locked")]
    public async Task Board_endpoints_refuse_anonymous_callers(string method, string path)
    {
        using var http = As(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { title = "x", locked = true }) };
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_bearer_token_is_refused()
    {
        using var http = node.CreateHttpClient();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer Robert'); DROP TABLE");
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("x"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creating_needs_a_title_within_the_limit_and_says_which_field()
    {
        using var http = As("maria");
        using var empty = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("  "), Ct);
        using var huge = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(new string('x', BoardLimits.MaxTitleLength + 1)), Ct);
        using var malformed = await http.PostAsync("api/boards", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("title", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains(BoardLimits.MaxTitleLength.ToString(CultureInfo.InvariantCulture), await huge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_title_with_a_control_character_is_refused_and_no_board_is_made()
    {
        using var http = As("maria");
        using var refused = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Vitosha\u0000boulevard"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("control characters", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task A_board_exports_as_json_and_markdown_and_the_json_imports_into_a_new_board()
    {
        using var http = As("maria");
        var board = await CreateAsync(http, "Sofia traffic");
        await using var hub = await ConnectAsync("maria");
        await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board.Id, 0L, Ct);
        var edit = new BoardEdit("maria-tab", 1,
        [
            new(ChangeType.Create, "f", Element("f", ElementKind.Frame, 0, 0, 1000, 800, "Low-emission zone")),
            new(ChangeType.Create, "a", Element("a", ElementKind.Note, 20, 20, 100, 100, "Зелени коридори")),
            new(ChangeType.Create, "b", Element("b", ElementKind.Note, 2000, 20, 100, 100, "Car-free *Sundays*")),
            new(ChangeType.Create, "ab", Element("ab", ElementKind.Connector, 0, 0, 0, 0, string.Empty) with { From = "a", To = "b" }),
        ]);
        Assert.True((await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, edit, Ct)).Ok);

        var markdown = await http.GetStringAsync($"api/boards/{board.Id}/export.md", Ct);
        var json = await http.GetFromJsonAsync<BoardExport>($"api/boards/{board.Id}/export.json", BoardJson.Options, Ct);
        using var imported = await http.PostAsJsonAsync("api/boards/import?title=Copy", json, BoardJson.Options, Ct);

        Assert.StartsWith("# Sofia traffic\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Low-emission zone\n\n- Зелени коридори\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Outside frames\n\n- Car-free \\*Sundays\\*\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Зелени коридори → Car-free \\*Sundays\\*", markdown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var copy = await imported.Content.ReadFromJsonAsync<BoardInfo>(Ct);
        Assert.Equal("Copy", copy!.Title);
        Assert.Equal(4, copy.ElementCount);
        Assert.NotEqual(board.Id, copy.Id);
    }

    [Fact]
    public async Task An_invalid_import_is_a_400_naming_the_problem_and_creates_nothing()
    {
        using var http = As("maria");
        var bad = new BoardExport(BoardExport.FormatName, 1, "Bad", DateTimeOffset.UnixEpoch, 1, [Element("a", ElementKind.Note, double.NaN, 0, 10, 10, "nan")]);
        using var response = await http.PostAsJsonAsync("api/boards/import", bad, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("finite", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_board_methods_refuse_anonymous_connections_but_cities_stay_public()
    {
        using var http = As("maria");
        var board = await CreateAsync(http, "Private work");
        await using var anonymous = await ConnectAsync(null);

        var ex = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board.Id, 0L, Ct));
        Assert.Contains("unauthorized", ex.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("x", 1, []), Ct));
        Assert.Equal("sofia", (await anonymous.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), "sofia", Ct)).Id);
    }

    [Fact]
    public async Task Bad_ops_over_the_hub_get_typed_errors_and_change_nothing()
    {
        using var http = As("maria");
        var board = await CreateAsync(http, "Bad input");
        await using var hub = await ConnectAsync("maria");
        var join = await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board.Id, 0L, Ct);

        var nan = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("t", 1, [new(ChangeType.Create, "n", Element("n", ElementKind.Note, double.NaN, 0, 10, 10, "x"))]), Ct);
        var longText = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("t", 2, [new(ChangeType.Create, "n", Element("n", ElementKind.Note, 0, 0, 10, 10, new string('x', 5000)))]), Ct);
        var otherBoards = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("t", 3, [new(ChangeType.Update, "element-of-another-board", Patch: new ElementPatch(X: 1))]), Ct);
        var noChanges = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("t", 4, null!), Ct);
        var unknownBoard = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), "bnope", new BoardEdit("t", 5, []), Ct));

        Assert.Equal(ErrorCodes.InvalidOp, nan.ErrorCode);
        Assert.Equal(ErrorCodes.LimitExceeded, longText.ErrorCode);
        Assert.Contains("4000", longText.Error, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.UnknownElement, otherBoards.ErrorCode);
        Assert.Equal(ErrorCodes.InvalidOp, noChanges.ErrorCode);
        Assert.Contains(ErrorCodes.NotFound, unknownBoard.Message, StringComparison.Ordinal);
        var after = await http.GetFromJsonAsync<BoardInfo>($"api/boards/{board.Id}", Ct);
        Assert.Equal(join.Board.Seq, after!.Seq);
        Assert.Equal(0, after.ElementCount);
    }

    [Fact]
    public async Task A_flooding_connection_is_throttled_and_another_one_is_not()
    {
        using var http = As("maria");
        var board = await CreateAsync(http, "Flood");
        await using var flooder = await ConnectAsync("mallory");
        await using var polite = await ConnectAsync("ivan");

        // Far more than the bucket holds, sent without waiting for answers.
        var flood = Enumerable.Range(1, BoardLimits.OpsPerSecond * 10)
            .Select(i => flooder.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("flood", i, []), Ct))
            .ToList();
        var results = await Task.WhenAll(flood);

        var politeResult = await polite.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("polite", 1, []), Ct);
        Assert.Contains(results, r => r.ErrorCode == ErrorCodes.RateLimited);
        Assert.True(politeResult.Ok, politeResult.Error);
    }

    [Fact]
    public async Task Presence_reaches_the_others_on_the_board_and_leaving_removes_it()
    {
        using var http = As("maria");
        var board = await CreateAsync(http, "Presence");
        var maria = new BoardHubClient(node.BaseAddress, "maria", board.Id);
        var ivan = new BoardHubClient(node.BaseAddress, "ivan", board.Id);
        await maria.ConnectAsync(Ct);
        await ivan.ConnectAsync(Ct);
        var left = new TaskCompletionSource<string>();
        maria.Connection.On<string, string>(nameof(ILiveClient.PresenceLeft), (_, session) => left.TrySetResult(session));

        await ivan.Connection.InvokeAsync(nameof(ILiveHub.UpdatePresence), board.Id, new PresenceUpdate(40, 50, []), Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !HasCursor(maria))
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(HasCursor(maria), "Maria should see Ivan's cursor");
        await ivan.DisposeAsync();
        Assert.False(string.IsNullOrEmpty(await left.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct)));
        await maria.DisposeAsync();

        static bool HasCursor(BoardHubClient c)
        {
            lock (c.Gate)
            {
                return c.Seen.Any(p => p.Name == "Ivan Georgiev" && p.CursorX == 40 && p.CursorY == 50);
            }
        }
    }

    private async Task<HubConnection> ConnectAsync(string? user)
    {
        var connection = BoardHubClient.Connect(node.BaseAddress, user);
        await connection.StartAsync(Ct);
        return connection;
    }

    private static async Task<BoardInfo> CreateAsync(HttpClient http, string title)
    {
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(title), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BoardInfo>(Ct))!;
    }

    private static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h, string text) =>
        new(id, kind, x, y, w, h, 0, "#ffeb3b", text, null, null, null, string.Empty, default, default);
}
