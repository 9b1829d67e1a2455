namespace Climaborough.Grains.Tests.Cities;

using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;
using Climaborough.Testing;

/// <summary>City grains, run on each storage backend.</summary>
public abstract class CityGrainTests(ClusterFixture fixture)
{
    private static readonly CityProfile Sofia = new("София", "BG", ["bg", "en"]);

    [Fact]
    public async Task An_unknown_city_is_absent_and_not_listed()
    {
        var id = NewId();
        Assert.Null(await fixture.Grains.GetGrain<ICityGrain>(id).GetAsync());
        var listed = await fixture.Grains.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).ListAsync();
        Assert.DoesNotContain(id, listed);
    }

    [Fact]
    public async Task A_stored_city_survives_deactivation_and_is_listed_once()
    {
        var id = NewId();
        var grain = fixture.Grains.GetGrain<ICityGrain>(id);
        var created = await grain.UpsertAsync(Sofia);
        await grain.UpsertAsync(Sofia with { Name = "Sofia" });

        await fixture.Cluster.DeactivateAsync(grain);
        var read = await fixture.Grains.GetGrain<ICityGrain>(id).GetAsync();

        Assert.NotNull(read);
        Assert.Equal("Sofia", read.Profile.Name);
        Assert.Equal(["bg", "en"], read.Profile.Languages);
        Assert.True(read.UpdatedAt >= created.UpdatedAt);
        var listed = await fixture.Grains.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).ListAsync();
        Assert.Single(listed, x => x == id);
    }

    [Fact]
    public async Task A_city_with_an_invalid_id_is_refused_and_nothing_is_stored()
    {
        var grain = fixture.Grains.GetGrain<ICityGrain>("Not A Valid Id");
        await Assert.ThrowsAsync<ArgumentException>(() => grain.UpsertAsync(Sofia));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Null(await fixture.Grains.GetGrain<ICityGrain>("Not A Valid Id").GetAsync());
    }

    [Fact]
    public async Task A_change_reaches_every_subscribed_node_observer_and_not_an_unsubscribed_one()
    {
        var id = NewId();
        var grain = fixture.Grains.GetGrain<ICityGrain>(id);
        await grain.UpsertAsync(Sofia);
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        var gone = new RecordingObserver();
        var refs = new[] { first, second, gone }.Select(o => fixture.Grains.CreateObjectReference<INodeObserver>(o)).ToArray();
        foreach (var r in refs)
        {
            await grain.SubscribeAsync(r);
        }

        await grain.UnsubscribeAsync(refs[2]);
        await grain.UpsertAsync(Sofia with { Name = "Sofia, Bulgaria" });

        var a = await first.NextAsync();
        var b = await second.NextAsync();
        Assert.Equal(TopicNames.City(id), a.Topic);
        Assert.Equal("Sofia, Bulgaria", Assert.IsType<CityChanged>(a).City.Profile.Name);
        Assert.Equal(TopicNames.City(id), b.Topic);
        Assert.Equal("Sofia, Bulgaria", Assert.IsType<CityChanged>(b).City.Profile.Name);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(gone.Received);
    }

    private static string NewId() => "c" + Guid.NewGuid().ToString("N")[..12];

    private sealed class RecordingObserver : INodeObserver
    {
        private readonly System.Threading.Channels.Channel<LiveEvent> channel = System.Threading.Channels.Channel.CreateUnbounded<LiveEvent>();

        public List<LiveEvent> Received { get; } = [];

        public Task OnEventAsync(LiveEvent liveEvent)
        {
            lock (Received)
            {
                Received.Add(liveEvent);
            }

            channel.Writer.TryWrite(liveEvent);
            return Task.CompletedTask;
        }

        public Task LabAccessChangedAsync(LabAccessChanged change) => Task.CompletedTask;

        public Task AccountSuspendedAsync(string userId) => Task.CompletedTask;

        public async Task<LiveEvent> NextAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await channel.Reader.ReadAsync(cts.Token);
        }
    }
}

public sealed class CityGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : CityGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class CityGrainTestsOnAzure(AzureClusterFixture fixture) : CityGrainTests(fixture), IClassFixture<AzureClusterFixture>;
