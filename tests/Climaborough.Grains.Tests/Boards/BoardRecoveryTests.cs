namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Abstractions.Boards;
using Climaborough.Testing;
using static BoardTestKit;

/// <summary>A board whose stored content cannot be read refuses to activate: it never starts empty.</summary>
public sealed class BoardRecoveryTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    [Theory]
    [InlineData("damaged")]
    [InlineData("missing")]
    public async Task A_board_with_an_unreadable_snapshot_refuses_to_activate_and_keeps_the_files(string damage)
    {
        var id = BoardIds.New();
        var board = fixture.Grains.GetGrain<IBoardGrain>(id);
        await board.CreateAsync("Fragile", null, "demo:owner");
        var maria = new Client(board, "demo:maria");
        for (var i = 0; i < 25; i++)
        {
            await maria.Edit(Create(Note($"n{i}")));
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await board.ListVersionsAsync()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await fixture.Cluster.DeactivateAsync(board);
        var snapshot = Directory.EnumerateFiles(Path.Combine(fixture.Storage.DataPath, "files", "boards", id, "snapshots")).Single();
        if (damage == "damaged")
        {
            await File.WriteAllTextAsync(snapshot, "{\"seq\": 20, \"elements\": [tru", TestContext.Current.CancellationToken);
        }
        else
        {
            File.Move(snapshot, snapshot + ".moved-away");
        }

        var logFiles = Directory.EnumerateFiles(Path.Combine(fixture.Storage.DataPath, "logs", "boards", id), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => File.ReadAllBytes(f));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<IBoardGrain>(id).GetInfoAsync());
        Assert.Contains("snapshot", refused.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => new Client(fixture.Grains.GetGrain<IBoardGrain>(id), "demo:ivan").Edit(Create(Note("late"))));

        Assert.All(logFiles, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
    }
}
