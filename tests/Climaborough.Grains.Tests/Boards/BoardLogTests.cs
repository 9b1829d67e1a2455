namespace Climaborough.Grains.Tests.Boards;

using System.Text.Json;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using Climaborough.Storage.Embedded;
using Climaborough.Testing;
using static BoardTestKit;

/// <summary>
/// The board's log and group commit, without a cluster, on the embedded log store: acknowledged only once
/// stored, batched while a write is in flight. Each test runs its calls the way a grain runs its turns:
/// one at a time, every continuation on one exclusive scheduler (the log relies on that, as in the grain).
/// </summary>
public sealed class BoardLogTests : IDisposable
{
    private static readonly BoardOptions Settings = new() { SegmentSize = 3, KeepOpsBehindSnapshot = 2 };
    private static readonly IReadOnlyDictionary<string, BoardElement?> NoBefores = new Dictionary<string, BoardElement?>();

    private readonly TempFolder folder = new();
    private readonly FileAppendLogStore store;
    private readonly string boardId = BoardIds.New();
    private readonly List<List<long>> batches = [];
    private readonly List<Exception> failures = [];
    private readonly ConcurrentExclusiveSchedulerPair turns = new();

    public BoardLogTests() => store = new FileAppendLogStore(folder.Path, fsync: false);

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    [Fact]
    public Task Ops_arriving_while_a_write_is_in_flight_go_into_the_next_write_and_none_is_acknowledged_before_it_is_stored() => InTurns(async () =>
    {
        var gated = new GatedLogStore(store);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gated.Before = call => call == 1 ? release.Task : Task.CompletedTask;
        var log = NewLog(gated);

        var first = log.Append(Op(1), NoBefores);
        await gated.Entered.Task.WaitAsync(TestContext.Current.CancellationToken);
        var second = log.Append(Op(2), NoBefores);
        var third = log.Append(Op(3), NoBefores);

        Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted);
        Assert.Equal(0, log.DurableSeq);
        Assert.Empty(log.DurableOpsAfter(0));
        Assert.Equal(3, log.NotDurable.Count());

        release.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal([[1L], [2L, 3L]], batches);
        Assert.Equal([1, 2], gated.RecordsPerWrite);
        Assert.Equal(3, log.DurableSeq);
        Assert.True(log.AllDurable);
        Assert.Equal([1L, 2L, 3L], await ReloadAsync(0));
    });

    [Fact]
    public Task A_failed_write_fails_every_op_not_stored_and_the_log_takes_no_more() => InTurns(async () =>
    {
        var gated = new GatedLogStore(store);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gated.Before = call => call == 2 ? release.Task : Task.CompletedTask;
        var log = NewLog(gated);
        await log.Append(Op(1), NoBefores);

        var written = log.Append(Op(2), NoBefores);
        await gated.Entered.Task.WaitAsync(TestContext.Current.CancellationToken);
        var waiting = log.Append(Op(3), NoBefores);
        release.SetException(new IOException("The disk is full."));

        await Assert.ThrowsAsync<IOException>(() => written);
        await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.True(log.IsBroken);
        Assert.IsType<IOException>(Assert.Single(failures));
        Assert.Equal(1, log.DurableSeq);
        Assert.Throws<InvalidOperationException>(() => { _ = log.Append(Op(4), NoBefores); });
        Assert.Equal([1L], await ReloadAsync(0));
    });

    [Fact]
    public Task A_reload_replays_only_the_ops_after_the_snapshot_and_keeps_a_short_tail_behind_it() => InTurns(async () =>
    {
        var log = NewLog(store);
        for (var seq = 1; seq <= 7; seq++)
        {
            await log.Append(Op(seq), NoBefores);
        }

        var reloaded = NewLog(store);
        var replayed = new List<long>();
        await reloaded.LoadAsync(5, op => replayed.Add(op.Seq), TestContext.Current.CancellationToken);

        Assert.Equal([6L, 7L], replayed);
        Assert.Equal(7, reloaded.DurableSeq);
        Assert.Equal(8, reloaded.NextSeq);
        Assert.Equal([4L, 5L, 6L, 7L], reloaded.DurableOpsAfter(0).Select(o => o.Seq));
        Assert.True(reloaded.CanCatchUpFrom(3));
        Assert.False(reloaded.CanCatchUpFrom(2));
        Assert.False(reloaded.CanCatchUpFrom(8));

        reloaded.ForgetBehind(7);
        Assert.Equal([6L, 7L], reloaded.DurableOpsAfter(0).Select(o => o.Seq));
    });

    [Fact]
    public Task A_log_with_a_gap_refuses_to_load() => InTurns(async () =>
    {
        var log = NewLog(store);
        await log.Append(Op(1), NoBefores);
        await store.AppendAsync($"boards/{boardId}/log/00000000", [JsonSerializer.SerializeToUtf8Bytes(Op(3), BoardJson.Options)], TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReloadAsync(0));
        Assert.Contains("jumps from 1 to 3", refused.Message, StringComparison.Ordinal);
    });

    private Task InTurns(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, turns.ExclusiveScheduler).Unwrap();

    private BoardLog NewLog(IAppendLogStore logs) =>
        new(logs, boardId, Settings, ops => batches.Add([.. ops.Select(o => o.Seq)]), () => Task.CompletedTask, failures.Add);

    private async Task<List<long>> ReloadAsync(long snapshotSeq)
    {
        var replayed = new List<long>();
        await NewLog(store).LoadAsync(snapshotSeq, op => replayed.Add(op.Seq), TestContext.Current.CancellationToken);
        return replayed;
    }

    private static AppliedOp Op(long seq) => new(seq, "c-maria", seq, "demo:maria", DateTimeOffset.UnixEpoch, OpKind.Edit, [Create(Note("n" + seq))]);

    /// <summary>The real store, with a hook that can hold or fail a write (the n-th call, from 1) before it reaches the store.</summary>
    private sealed class GatedLogStore(IAppendLogStore inner) : IAppendLogStore
    {
        private int calls;

        public Func<int, Task> Before { get; set; } = _ => Task.CompletedTask;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> RecordsPerWrite { get; } = [];

        public async Task AppendAsync(string logName, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
        {
            var gate = Before(++calls);
            if (!gate.IsCompleted)
            {
                Entered.TrySetResult();
            }

            await gate;
            await inner.AppendAsync(logName, records, cancellationToken);
            RecordsPerWrite.Add(records.Count);
        }

        public Task<IReadOnlyList<byte[]>> ReadAllAsync(string logName, CancellationToken cancellationToken = default) => inner.ReadAllAsync(logName, cancellationToken);

        public Task DeleteAsync(string logName, CancellationToken cancellationToken = default) => inner.DeleteAsync(logName, cancellationToken);
    }
}
