namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The board's promise (docs/architecture.md, "Boards"), with a real crash: the node process is killed right after acknowledging
/// edits; after a restart every acknowledged edit is there exactly once, and retrying it changes nothing.
/// </summary>
public sealed class BoardDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Embedded")]
    [InlineData("AzureStorage")]
    public async Task Acknowledged_edits_survive_a_killed_node_exactly_once(string backend)
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["Storage__Backend"] = backend };
        if (backend == "AzureStorage")
        {
            settings["Storage__Azure__ConnectionString"] = (await AzuriteServer.Shared).ConnectionString;
            settings["Storage__Azure__ContainerPrefix"] = "d" + Guid.NewGuid().ToString("N")[..10];
        }

        string boardId;
        var acked = new List<(BoardEdit Edit, long Seq)>();
        var first = NodeProcess.Start(settings);
        try
        {
            await first.WaitReadyAsync();
            boardId = await CreateBoardAsync(first.Url);
            var hub = await ConnectAsync(first.Url, boardId);
            for (var i = 1; i <= 30; i++)
            {
                var edit = new BoardEdit("tablet", i, [new(ChangeType.Create, $"n{i}", Note($"n{i}", $"idea {i}"))]);
                var result = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, edit, Ct);
                Assert.True(result.Ok, result.Error);
                acked.Add((edit, result.Seq!.Value));
            }
        }
        finally
        {
            // No graceful shutdown: the process dies right after the last acknowledgement.
            await first.DisposeAsync();
        }

        await using var second = NodeProcess.Start(settings);
        await second.WaitReadyAsync();
        var again = await ConnectAsync(second.Url, boardId);
        var join = await again.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L, Ct);
        var retry = await again.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, acked[^1].Edit, Ct);

        var elements = new Dictionary<string, BoardElement>();
        foreach (var e in join.Snapshot?.Elements ?? [])
        {
            elements[e.Id] = e;
        }

        foreach (var op in join.Ops)
        {
            BoardOpApplier.Apply(elements, op);
        }

        Assert.Equal(30, elements.Count);
        Assert.Equal(acked.Select(a => $"n{a.Edit.ClientSeq}").Order(), elements.Keys.Order());
        Assert.Equal(30, join.Board.Seq);
        Assert.True(retry.Duplicate);
        Assert.Equal(acked[^1].Seq, retry.Seq);
        await again.DisposeAsync();
    }

    private static async Task<string> CreateBoardAsync(Uri node)
    {
        var tokens = await OidcSignIn.SignInAsync(node, "maria", cancellationToken: Ct);
        using var http = OidcSignIn.Client(node, tokens.AccessToken);
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Crash test"), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BoardInfo>(Ct))!.Id;
    }

    private static async Task<HubConnection> ConnectAsync(Uri node, string boardId)
    {
        var tokens = await OidcSignIn.SignInAsync(node, "maria", cancellationToken: Ct);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(tokens.AccessToken))
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(Ct);
        await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L, Ct);
        return hub;
    }

    private static BoardElement Note(string id, string text) =>
        new(id, ElementKind.Note, 10, 10, 100, 100, 0, "#ffeb3b", text, null, null, null, string.Empty, default, default);
}
