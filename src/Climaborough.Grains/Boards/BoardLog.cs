namespace Climaborough.Grains.Boards;

using System.Diagnostics;
using System.Text.Json;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;

/// <summary>
/// A board's op log and its group commit. Ops are numbered when the board applies them in memory and
/// queued; one flush loop at a time appends the whole queue in one write per log segment, and ops that
/// arrive while a write is in flight go into the next write. An op's <see cref="Append"/> task completes
/// only after its write returned (faults when it failed: then every op not stored fails, and the log
/// refuses more). Also keeps the durable tail that joins are answered from.
/// </summary>
/// <remarks>
/// No Orleans: it runs on the scheduler of whoever calls it. The board grain calls it from its turns,
/// so every continuation here is a turn of the grain too (never <c>ConfigureAwait(false)</c> here).
/// </remarks>
public sealed class BoardLog
{
    private static readonly JsonSerializerOptions Json = BoardJson.Options;

    private readonly IAppendLogStore logs;
    private readonly string boardId;
    private readonly int segmentSize;
    private readonly int keepBehindSnapshot;
    private readonly Action<IReadOnlyList<AppliedOp>> durable;
    private readonly Func<Task> acknowledged;
    private readonly Action<Exception> failed;
    private readonly List<AppliedOp> recent = [];
    private List<Pending> pending = [];
    private List<Pending> inFlight = [];
    private bool flushing;

    /// <param name="logs">Where the segments are stored.</param>
    /// <param name="boardId">The board, for log names and messages.</param>
    /// <param name="settings">Segment size and how many ops to keep behind a snapshot.</param>
    /// <param name="durable">Called once per written batch, after the write and before its ops are acknowledged.</param>
    /// <param name="acknowledged">Awaited after a batch was acknowledged, before the next write starts (a snapshot, say).</param>
    /// <param name="failed">Called once when a write failed.</param>
    public BoardLog(IAppendLogStore logs, string boardId, BoardOptions settings, Action<IReadOnlyList<AppliedOp>> durable, Func<Task> acknowledged, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.logs = logs;
        this.boardId = boardId;
        segmentSize = settings.SegmentSize;
        keepBehindSnapshot = settings.KeepOpsBehindSnapshot;
        this.durable = durable;
        this.acknowledged = acknowledged;
        this.failed = failed;
    }

    /// <summary>The sequence number of the last op applied in memory.</summary>
    public long Seq { get; private set; }

    /// <summary>The sequence number of the last op known to be stored.</summary>
    public long DurableSeq { get; private set; }

    /// <summary>Whether a write failed: memory then holds ops that are not stored, and nothing more is accepted.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>The sequence number the next op gets.</summary>
    public long NextSeq => Seq + 1;

    /// <summary>Whether every applied op is stored.</summary>
    public bool AllDurable => pending.Count == 0 && inFlight.Count == 0;

    /// <summary>The before-images of the ops applied but not yet stored, oldest first.</summary>
    public IEnumerable<IReadOnlyDictionary<string, BoardElement?>> NotDurable => inFlight.Concat(pending).Select(p => p.Befores);

    /// <summary>
    /// Reads the log after a snapshot at <paramref name="snapshotSeq"/> (0: none) and replays each later
    /// op; also keeps the ops just behind the snapshot (not replayed: the snapshot holds them), so that a
    /// client slightly behind it still gets only the ops it missed after a restart. Throws
    /// <see cref="InvalidDataException"/> when the log cannot be read in order.
    /// </summary>
    public async Task LoadAsync(long snapshotSeq, Action<AppliedOp> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var seq = snapshotSeq;
        var keepFrom = Math.Max(1, seq - keepBehindSnapshot + 1);
        for (var segment = SegmentOf(Math.Min(keepFrom, seq + 1)); ; segment++)
        {
            var records = await logs.ReadAllAsync(SegmentName(segment), cancellationToken);
            if (records.Count == 0)
            {
                break;
            }

            foreach (var record in records)
            {
                var op = JsonSerializer.Deserialize<AppliedOp>(record, Json) ?? throw new InvalidDataException($"Board {boardId}: empty log record.");
                if (op.Seq <= seq)
                {
                    if (op.Seq >= keepFrom && (recent.Count == 0 || op.Seq > recent[^1].Seq))
                    {
                        recent.Add(op);
                    }

                    continue;
                }

                if (op.Seq != seq + 1)
                {
                    throw new InvalidDataException($"Board {boardId}: log jumps from {seq} to {op.Seq}.");
                }

                replay(op);
                recent.Add(op);
                seq = op.Seq;
            }
        }

        Seq = DurableSeq = seq;
    }

    /// <summary>
    /// Queues an op numbered <see cref="NextSeq"/> for the next write; the task completes once it is
    /// stored. Call it last in the turn that applied the op: a write that completes at once acknowledges
    /// (and may snapshot) before this returns.
    /// </summary>
    public Task Append(AppliedOp op, IReadOnlyDictionary<string, BoardElement?> befores)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (IsBroken)
        {
            throw new InvalidOperationException($"Board {boardId}: the log refuses ops after a failed write.");
        }

        if (op.Seq != NextSeq)
        {
            throw new ArgumentException($"Board {boardId}: op {op.Seq} is not the next one ({NextSeq}).", nameof(op));
        }

        Seq = op.Seq;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add(new Pending(op, befores, done));
        if (!flushing)
        {
            // Set before the loop starts: the loop may complete synchronously when storage answers at once.
            flushing = true;
            _ = FlushAsync();
        }

        return done.Task;
    }

    /// <summary>Completes once op <paramref name="opSeq"/> is stored (at once when it is, or when it is unknown).</summary>
    public Task WaitDurableAsync(long opSeq)
    {
        if (opSeq <= DurableSeq)
        {
            return Task.CompletedTask;
        }

        var waiting = inFlight.Concat(pending).FirstOrDefault(p => p.Op.Seq == opSeq);
        return waiting?.Done.Task ?? Task.CompletedTask;
    }

    /// <summary>Whether a client that has every op up to <paramref name="lastSeq"/> can catch up from the kept tail alone.</summary>
    public bool CanCatchUpFrom(long lastSeq)
    {
        var tailStart = recent.Count > 0 ? recent[0].Seq : DurableSeq + 1;
        return lastSeq >= 0 && lastSeq <= DurableSeq && lastSeq >= tailStart - 1;
    }

    /// <summary>The stored ops after <paramref name="after"/> that the tail still holds.</summary>
    public List<AppliedOp> DurableOpsAfter(long after)
    {
        var index = recent.FindIndex(op => op.Seq > after);
        return index < 0 ? [] : recent.GetRange(index, recent.Count - index);
    }

    /// <summary>Drops the kept ops more than the configured number behind a new snapshot.</summary>
    public void ForgetBehind(long snapshotSeq) => recent.RemoveAll(op => op.Seq <= snapshotSeq - keepBehindSnapshot);

    private async Task FlushAsync()
    {
        try
        {
            while (pending.Count > 0)
            {
                inFlight = pending;
                pending = [];
                var writeStarted = Stopwatch.GetTimestamp();
                try
                {
                    foreach (var segment in inFlight.GroupBy(p => SegmentOf(p.Op.Seq)))
                    {
                        await logs.AppendAsync(SegmentName(segment.Key), [.. segment.Select(p => (ReadOnlyMemory<byte>)JsonSerializer.SerializeToUtf8Bytes(p.Op, Json))]);
                    }
                }
                catch (Exception ex)
                {
                    // Memory now holds ops that are not stored. Refuse everything; the owner reloads from storage.
                    IsBroken = true;
                    foreach (var p in inFlight.Concat(pending))
                    {
                        p.Done.TrySetException(ex);
                    }

                    pending = [];
                    inFlight = [];
                    failed(ex);
                    return;
                }

                BoardMetrics.StorageLatency.Record(Stopwatch.GetElapsedTime(writeStarted).TotalMilliseconds);
                BoardMetrics.BatchSize.Record(inFlight.Count);
                BoardMetrics.OpsApplied.Add(inFlight.Count);
                var ops = inFlight.Select(p => p.Op).ToList();
                DurableSeq = ops[^1].Seq;
                recent.AddRange(ops);
                durable(ops);
                foreach (var p in inFlight)
                {
                    p.Done.TrySetResult();
                }

                inFlight = [];
                await acknowledged();
            }
        }
        finally
        {
            flushing = false;
        }
    }

    private long SegmentOf(long opSeq) => (opSeq - 1) / segmentSize;

    private string SegmentName(long segment) => $"boards/{boardId}/log/{segment:D8}";

    private sealed record Pending(AppliedOp Op, IReadOnlyDictionary<string, BoardElement?> Befores, TaskCompletionSource Done);
}
