namespace Climaborough.Server.Tests.Realtime;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Every hub method, called with arguments of random types and shapes: the answer is a typed result or
/// an error carrying a code from <see cref="ErrorCodes"/> (never SignalR's generic error), the
/// connection stays usable, and nothing changes on the board the calls aim at.
/// </summary>
public sealed class HubFuzzTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Random_arguments_for_every_hub_method_get_a_coded_error_or_a_typed_result_and_change_nothing()
    {
        var token = await TestTokens.ForAsync(node.BaseAddress, "maria");
        using var http = OidcSignIn.Client(node.BaseAddress, token);
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Fuzzed"), BoardJson.Options, Ct);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(Ct);

        var random = new Random(20261201);
        object?[] shapes =
        [
            null, 0, -1, long.MaxValue, 1.5, double.NaN.ToString(System.Globalization.CultureInfo.InvariantCulture), true, string.Empty, "x", board.Id, "sofia",
            new string('a', 5000), new { }, new[] { 1, 2 }, new object?[] { null }, new Dictionary<string, object?> { ["clientId"] = 5, ["changes"] = "no" },
            new { clientId = "c1", clientSeq = 1, changes = new object?[] { null } },
            new { clientId = "c1", clientSeq = -4, changes = new[] { new { type = 99, id = "n" } } },
            new { clientId = "c1", clientSeq = 1, changes = new[] { new { type = "Create", id = "n" } } },
            new { cursorX = "left", selection = 3 },
        ];
        var failures = new List<string>();
        var calls = 0;
        foreach (var method in LiveInterfaces.HubMethods)
        {
            var arity = method.GetParameters().Length;
            for (var round = 0; round < 25; round++)
            {
                var count = Math.Max(0, arity + random.Next(-1, 2));
                var args = Enumerable.Range(0, count).Select(_ => shapes[random.Next(shapes.Length)]).ToArray();
                calls++;
                try
                {
                    await hub.InvokeCoreAsync(method.Name, typeof(System.Text.Json.JsonElement?), args, Ct);
                }
                catch (HubException ex) when (ErrorCodes.IsHubCoded(ex.Message))
                {
                }
                catch (Exception ex)
                {
                    failures.Add($"{method.Name}({string.Join(", ", args.Select(a => System.Text.Json.JsonSerializer.Serialize(a)))}) → {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls failed without a code:\n{string.Join('\n', failures.Take(15))}");
        Assert.Equal(HubConnectionState.Connected, hub.State);
        var after = (await http.GetFromJsonAsync<BoardInfo>($"api/boards/{board.Id}", BoardJson.Options, Ct))!;
        Assert.Equal(0, after.Seq);
        Assert.Equal(0, after.ElementCount);
    }

    [Fact]
    public async Task An_edit_whose_changes_hold_a_null_is_an_invalid_op_not_a_server_error()
    {
        var token = await TestTokens.ForAsync(node.BaseAddress, "maria");
        using var http = OidcSignIn.Client(node.BaseAddress, token);
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Nulls"), BoardJson.Options, Ct);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(Ct);
        var note = new BoardElement("n1", ElementKind.Note, 0, 0, 100, 100, 0, "#ffeb3b", "kept", null, null, null, string.Empty, default, default);

        var result = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("c-nulls", 1, [new ElementChange(ChangeType.Create, "n1", note), null!]), Ct);

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.InvalidOp, result.ErrorCode);
        Assert.Equal(0, (await http.GetFromJsonAsync<BoardInfo>($"api/boards/{board.Id}", BoardJson.Options, Ct))!.ElementCount);
    }
}
