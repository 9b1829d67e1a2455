namespace Climaborough.Storage.Tests;

using System.Text;
using Climaborough.Abstractions.Cities;
using Climaborough.Storage;
using Climaborough.Storage.Embedded;
using Climaborough.Testing;
using Orleans.Runtime;
using Orleans.Storage;

/// <summary>What only the embedded backend can get wrong: damaged files and torn writes after a crash.</summary>
public sealed class EmbeddedStorageTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_damaged_state_file_makes_the_read_fail_instead_of_returning_blank_state()
    {
        var storage = fixture.SiloKeyedService<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var id = GrainId.Create("damaged", Guid.NewGuid().ToString("N"));
        var state = new GrainState<CityState> { State = new CityState { Profile = new("Sofia", "BG", ["bg"]) } };
        await storage.WriteStateAsync("city", id, state);
        var file = Directory.EnumerateFiles(fixture.Storage.DataPath, "*.state", SearchOption.AllDirectories)
            .Single(f => f.Contains(Uri.EscapeDataString(id.Key.ToString()!), StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        await File.WriteAllBytesAsync(file, bytes[..^3].Concat(new byte[] { 0xFF, 0xFE, 0x00, 0x13 }).ToArray(), Ct);
        var damaged = await File.ReadAllBytesAsync(file, Ct);

        var refused = await Assert.ThrowsAsync<IOException>(() => storage.ReadStateAsync("city", id, new GrainState<CityState>()));
        Assert.Contains("refusing", refused.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(file, Ct));
    }

    [Fact]
    public async Task A_torn_tail_left_by_a_crash_is_ignored_and_later_appends_are_read_back()
    {
        using var folder = new TempFolder();
        var log = new FileAppendLogStore(folder.Path, fsync: false);
        await log.AppendAsync("board/one", [Encoding.UTF8.GetBytes("acked-1"), Encoding.UTF8.GetBytes("acked-2")], Ct);
        var path = Directory.EnumerateFiles(folder.Path, "*.log", SearchOption.AllDirectories).Single();

        // A crash in the middle of a write: a frame header promising more bytes than were written.
        var torn = LogFraming.Frame([Encoding.UTF8.GetBytes("never-acked")])[..10];
        await using (var f = new FileStream(path, FileMode.Append))
        {
            await f.WriteAsync(torn, Ct);
        }

        var restarted = new FileAppendLogStore(folder.Path, fsync: true);
        Assert.Equal(["acked-1", "acked-2"], (await restarted.ReadAllAsync("board/one", Ct)).Select(r => Encoding.UTF8.GetString(r)));

        await restarted.AppendAsync("board/one", [Encoding.UTF8.GetBytes("acked-3")], Ct);
        Assert.Equal(["acked-1", "acked-2", "acked-3"], (await restarted.ReadAllAsync("board/one", Ct)).Select(r => Encoding.UTF8.GetString(r)));
    }
}
