namespace Climaborough.Server.Tests.Boards;

using System.Net.Http.Json;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The board's promise (docs/architecture.md, "Boards"), with real SignalR clients over a real Kestrel: several people edit one board
/// at random, with dropped connections mid-op and retries; in the end every client holds the board's
/// state and every acknowledged op is in the board's history exactly once.
/// </summary>
public sealed class ConvergenceTests(ConvergenceNode node, ITestOutputHelper output) : IClassFixture<ConvergenceNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_clients_making_200_random_ops_each_with_reconnects_converge_and_lose_nothing()
    {
        const int clients = 5;
        const int opsEach = 200;
        var boardId = await CreateBoardAsync();
        var acked = new System.Collections.Concurrent.ConcurrentDictionary<(string ClientId, long ClientSeq), long>();
        var sims = Enumerable.Range(0, clients).Select(i => new SimulatedUser(node.BaseAddress, $"user-{i}", boardId, seed: 1000 + i)).ToList();

        var results = await Task.WhenAll(sims.Select(s => s.RunAsync(opsEach, acked, Ct)));

        var fresh = new BoardHubClient(node.BaseAddress, "auditor", boardId);
        await fresh.ConnectAsync(Ct);
        var target = fresh.Replica.Seq;
        var resyncs = 0;
        foreach (var sim in sims)
        {
            resyncs += await sim.CatchUpAsync(target, Ct);
        }

        output.WriteLine($"ops sent {results.Sum(r => r.Sent)}, acked {acked.Count}, refused {results.Sum(r => r.Refused)}, reconnects {results.Sum(r => r.Reconnects)}, board seq {target}, resyncs {resyncs}");
        Assert.True(results.Sum(r => r.Reconnects) >= clients, "the run should drop connections mid-op");
        Assert.True(acked.Count > clients * opsEach / 2, $"most ops should apply, {acked.Count} did");

        foreach (var sim in sims)
        {
            Assert.Equal(target, sim.Client.Replica.Seq);
            Assert.Equal(fresh.Replica.Elements.OrderBy(e => e.Key), sim.Client.Replica.Elements.OrderBy(e => e.Key));
        }

        // The history from the start (no snapshot yet on this node): each acked op exactly once.
        var history = await fresh.Connection.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L, Ct);
        Assert.Null(history.Snapshot);
        Assert.Equal(Enumerable.Range(1, (int)target).Select(i => (long)i), history.Ops.Select(o => o.Seq));
        var byClientOp = history.Ops.GroupBy(o => (o.ClientId, o.ClientSeq)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byClientOp, g => Assert.Single(g.Value));
        foreach (var ((clientId, clientSeq), seq) in acked)
        {
            Assert.True(byClientOp.TryGetValue((clientId, clientSeq), out var ops), $"acked op {clientId}/{clientSeq} is missing");
            Assert.Equal(seq, ops[0].Seq);
        }

        await fresh.DisposeAsync();
        foreach (var sim in sims)
        {
            await sim.Client.DisposeAsync();
        }
    }

    private async Task<string> CreateBoardAsync()
    {
        using var http = node.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestTokens.ForAsync(node.BaseAddress, "facilitator"));
        var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Convergence"), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BoardInfo>(Ct))!.Id;
    }

    private sealed record RunResult(int Sent, int Refused, int Reconnects);

    /// <summary>One person editing at random: creates, moves, retexts, deletes, restores, connects, batch moves.</summary>
    private sealed class SimulatedUser(Uri server, string user, string boardId, int seed)
    {
        private readonly Random random = new(seed);
        private readonly string clientId = $"{user}-tab";
        private long clientSeq;
        private int created;

        public BoardHubClient Client { get; } = new(server, user, boardId);

        public async Task<RunResult> RunAsync(int count, System.Collections.Concurrent.ConcurrentDictionary<(string, long), long> acked, CancellationToken ct)
        {
            await Client.ConnectAsync(ct);
            int refused = 0, reconnects = 0;
            for (var i = 0; i < count; i++)
            {
                var edit = new BoardEdit(clientId, ++clientSeq, NextChanges());
                EditResult result;
                if (random.NextDouble() < 0.04)
                {
                    // The connection drops while the op is in flight: the ack may or may not have been sent.
                    var inFlight = Client.EditAsync(edit, ct);
                    await Task.Delay(random.Next(0, 3), ct);
                    await Client.Connection.DisposeAsync();
                    try
                    {
                        await inFlight;
                    }
                    catch (Exception)
                    {
                        // Lost with the connection: the retry below finds out.
                    }

                    await Client.ConnectAsync(ct);
                    reconnects++;
                    result = await Client.EditAsync(edit, ct);
                }
                else
                {
                    result = await Client.EditAsync(edit, ct);
                }

                if (result.Ok)
                {
                    Assert.NotNull(result.Seq);
                    acked[(clientId, edit.ClientSeq)] = result.Seq.Value;
                }
                else
                {
                    Assert.Contains(result.ErrorCode, new[] { ErrorCodes.ElementDeleted, ErrorCodes.UnknownElement });
                    refused++;
                }
            }

            return new RunResult(count, refused, reconnects);
        }

        /// <summary>Waits for the replica to reach <paramref name="target"/>, re-joining if it stays behind.</summary>
        public async Task<int> CatchUpAsync(long target, CancellationToken ct)
        {
            var resyncs = 0;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            var nextResync = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < deadline)
            {
                lock (Client.Gate)
                {
                    if (Client.Replica.Seq >= target)
                    {
                        return resyncs;
                    }
                }

                if (DateTime.UtcNow > nextResync)
                {
                    await Client.JoinAsync(ct);
                    resyncs++;
                    nextResync = DateTime.UtcNow.AddSeconds(3);
                }

                await Task.Delay(50, ct);
            }

            return resyncs;
        }

        private List<ElementChange> NextChanges()
        {
            List<BoardElement> live, deleted;
            lock (Client.Gate)
            {
                live = [.. Client.Replica.Elements.Values.Where(e => !e.Deleted)];
                deleted = [.. Client.Replica.Elements.Values.Where(e => e.Deleted)];
            }

            var notes = live.Where(e => e.Kind != ElementKind.Connector).ToList();
            var roll = random.NextDouble();
            if (notes.Count < 8 || roll < 0.30)
            {
                var id = $"{user}-n{++created}";
                return [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Note, random.Next(0, 2000), random.Next(0, 2000), 120, 120, random.Next(0, 100), Colour(), $"idea {created} от {user}", null, null, null, string.Empty, default, default))];
            }

            if (roll < 0.60)
            {
                var target = notes[random.Next(notes.Count)];
                return [new ElementChange(ChangeType.Update, target.Id, Patch: random.Next(3) switch
                {
                    0 => new ElementPatch(X: random.Next(0, 2000), Y: random.Next(0, 2000)),
                    1 => new ElementPatch(Text: $"edited by {user} #{random.Next(1000)}"),
                    _ => new ElementPatch(Color: Colour()),
                })];
            }

            if (roll < 0.70)
            {
                return [new ElementChange(ChangeType.Delete, live[random.Next(live.Count)].Id)];
            }

            if (roll < 0.78 && deleted.Count > 0)
            {
                return [new ElementChange(ChangeType.Restore, deleted[random.Next(deleted.Count)].Id)];
            }

            if (roll < 0.88)
            {
                var from = notes[random.Next(notes.Count)];
                var to = notes[random.Next(notes.Count)];
                if (from.Id != to.Id)
                {
                    var id = $"{user}-c{++created}";
                    return [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Connector, 0, 0, 0, 0, 0, "#333333", string.Empty, from.Id, to.Id, null, string.Empty, default, default))];
                }
            }

            var dx = random.Next(-50, 50);
            return [.. notes.OrderBy(_ => random.Next()).Take(5).Select(n => new ElementChange(ChangeType.Update, n.Id, Patch: new ElementPatch(X: Math.Clamp(n.X + dx, 0, 5000))))];
        }

        private string Colour() => $"#{random.Next(0x1000000):x6}";
    }
}

/// <summary>A node whose boards keep their whole history in memory (no snapshot during the run).</summary>
public sealed class ConvergenceNode : NodeFactory
{
    public ConvergenceNode()
        : base(new Dictionary<string, string> { ["Boards:SnapshotEveryOps"] = "1000000", ["Boards:SnapshotEvery"] = "1.00:00:00" })
    {
    }
}
