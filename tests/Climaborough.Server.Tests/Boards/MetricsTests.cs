namespace Climaborough.Server.Tests.Boards;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Climaborough.Grains.Boards;
using Climaborough.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// What an operator sees: edits, ack latency, log writes and connections are measured. The meters are
/// process-wide, so this runs alone: what it counts comes from its own edits.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task Edits_over_the_hub_are_counted_with_ack_and_write_latency_and_connections()
    {
        var measurements = new ConcurrentBag<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is BoardMetrics.MeterName or HubMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.Add((i.Name, v)));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.Add((i.Name, v)));
        listener.Start();

        using var http = node.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestTokens.ForAsync(node.BaseAddress, "maria"));
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Metrics"), TestContext.Current.CancellationToken);
        var board = (await created.Content.ReadFromJsonAsync<BoardInfo>(TestContext.Current.CancellationToken))!;
        var client = new BoardHubClient(node.BaseAddress, "maria", board.Id);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        for (var i = 1; i <= 3; i++)
        {
            var note = new BoardElement($"n{i}", ElementKind.Note, 0, 0, 10, 10, 0, "#ffeb3b", "x", null, null, null, string.Empty, default, default);
            await client.EditAsync(new BoardEdit("metrics-tab", i, [new(ChangeType.Create, note.Id, note)]), TestContext.Current.CancellationToken);
        }

        await client.EditAsync(new BoardEdit("metrics-tab", 4, [new(ChangeType.Update, "ghost", Patch: new ElementPatch(X: 1))]), TestContext.Current.CancellationToken);
        await client.DisposeAsync();

        // The server notices the closed connection a moment after the client closed it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!measurements.Any(m => m.Name == "climaborough.hub.connections" && m.Value == -1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(3, measurements.Where(m => m.Name == "climaborough.board.ops").Sum(m => m.Value));
        Assert.Single(measurements, m => m.Name == "climaborough.board.ops.refused");
        Assert.True(measurements.Count(m => m.Name == "climaborough.board.ack_latency") >= 3);
        Assert.All(measurements.Where(m => m.Name is "climaborough.board.ack_latency" or "climaborough.board.log_write"), m => Assert.True(m.Value >= 0));
        Assert.Contains(measurements, m => m.Name == "climaborough.board.log_write");
        Assert.Contains(measurements, m => m.Name == "climaborough.hub.connections" && m.Value == 1);
        Assert.Contains(measurements, m => m.Name == "climaborough.hub.connections" && m.Value == -1);
    }
}

[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;
