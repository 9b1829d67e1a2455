namespace Climaborough.Grains.Boards;

using System.Text.Json;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;
using Microsoft.Extensions.Logging;

/// <summary>
/// A board's versions: snapshot files <c>boards/{id}/snapshots/{seq}.json</c> listed in the board's
/// state. Decides when the next one is due, writes it, keeps the latest in memory (joins start from it)
/// and is the one way to read one back: a file that is missing or cannot be read throws
/// <see cref="InvalidDataException"/>, so a board never starts empty over stored content. No Orleans:
/// the owner passes its state and how to write it.
/// </summary>
public sealed class BoardSnapshots(IFileStore files, string boardId, BoardOptions settings, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = BoardJson.Options;

    private readonly Dictionary<string, int> editsSinceVersion = new(StringComparer.Ordinal);

    /// <summary>The latest snapshot (sequence 0 and empty before the first).</summary>
    public BoardSnapshot Latest { get; private set; } = new(0, []);

    /// <summary>When the latest version was stored (the board's creation before the first).</summary>
    public DateTimeOffset LatestAt { get; private set; }

    /// <summary>A new board: no version yet; time for the first counts from <paramref name="createdAt"/>.</summary>
    public void Begin(DateTimeOffset createdAt)
    {
        Latest = new(0, []);
        LatestAt = createdAt;
    }

    /// <summary>Reads the board's latest version (null when it has none) and starts from it.</summary>
    public async Task<StoredSnapshot?> LoadLatestAsync(BoardState board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        Begin(board.CreatedAt);
        if (board.Versions.LastOrDefault() is not { } version)
        {
            return null;
        }

        var snapshot = await ReadAsync(version, cancellationToken);
        Latest = new BoardSnapshot(snapshot.Seq, snapshot.Elements);
        LatestAt = version.At;
        return snapshot;
    }

    /// <summary>The version stored at <paramref name="versionSeq"/>; null when the board has no such version.</summary>
    public async Task<StoredSnapshot?> ReadAsync(BoardState board, long versionSeq, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board.Versions.FirstOrDefault(v => v.Seq == versionSeq) is { } version ? await ReadAsync(version, cancellationToken) : null;
    }

    /// <summary>Counts durable edits per author for the next version's line ("edits since the previous one").</summary>
    public void Count(IEnumerable<AppliedOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var op in ops)
        {
            editsSinceVersion[op.UserId] = editsSinceVersion.GetValueOrDefault(op.UserId) + 1;
        }
    }

    /// <summary>Whether a version of the state at <paramref name="durableSeq"/> is due: something changed, and enough ops or time passed.</summary>
    public bool IsDue(BoardState board, long durableSeq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var lastVersionSeq = board.Versions.LastOrDefault()?.Seq ?? 0;
        return durableSeq != lastVersionSeq && (durableSeq - lastVersionSeq >= settings.SnapshotEveryOps || now - LatestAt >= settings.SnapshotEvery);
    }

    /// <summary>
    /// Stores the version at <paramref name="at"/>: the file, then its line in <paramref name="board"/>'s
    /// versions, then <paramref name="writeState"/>. False when that failed; that is not fatal (the log
    /// still holds every op) and the next call tries again.
    /// </summary>
    public async Task<bool> StoreAsync(BoardState board, long at, List<BoardElement> elements, Dictionary<string, ClientMark> clients, DateTimeOffset now, Func<Task> writeState)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(writeState);
        var fileName = $"boards/{boardId}/snapshots/{at:D12}.json";
        try
        {
            await files.PutAsync(fileName, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new StoredSnapshot(at, elements, clients), Json)), "application/json");
            board.Versions.Add(new StoredVersion(at, now, elements.Count(e => !e.Deleted), new Dictionary<string, int>(editsSinceVersion, StringComparer.Ordinal), fileName));
            await writeState();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Board {BoardId}: could not store the version at {Seq}", boardId, at);
            return false;
        }

        editsSinceVersion.Clear();
        LatestAt = now;
        Latest = new BoardSnapshot(at, elements);
        return true;
    }

    private async Task<StoredSnapshot> ReadAsync(StoredVersion version, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(version.FileName, cancellationToken)
            ?? throw new InvalidDataException($"Board {boardId}: snapshot {version.FileName} is missing.");
        StoredSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<StoredSnapshot>(file.Content, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Board {boardId}: snapshot {version.FileName} cannot be read.", ex);
        }

        return snapshot ?? throw new InvalidDataException($"Board {boardId}: snapshot {version.FileName} is empty.");
    }
}

/// <summary>A snapshot file: the elements at <see cref="Seq"/> and the clients' marks, so dedupe survives restarts.</summary>
public sealed record StoredSnapshot(long Seq, List<BoardElement> Elements, Dictionary<string, ClientMark> Clients);
