namespace Climaborough.Grains.Boards;

using Climaborough.Contracts;

/// <summary>
/// What a board knows of each client's op numbers, so that it applies each <c>(clientId, clientSeq)</c>
/// at most once and acknowledges only what it applied (docs/protocol.md). Per client, every number at or
/// below the floor was applied (the floor only moves over a contiguous run); above it, each applied
/// number is remembered exactly, so ops may arrive in any order. Pure: no Orleans, no storage.
/// </summary>
public sealed class ClientMarks
{
    /// <summary>Applied numbers below the floor that keep their board sequence number (answers to recent retries).</summary>
    public const int Window = 256;

    private readonly Dictionary<string, ClientMark> clients = new(StringComparer.Ordinal);

    /// <summary>Replaces everything with the marks of a stored snapshot.</summary>
    public void Load(IReadOnlyDictionary<string, ClientMark> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        clients.Clear();
        foreach (var (clientId, mark) in stored)
        {
            clients[clientId] = mark with { Applied = new Dictionary<long, long>(mark.Applied) };
        }
    }

    /// <summary>Whether the op was applied already; <paramref name="boardSeq"/> is its board sequence number when still known.</summary>
    public bool IsApplied(string clientId, long clientSeq, out long? boardSeq)
    {
        boardSeq = null;
        if (!clients.TryGetValue(clientId, out var mark))
        {
            return false;
        }

        if (mark.Applied.TryGetValue(clientSeq, out var seq))
        {
            boardSeq = seq;
            return true;
        }

        return clientSeq <= mark.Floor;
    }

    /// <summary>The client's floor: every number up to it was applied.</summary>
    public long Floor(string clientId) => clients.TryGetValue(clientId, out var mark) ? mark.Floor : 0;

    /// <summary>Whether the op is too far ahead of the floor for the board to remember it exactly (refused as <c>out-of-order</c>).</summary>
    public bool IsTooFarAhead(string clientId, long clientSeq) => clientSeq > Floor(clientId) + BoardLimits.MaxClientSeqAhead;

    /// <summary>Records an applied op.</summary>
    public void MarkApplied(string clientId, long clientSeq, long opSeq)
    {
        if (!clients.TryGetValue(clientId, out var mark))
        {
            clients[clientId] = mark = new ClientMark(0, []);
        }

        mark.Applied[clientSeq] = opSeq;
        var floor = mark.Floor;
        while (mark.Applied.ContainsKey(floor + 1))
        {
            floor++;
        }

        if (floor != mark.Floor)
        {
            clients[clientId] = mark = mark with { Floor = floor };
        }

        // Numbers well below the floor need no exact entry (the floor says they were applied); the last
        // Window keep theirs so that a retry of a recent op is told its board sequence number.
        if (mark.Applied.Count > 2 * Window)
        {
            foreach (var old in mark.Applied.Keys.Where(k => k <= floor - Window).ToList())
            {
                mark.Applied.Remove(old);
            }
        }
    }

    /// <summary>The marks as they were at board sequence <paramref name="boardSeq"/> (for a snapshot of that point: ops after it may still be lost).</summary>
    public Dictionary<string, ClientMark> At(long boardSeq) =>
        clients.ToDictionary(
            c => c.Key,
            c =>
            {
                var later = c.Value.Applied.Where(a => a.Value > boardSeq).Select(a => a.Key).DefaultIfEmpty(long.MaxValue).Min();
                return new ClientMark(Math.Min(c.Value.Floor, later - 1), c.Value.Applied.Where(a => a.Value <= boardSeq).ToDictionary());
            },
            StringComparer.Ordinal);
}

/// <summary>
/// What a board knows of a client's ops: every client sequence number at or below <see cref="Floor"/>
/// was applied, and <see cref="Applied"/> maps the recent ones to their board sequence numbers.
/// </summary>
public sealed record ClientMark(long Floor, Dictionary<long, long> Applied);
