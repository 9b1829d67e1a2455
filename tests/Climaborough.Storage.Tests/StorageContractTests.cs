namespace Climaborough.Storage.Tests;

using System.Text;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Storage;
using Climaborough.Testing;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

/// <summary>One contract, both backends: what the rest of the product may rely on from storage.</summary>
public abstract class StorageContractTests(ClusterFixture fixture)
{
    private IGrainStorage GrainStorage => fixture.SiloKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    private IAppendLogStore Logs => fixture.SiloService<IAppendLogStore>();

    private IFileStore Files => fixture.SiloService<IFileStore>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grain_state_round_trips_with_an_etag()
    {
        var id = NewGrainId();
        var written = NewState("Sofia");
        await GrainStorage.WriteStateAsync("city", id, written);

        var read = new GrainState<CityState>();
        await GrainStorage.ReadStateAsync("city", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal("Sofia", read.State!.Profile!.Name);
        Assert.False(string.IsNullOrEmpty(read.ETag));
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_missing_record_reads_as_not_existing()
    {
        var read = new GrainState<CityState>();
        await GrainStorage.ReadStateAsync("city", NewGrainId(), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.State?.Profile);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_keeps_the_stored_state()
    {
        var id = NewGrainId();
        var first = NewState("First");
        await GrainStorage.WriteStateAsync("city", id, first);
        var stale = new GrainState<CityState> { ETag = first.ETag, State = new CityState { Profile = new("Stale", "BG", ["bg"]) } };
        first.State!.Profile = new("Second", "BG", ["bg"]);
        await GrainStorage.WriteStateAsync("city", id, first);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => GrainStorage.WriteStateAsync("city", id, stale));

        var read = new GrainState<CityState>();
        await GrainStorage.ReadStateAsync("city", id, read);
        Assert.Equal("Second", read.State!.Profile!.Name);
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        var id = NewGrainId();
        var state = NewState("Gone");
        await GrainStorage.WriteStateAsync("city", id, state);
        await GrainStorage.ClearStateAsync("city", id, state);

        var read = new GrainState<CityState>();
        await GrainStorage.ReadStateAsync("city", id, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Log_records_come_back_in_append_order_across_batches()
    {
        var log = NewLogName();
        await Logs.AppendAsync(log, [Bytes("a"), Bytes("b")], Ct);
        await Logs.AppendAsync(log, [Bytes("c")], Ct);
        await Logs.AppendAsync(log, [ReadOnlyMemory<byte>.Empty, Bytes(new string('x', 100_000))], Ct);

        var records = await Logs.ReadAllAsync(log, Ct);

        Assert.Equal(["a", "b", "c", "", new string('x', 100_000)], records.Select(r => Encoding.UTF8.GetString(r)));
    }

    [Fact]
    public async Task A_missing_log_is_empty_and_a_deleted_log_is_gone()
    {
        var log = NewLogName();
        Assert.Empty(await Logs.ReadAllAsync(log, Ct));
        await Logs.AppendAsync(log, [Bytes("a")], Ct);
        await Logs.DeleteAsync(log, Ct);
        Assert.Empty(await Logs.ReadAllAsync(log, Ct));
        await Logs.DeleteAsync(log, Ct);
    }

    [Fact]
    public async Task Logs_are_independent_of_each_other()
    {
        var one = NewLogName();
        var two = NewLogName();
        await Logs.AppendAsync(one, [Bytes("1")], Ct);
        await Logs.AppendAsync(two, [Bytes("2")], Ct);
        Assert.Equal("1", Encoding.UTF8.GetString(Assert.Single(await Logs.ReadAllAsync(one, Ct))));
        Assert.Equal("2", Encoding.UTF8.GetString(Assert.Single(await Logs.ReadAllAsync(two, Ct))));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("Upper/Case")]
    [InlineData("a//b")]
    [InlineData("")]
    public async Task Bad_names_are_refused_and_nothing_is_written(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Logs.AppendAsync(name, [Bytes("a")], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Files.PutAsync(name, new MemoryStream([1]), "image/png", Ct));
    }

    [Fact]
    public async Task Files_are_stored_replaced_and_deleted()
    {
        var name = "contract/" + Guid.NewGuid().ToString("N") + ".txt";
        Assert.Null(await Files.GetAsync(name, Ct));

        await Files.PutAsync(name, new MemoryStream(Encoding.UTF8.GetBytes("first")), "text/plain", Ct);
        await Files.PutAsync(name, new MemoryStream(Encoding.UTF8.GetBytes("second")), "text/markdown", Ct);
        var file = await Files.GetAsync(name, Ct);

        Assert.NotNull(file);
        Assert.Equal("second", Encoding.UTF8.GetString(file.Content));
        Assert.Equal("text/markdown", file.ContentType);

        await Files.DeleteAsync(name, Ct);
        Assert.Null(await Files.GetAsync(name, Ct));
    }

    [Fact]
    public async Task A_large_file_streams_in_and_out_whole_and_a_missing_one_opens_as_null()
    {
        var name = "contract/" + Guid.NewGuid().ToString("N") + ".bin";
        Assert.Null(await Files.OpenReadAsync(name, Ct));

        // Over two of the Azure backend's 4 MiB blocks, so the upload is staged and committed.
        var content = new byte[(9 * 1024 * 1024) + 123];
        new Random(16).NextBytes(content);
        await Files.PutAsync(name, new MemoryStream(content), "application/pdf", Ct);

        await using (var read = await Files.OpenReadAsync(name, Ct))
        {
            Assert.NotNull(read);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, Ct);
            Assert.Equal(content, copy.ToArray());
        }

        await Files.DeleteAsync(name, Ct);
        Assert.Null(await Files.OpenReadAsync(name, Ct));
    }

    private static GrainId NewGrainId() => GrainId.Create("contracttest", Guid.NewGuid().ToString("N"));

    private static string NewLogName() => "contract/" + Guid.NewGuid().ToString("N");

    private static ReadOnlyMemory<byte> Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static GrainState<CityState> NewState(string name) =>
        new() { State = new CityState { Profile = new(name, "BG", ["bg"]), UpdatedAt = DateTimeOffset.UnixEpoch } };
}

public sealed class StorageContractTestsOnEmbedded(EmbeddedClusterFixture fixture) : StorageContractTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class StorageContractTestsOnAzure(AzureClusterFixture fixture) : StorageContractTests(fixture), IClassFixture<AzureClusterFixture>;
