namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Abstractions.Boards;
using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using Climaborough.Storage.Embedded;
using Climaborough.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static BoardTestKit;

/// <summary>A board's versions without a cluster, on the embedded file store: when one is due, what it holds, and that an unreadable one is never taken for an empty board.</summary>
public sealed class BoardSnapshotsTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly BoardOptions Settings = new() { SnapshotEveryOps = 10, SnapshotEvery = TimeSpan.FromMinutes(5) };

    private readonly TempFolder folder = new();
    private readonly string boardId = BoardIds.New();
    private readonly BoardState board = new() { Created = true, Title = "Traffic co-design", CreatedAt = Created };

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_version_is_due_after_enough_ops_or_enough_time_and_only_when_something_changed()
    {
        var snapshots = New();
        snapshots.Begin(Created);

        Assert.False(snapshots.IsDue(board, 0, Created.AddHours(1)));
        Assert.False(snapshots.IsDue(board, 9, Created.AddMinutes(1)));
        Assert.True(snapshots.IsDue(board, 10, Created.AddMinutes(1)));
        Assert.True(snapshots.IsDue(board, 1, Created.AddMinutes(5)));
    }

    [Fact]
    public async Task A_stored_version_reads_back_with_its_elements_marks_and_edits_per_author()
    {
        var snapshots = New();
        snapshots.Begin(Created);
        snapshots.Count([Op(1, "demo:maria"), Op(2, "demo:ivan"), Op(3, "demo:maria")]);
        var marks = new ClientMarks();
        marks.MarkApplied("c-maria", 1, 1);
        var writes = 0;

        var stored = await snapshots.StoreAsync(board, 3, [Note("a"), Note("gone") with { Deleted = true }], marks.At(3), Created.AddMinutes(6), () => Task.FromResult(++writes));

        Assert.True(stored);
        Assert.Equal(1, writes);
        var version = Assert.Single(board.Versions);
        Assert.Equal((3L, 1), (version.Seq, version.ElementCount));
        Assert.Equal(new Dictionary<string, int> { ["demo:maria"] = 2, ["demo:ivan"] = 1 }, version.EditsByAuthor);
        Assert.Equal(3, snapshots.Latest.Seq);
        Assert.False(snapshots.IsDue(board, 3, Created.AddHours(1)));

        var reloaded = New();
        var latest = await reloaded.LoadLatestAsync(board, TestContext.Current.CancellationToken);
        Assert.Equal(["a", "gone"], latest!.Elements.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.True(latest.Clients["c-maria"].Applied.ContainsKey(1));
        Assert.Equal(3, reloaded.Latest.Seq);
        Assert.Null(await reloaded.ReadAsync(board, 4, TestContext.Current.CancellationToken));
        Assert.NotNull(await reloaded.ReadAsync(board, 3, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("damaged")]
    [InlineData("empty")]
    [InlineData("missing")]
    public async Task An_unreadable_version_throws_instead_of_reading_as_an_empty_board(string damage)
    {
        var snapshots = New();
        snapshots.Begin(Created);
        Assert.True(await snapshots.StoreAsync(board, 1, [Note("a")], [], Created, () => Task.CompletedTask));
        var file = Directory.EnumerateFiles(Path.Combine(folder.Path, "files", "boards", boardId, "snapshots")).Single();
        switch (damage)
        {
            case "damaged":
                await File.WriteAllTextAsync(file, "{\"seq\": 1, \"elements\": [tru", TestContext.Current.CancellationToken);
                break;
            case "empty":
                await File.WriteAllTextAsync(file, "null", TestContext.Current.CancellationToken);
                break;
            default:
                File.Delete(file);
                break;
        }

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => New().LoadLatestAsync(board, TestContext.Current.CancellationToken));
        Assert.Contains("snapshot", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidDataException>(() => New().ReadAsync(board, 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_version_that_could_not_be_stored_is_not_fatal_and_its_edits_count_towards_the_next()
    {
        var snapshots = New();
        snapshots.Begin(Created);
        snapshots.Count([Op(1, "demo:maria")]);

        Assert.False(await snapshots.StoreAsync(board, 1, [Note("a")], [], Created.AddMinutes(6), () => throw new IOException("The state store is down.")));
        Assert.Equal(0, snapshots.Latest.Seq);

        snapshots.Count([Op(2, "demo:maria")]);
        Assert.True(await snapshots.StoreAsync(board, 2, [Note("a")], [], Created.AddMinutes(7), () => Task.CompletedTask));
        Assert.Equal(2, snapshots.Latest.Seq);
        Assert.Equal(2, board.Versions[^1].EditsByAuthor["demo:maria"]);
    }

    private BoardSnapshots New() => new(new FileSystemFileStore(folder.Path), boardId, Settings, NullLogger.Instance);

    private static AppliedOp Op(long seq, string userId) => new(seq, "c-" + userId.Replace(':', '-'), seq, userId, Created, OpKind.Edit, [Create(Note("n" + seq))]);
}
