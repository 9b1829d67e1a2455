namespace Climaborough.Server.Tests.Realtime;

using System.Threading.Channels;
using Climaborough.Abstractions.Cities;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Cluster mode as configured in production, on Azurite: two nodes, membership in Azure Table Storage,
/// state in Azure Blob Storage. A change made through one node reaches browsers connected to the other.
/// </summary>
public sealed class ClusterFanOutTests(FanOutCluster cluster) : IClassFixture<FanOutCluster>
{
    private readonly NodeFactory first = cluster.First;
    private readonly NodeFactory second = cluster.Second;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_through_one_node_reaches_clients_of_both_nodes()
    {
        var cityId = "c" + Guid.NewGuid().ToString("N")[..12];
        await first.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("Before", "BG", ["bg"]));

        var onSecond = await WatchAsync(second, cityId);
        var onFirst = await WatchAsync(first, cityId);
        await first.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("After", "BG", ["bg"]));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        Assert.Equal("After", (await onSecond.Received.Reader.ReadAsync(timeout.Token)).Name);
        Assert.Equal("After", (await onFirst.Received.Reader.ReadAsync(timeout.Token)).Name);
        await onFirst.Connection.DisposeAsync();
        await onSecond.Connection.DisposeAsync();
    }

    [Fact]
    public async Task Both_nodes_list_the_same_stored_cities()
    {
        var cityId = "c" + Guid.NewGuid().ToString("N")[..12];
        await second.Grains.GetGrain<ICityGrain>(cityId).UpsertAsync(new CityProfile("Shared", "BG", ["bg"]));

        using var http = first.CreateHttpClient();
        var city = await new Climaborough.Client.ClimaboroughApi(http).GetCityAsync(cityId, Ct);
        Assert.Equal("Shared", city?.Name);
    }


    private static async Task<(HubConnection Connection, Channel<CityDto> Received)> WatchAsync(NodeFactory node, string cityId)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, "hubs/live")).Build();
        var received = Channel.CreateUnbounded<CityDto>();
        connection.On<CityDto>(nameof(ILiveClient.CityChanged), c => received.Writer.TryWrite(c));
        await connection.StartAsync(Ct);
        var current = await connection.InvokeAsync<CityDto>(nameof(ILiveHub.WatchCity), cityId, Ct);
        Assert.Equal("Before", current.Name);
        return (connection, received);
    }
}

/// <summary>Two nodes in cluster mode on Azurite, shared by the tests of <see cref="ClusterFanOutTests"/> (each uses cities of its own).</summary>
public sealed class FanOutCluster : IAsyncLifetime
{
    private NodeFactory? first;
    private NodeFactory? second;

    public NodeFactory First => first!;

    public NodeFactory Second => second!;

    public async ValueTask InitializeAsync()
    {
        var azurite = await AzuriteServer.Shared;
        var cluster = "c" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string>
        {
            ["Storage:Backend"] = "AzureStorage",
            ["Storage:Azure:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Azure:ContainerPrefix"] = cluster,
            ["Cluster:Membership"] = "AzureStorage",
            ["Cluster:ClusterId"] = cluster,
            ["Cluster:ServiceId"] = cluster,
        };
        first = new NodeFactory(settings);
        _ = first.BaseAddress;
        second = new NodeFactory(settings);
        _ = second.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        if (first is not null)
        {
            await first.DisposeAsync();
        }
    }
}
