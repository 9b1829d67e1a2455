namespace Climaborough.Server.Tests.Boards;

using System.Net.Http.Json;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>Two people's board sessions over real SignalR: each sees their own edit at once and the other's live.</summary>
public sealed class BoardSessionTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Edits_show_at_once_for_the_author_and_live_for_the_other_and_both_end_saved()
    {
        await using var pair = await TwoPeopleOnANewBoardAsync("Sessions");
        var (maria, ivan) = (pair.Maria, pair.Ivan);

        var note = new BoardElement("n1", ElementKind.Note, 40, 40, 120, 120, 0, "#ffeb3b", "Low-emission zone", null, null, null, string.Empty, default, default);
        var applying = maria.ApplyAsync([new(ChangeType.Create, "n1", note)]);
        Assert.Equal("Low-emission zone", maria.View["n1"].Text);
        await applying;
        await ivan.ApplyAsync([new(ChangeType.Update, "n1", Patch: new ElementPatch(Color: "#4caf50"))]);

        await WaitAsync(() => maria.View.TryGetValue("n1", out var m) && m.Color == "#4caf50" && ivan.View.TryGetValue("n1", out var i) && i.Text == "Low-emission zone");
        Assert.Equal(SyncState.Saved, maria.Sync);
        Assert.Equal(SyncState.Saved, ivan.Sync);
        Assert.Equal(Subject(await TestTokens.ForAsync(node.BaseAddress, "maria")), maria.View["n1"].AuthorId);
        Assert.Equal(maria.View["n1"], ivan.View["n1"]);
    }

    [Fact]
    public async Task A_participant_who_does_not_move_stays_present_for_the_others()
    {
        await using var pair = await TwoPeopleOnANewBoardAsync("Quiet");
        await WaitAsync(() => pair.Ivan.Participants.Any(p => p.Name == "Maria Petrova"));

        // Longer than the 5 s after which the board drops a silent participant; Maria does nothing.
        await Task.Delay(TimeSpan.FromSeconds(7), Ct);

        Assert.Contains(pair.Ivan.Participants, p => p.Name == "Maria Petrova");
    }

    /// <summary>The <c>sub</c> of an access token (the board's author id).</summary>
    private static string Subject(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }

    [Fact]
    public async Task Moving_four_hundred_notes_at_once_goes_through_and_the_connection_stays_up()
    {
        await using var pair = await TwoPeopleOnANewBoardAsync("Big selection");
        var (maria, ivan) = (pair.Maria, pair.Ivan);
        var notes = Enumerable.Range(0, 400).Select(i => new BoardElement($"n{i}", ElementKind.Note, i * 130 % 5200, i / 40 * 130, 120, 120, 0, "#ffeb3b", $"Idea number {i} about the school street", null, null, null, string.Empty, default, default)).ToList();

        // One user action each: create all, then move and recolour all (about 80 KB as one op, over the hub's 64 KiB).
        await maria.ApplyAsync([.. notes.Select(n => new ElementChange(ChangeType.Create, n.Id, n))]);
        await maria.ApplyAsync([.. notes.Select(n => new ElementChange(ChangeType.Update, n.Id, Patch: new ElementPatch(X: n.X + 17.25, Y: n.Y + 33.5, Color: "#4caf50")))]);

        await WaitAsync(() => maria.Sync == SyncState.Saved && ivan.View.Count == 400 && ivan.View.Values.All(n => n.Color == "#4caf50"));
        Assert.Equal(LiveState.Connected, pair.MariaLive.State);
        Assert.All(notes, n => Assert.Equal(n.X + 17.25, ivan.View[n.Id].X));
    }

    [Fact]
    public void A_large_change_is_split_into_edits_that_each_fit_one_hub_message_in_order()
    {
        var changes = Enumerable.Range(0, 1200).Select(i => new ElementChange(ChangeType.Update, $"n{i}", Patch: new ElementPatch(X: i, Y: i, Color: "#4caf50", Text: new string('x', 100)))).ToList();

        var parts = BoardSession.Split(changes);

        Assert.True(parts.Count > 1);
        Assert.Equal(changes, parts.SelectMany(p => p));
        Assert.All(parts, p => Assert.True(p.Count <= BoardLimits.MaxChangesPerOp));
        Assert.All(parts, p => Assert.True(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new BoardEdit("c0123456789abcdef", long.MaxValue, p), BoardJson.Options).Length < BoardLimits.MaxHubMessageBytes - 512));
        Assert.Single(BoardSession.Split([.. changes.Take(3)]));
    }

    /// <summary>Maria creates a board; Maria and Ivan each open a session on it over their own connection.</summary>
    private async Task<Pair> TwoPeopleOnANewBoardAsync(string title)
    {
        using var http = node.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestTokens.ForAsync(node.BaseAddress, "maria"));
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(title), Ct);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(Ct))!;
        var mariaToken = await TestTokens.ForAsync(node.BaseAddress, "maria");
        var ivanToken = await TestTokens.ForAsync(node.BaseAddress, "ivan");
        var mariaLive = new LiveConnection(new Uri(node.BaseAddress, "hubs/live"), accessToken: () => Task.FromResult<string?>(mariaToken));
        var ivanLive = new LiveConnection(new Uri(node.BaseAddress, "hubs/live"), accessToken: () => Task.FromResult<string?>(ivanToken));
        await mariaLive.StartAsync(Ct);
        await ivanLive.StartAsync(Ct);
        await mariaLive.WaitConnectedAsync(TimeSpan.FromSeconds(15));
        await ivanLive.WaitConnectedAsync(TimeSpan.FromSeconds(15));
        var maria = new BoardSession(mariaLive, new MemoryPendingStore(), board.Id);
        var ivan = new BoardSession(ivanLive, new MemoryPendingStore(), board.Id);
        await maria.StartAsync();
        await ivan.StartAsync();
        return new Pair(maria, ivan, mariaLive, ivanLive);
    }

    private sealed record Pair(BoardSession Maria, BoardSession Ivan, LiveConnection MariaLive, LiveConnection IvanLive) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Maria.DisposeAsync();
            await Ivan.DisposeAsync();
            await MariaLive.DisposeAsync();
            await IvanLive.DisposeAsync();
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(condition(), "the sessions did not converge");
    }
}
