namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>
/// A client's copy of a board: applies the board's ops strictly in sequence order (ops that arrive
/// early wait for the missing ones), so every replica reaches the grain's state. Not thread-safe:
/// callers lock around it.
/// </summary>
public sealed class BoardReplica
{
    private readonly Dictionary<string, BoardElement> elements = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, AppliedOp> early = [];

    /// <summary>The last sequence number applied: send it as <c>lastSeq</c> when (re)joining.</summary>
    public long Seq { get; private set; }

    /// <summary>All elements, deleted ones included.</summary>
    public IReadOnlyDictionary<string, BoardElement> Elements => elements;

    /// <summary>Whether ops arrived that cannot be applied yet because earlier ones are missing.</summary>
    public bool HasGap => early.Count > 0;

    /// <summary>Applies what joining returned: a snapshot (when sent) and the ops after it.</summary>
    public void Load(BoardJoin join)
    {
        ArgumentNullException.ThrowIfNull(join);
        if (join.Snapshot is { } snapshot)
        {
            elements.Clear();
            foreach (var e in snapshot.Elements)
            {
                elements[e.Id] = e;
            }

            Seq = snapshot.Seq;
            foreach (var stale in early.Keys.Where(k => k <= Seq).ToList())
            {
                early.Remove(stale);
            }
        }

        foreach (var op in join.Ops)
        {
            Receive(op);
        }
    }

    /// <summary>Takes one op from the board (a broadcast or a join); duplicates are ignored.</summary>
    public void Receive(AppliedOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.Seq <= Seq)
        {
            return;
        }

        early[op.Seq] = op;
        while (early.Remove(Seq + 1, out var next))
        {
            BoardOpApplier.Apply(elements, next);
            Seq = next.Seq;
        }
    }
}
