namespace Climaborough.Server.Tests.Realtime;

using System.Threading.Channels;
using Climaborough.Abstractions.Cities;
using Climaborough.Client;
using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The fan-out (docs/architecture.md), end to end: a grain's change reaches every real SignalR client watching it
/// through the node's one observer, and only those.
/// </summary>
public sealed class FanOutTests(NodeFactory node) : IClassFixture<NodeFactory>, IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_city_change_reaches_every_watching_client_and_not_the_others()
    {
        var cityId = await CreateCityAsync();
        var watchers = new List<Channel<CityDto>>();
        for (var i = 0; i < 4; i++)
        {
            var (connection, received) = await ConnectAsync();
            var current = await connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), cityId, Ct);
            Assert.Equal("Before", current.Name);
            watchers.Add(received);
        }

        var (leaver, leaverReceived) = await ConnectAsync();
        await leaver.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), cityId, Ct);
        await leaver.InvokeAsync(nameof(ILiveHub.UnwatchCity), cityId, Ct);
        var (_, bystanderReceived) = await ConnectAsync();

        await node.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("After", "BG", ["bg"]));

        foreach (var received in watchers)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var change = await received.Reader.ReadAsync(timeout.Token);
            Assert.Equal(cityId, change.Id);
            Assert.Equal("After", change.Name);
        }

        await Task.Delay(500, Ct);
        Assert.False(leaverReceived.Reader.TryRead(out _), "a client that stopped watching still got the change");
        Assert.False(bystanderReceived.Reader.TryRead(out _), "a client that never watched got the change");
    }

    [Fact]
    public async Task The_last_watcher_leaving_does_not_stop_other_watchers_of_other_cities()
    {
        var one = await CreateCityAsync();
        var two = await CreateCityAsync();
        var (a, aReceived) = await ConnectAsync();
        var (b, _) = await ConnectAsync();
        await a.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), one, Ct);
        await b.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), two, Ct);
        await b.DisposeAsync();

        await node.Grains.GetGrain<ICityGrain>(one).UpsertAsync(new CityProfile("Still live", "BG", ["bg"]));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal("Still live", (await aReceived.Reader.ReadAsync(timeout.Token)).Name);
    }

    [Fact]
    public async Task Watching_an_unknown_or_malformed_city_is_a_typed_error()
    {
        var (connection, _) = await ConnectAsync();
        var missing = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), "atlantis", Ct));
        Assert.Contains(ErrorCodes.NotFound, missing.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), "../etc", Ct));
        Assert.Contains(ErrorCodes.InvalidArgument, malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_library_delivers_the_current_state_then_changes()
    {
        var cityId = await CreateCityAsync();
        await using var live = new LiveConnection(new Uri(node.BaseAddress, "hubs/live"));
        await live.StartAsync(Ct);
        await live.WaitConnectedAsync(TimeSpan.FromSeconds(15));
        var seen = Channel.CreateUnbounded<CityDto>();
        await using var watch = await live.WatchCityAsync(cityId, c => seen.Writer.WriteAsync(c).AsTask());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal("Before", (await seen.Reader.ReadAsync(timeout.Token)).Name);
        await node.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("After", "BG", ["bg"]));
        Assert.Equal("After", (await seen.Reader.ReadAsync(timeout.Token)).Name);
        Assert.Equal(LiveState.Connected, live.State);
    }

    [Fact]
    public async Task Each_watcher_gets_the_current_state_once_even_when_it_starts_watching_while_the_connection_is_made()
    {
        var cityId = await CreateCityAsync();
        await using var live = new LiveConnection(new Uri(node.BaseAddress, "hubs/live"));
        var seen = new List<System.Collections.Concurrent.ConcurrentQueue<string>>();
        var watches = new List<IAsyncDisposable>();
        await live.StartAsync(Ct);

        // Watchers arrive before, while and after the connection is made (and the client re-watches every city).
        for (var i = 0; i < 60 && (live.State != LiveState.Connected || i < 40); i++)
        {
            var names = new System.Collections.Concurrent.ConcurrentQueue<string>();
            seen.Add(names);
            watches.Add(await live.WatchCityAsync(cityId, c =>
            {
                names.Enqueue(c.Name);
                return Task.CompletedTask;
            }));
            await Task.Delay(5, Ct);
        }

        await live.WaitConnectedAsync(TimeSpan.FromSeconds(15));
        await node.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("After", "BG", ["bg"]));
        var until = DateTime.UtcNow.AddSeconds(10);
        while (seen.Any(q => !q.Contains("After")) && DateTime.UtcNow < until)
        {
            await Task.Delay(20, Ct);
        }

        Assert.All(seen, q => Assert.Equal(["Before", "After"], q.ToArray()));
        foreach (var watch in watches)
        {
            await watch.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<string> CreateCityAsync()
    {
        var id = "c" + Guid.NewGuid().ToString("N")[..12];
        await node.Grains.GetGrain<ICityGrain>(id).UpsertAsync(new CityProfile("Before", "BG", ["bg"]));
        return id;
    }

    private async Task<(HubConnection Connection, Channel<CityDto> Received)> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, LivePaths.Hub.TrimStart('/'))).Build();
        var received = Channel.CreateUnbounded<CityDto>();
        connection.On<CityDto>(nameof(ILiveClient.CityChanged), c => received.Writer.TryWrite(c));
        await connection.StartAsync(Ct);
        connections.Add(connection);
        return (connection, received);
    }
}
