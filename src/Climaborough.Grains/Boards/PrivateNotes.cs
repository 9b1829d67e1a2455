namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions.Boards;
using Climaborough.Contracts;

/// <summary>Who reads: an account (null: nobody signed in) and whether as a facilitator of the board's lab.</summary>
public readonly record struct PrivateViewer(string? UserId, bool Facilitator);

/// <summary>
/// The rules of a private brainstorm on one board, over the round and marks kept in <see cref="BoardState"/>. Pure and
/// single-threaded (the board grain calls it in its turns). An element is private from the op that created it during
/// an open round until the reveal op (a mark's <see cref="PrivateMark.RevealedAt"/>); whether someone sees it in an op
/// or a state depends on that op's or state's sequence number, so ops written before the reveal stay hidden even when
/// they are broadcast after it was applied.
/// </summary>
public sealed class PrivateNotes
{
    private BoardState state = new();

    private Dictionary<string, PrivateMark> Marks => state.PrivateMarks;

    /// <summary>Whether new elements are private now.</summary>
    public bool Open => state.Private is { ClosedAfter: null };

    /// <summary>Whether any element is, or was, private (nothing to filter otherwise).</summary>
    public bool Any => Marks.Count > 0;

    /// <summary>Uses the board's stored state (on activation and creation).</summary>
    public void Attach(BoardState boardState) => state = boardState ?? throw new ArgumentNullException(nameof(boardState));

    /// <summary>Opens a round for <paramref name="sessionId"/>: ops after <paramref name="lastSeq"/> make private elements.</summary>
    public void OpenRound(string sessionId, long lastSeq) => state.Private = new PrivateRound { SessionId = sessionId, OpenedAfter = lastSeq };

    /// <summary>Closes the round: ops after <paramref name="lastSeq"/> make public elements again.</summary>
    public void CloseRound(long lastSeq)
    {
        if (state.Private is { ClosedAfter: null } round)
        {
            round.ClosedAfter = lastSeq;
        }
    }

    /// <summary>Whether <paramref name="viewer"/> sees element <paramref name="id"/> in an op or state at <paramref name="seq"/>.</summary>
    public bool Sees(PrivateViewer viewer, string id, long seq) =>
        !Marks.TryGetValue(id, out var mark) || viewer.Facilitator || (viewer.UserId is not null && mark.AuthorId == viewer.UserId)
        || (mark.RevealedAt is { } revealed && seq >= revealed);

    /// <summary>The op as <paramref name="viewer"/> may receive it: changes of elements they may not see are left out (the number stays).</summary>
    public AppliedOp Redact(AppliedOp op, PrivateViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(op);
        return !Any || op.Changes.All(c => Sees(viewer, c.Id, op.Seq)) ? op : op with { Changes = [.. op.Changes.Where(c => Sees(viewer, c.Id, op.Seq))] };
    }

    /// <summary>The ops as <paramref name="viewer"/> may receive them.</summary>
    public IReadOnlyList<AppliedOp> Redact(IReadOnlyList<AppliedOp> ops, PrivateViewer viewer) =>
        !Any ? ops : [.. ops.Select(o => Redact(o, viewer))];

    /// <summary>The elements of a state at <paramref name="seq"/> that <paramref name="viewer"/> may see.</summary>
    public IReadOnlyList<BoardElement> Visible(IReadOnlyList<BoardElement> elements, PrivateViewer viewer, long seq) =>
        !Any ? elements : [.. elements.Where(e => Sees(viewer, e.Id, seq))];

    /// <summary>Whether any change of <paramref name="op"/> is of an element someone may not see.</summary>
    public bool HidesSomething(AppliedOp op) => Any && op.Changes.Any(c => !Sees(new PrivateViewer(null, false), c.Id, op.Seq));

    /// <summary>The authors of the changes in <paramref name="ops"/> that are hidden from others.</summary>
    public IReadOnlyList<string> HiddenAuthors(IReadOnlyList<AppliedOp> ops) =>
        [.. ops.SelectMany(o => o.Changes.Where(c => !Sees(new PrivateViewer(null, false), c.Id, o.Seq)).Select(c => Marks[c.Id].AuthorId)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Null when <paramref name="userId"/> may request these changes. Someone else's private element (and a discarded one)
    /// answers exactly like an element that does not exist, also as a connector's end; a public connector may not point
    /// at a private element (its ends would tell others the id).
    /// </summary>
    public EditResult? Refuse(string userId, IReadOnlyList<ElementChange>? changes)
    {
        if (changes is null || !Any)
        {
            return null;
        }

        foreach (var change in changes)
        {
            if (change is null)
            {
                continue;
            }

            if (Hidden(change.Id, userId))
            {
                return Unknown(change.Id);
            }

            var (from, to) = change.Type switch
            {
                ChangeType.Create => (change.Element?.From, change.Element?.To),
                ChangeType.Update => (change.Patch?.From, change.Patch?.To),
                _ => (null, null),
            };

            foreach (var end in new[] { from, to })
            {
                if (end is null || !Marks.TryGetValue(end, out var endMark) || endMark.RevealedAt is not null)
                {
                    continue;
                }

                if (Hidden(end, userId))
                {
                    return Unknown(end);
                }

                // The author's own private end: the connector must be private too (made now in the open round, or already private).
                var connectorPrivate = change.Type == ChangeType.Create ? Open : Marks.TryGetValue(change.Id, out var own) && own.RevealedAt is null;
                if (!connectorPrivate)
                {
                    return new EditResult(false, null, ErrorCode: ErrorCodes.InvalidOp, Error: "A private note can only be connected to while it is private: reveal it first.");
                }
            }
        }

        return null;
    }

    /// <summary>Marks what <paramref name="op"/> created as private to its author, when the round is open.</summary>
    public bool MarkCreated(AppliedOp op, string authorName)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!Open || op.Kind is OpKind.Import or OpKind.Reveal)
        {
            return false;
        }

        var marked = false;
        foreach (var change in op.Changes.Where(c => c.Type == ChangeType.Create && !Marks.ContainsKey(c.Id)))
        {
            Marks[change.Id] = new PrivateMark { AuthorId = op.UserId, AuthorName = authorName };
            marked = true;
        }

        return marked;
    }

    /// <summary>
    /// The reveal's changes: every private element not deleted, as it is now (a create, which replicas that have it
    /// simply overwrite with the same content). Connectors last, so that everything they join exists before them.
    /// </summary>
    public IReadOnlyList<ElementChange> RevealChanges(IReadOnlyDictionary<string, BoardElement> elements) =>
        [.. Marks.Where(m => m.Value.RevealedAt is null && !m.Value.Discarded && elements.TryGetValue(m.Key, out var e) && !e.Deleted)
            .Select(m => elements[m.Key])
            .OrderBy(e => e.Kind == ElementKind.Connector ? 1 : 0).ThenBy(e => e.Z).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new ElementChange(ChangeType.Create, e.Id, e))];

    /// <summary>Applies a reveal op (live or replayed): what it lists is everyone's from its number on; the rest was discarded. Closes the round.</summary>
    public void Reveal(AppliedOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var revealed = op.Changes.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, mark) in Marks.Where(m => m.Value.RevealedAt is null))
        {
            if (revealed.Contains(id))
            {
                mark.RevealedAt = op.Seq;
            }
            else
            {
                mark.Discarded = true;
            }
        }

        CloseRound(op.Seq - 1);
    }

    /// <summary>An op read back from the log: marks what it created during the round, or applies the reveal.</summary>
    public void Replay(AppliedOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.Kind == OpKind.Reveal)
        {
            Reveal(op);
            return;
        }

        if (state.Private is { } round && op.Seq > round.OpenedAfter && (round.ClosedAfter is null || op.Seq <= round.ClosedAfter) && op.Kind != OpKind.Import)
        {
            var name = Marks.Values.FirstOrDefault(m => m.AuthorId == op.UserId)?.AuthorName ?? op.UserId;
            foreach (var change in op.Changes.Where(c => c.Type == ChangeType.Create && !Marks.ContainsKey(c.Id)))
            {
                Marks[change.Id] = new PrivateMark { AuthorId = op.UserId, AuthorName = name };
            }
        }
    }

    /// <summary>The round as <paramref name="viewer"/> may see it: counts for everyone, marks for the author and facilitators.</summary>
    public PrivateNotesView View(PrivateViewer viewer, IReadOnlyDictionary<string, BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var pending = Pending(elements);
        if (state.Private is null && pending.Count == 0)
        {
            return PrivateNotesView.None with { Facilitator = viewer.Facilitator };
        }

        var counts = pending.GroupBy(m => m.AuthorId, StringComparer.Ordinal)
            .Select(g => new PrivateNoteCount(g.Key, g.First().AuthorName, g.Count()))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        var visible = pending.Where(m => viewer.Facilitator || (viewer.UserId is not null && m.AuthorId == viewer.UserId)).ToList();
        return new PrivateNotesView(Open, state.Private?.SessionId, viewer.Facilitator, counts, visible);
    }

    /// <summary>Every private element not yet revealed or deleted, with its author.</summary>
    public List<PrivateNoteMark> Pending(IReadOnlyDictionary<string, BoardElement> elements) =>
        [.. Marks.Where(m => m.Value.RevealedAt is null && !m.Value.Discarded && elements.TryGetValue(m.Key, out var e) && !e.Deleted)
            .Select(m => new PrivateNoteMark(m.Key, m.Value.AuthorId, m.Value.AuthorName))
            .OrderBy(m => m.ElementId, StringComparer.Ordinal)];

    /// <summary>Selections in presence name no element that is hidden from anyone.</summary>
    public IReadOnlyList<string> PublicSelection(IReadOnlyList<string> selection) =>
        !Any || selection is null ? selection ?? [] : [.. selection.Where(id => !Marks.TryGetValue(id, out var m) || m.RevealedAt is not null)];

    /// <summary>Keeps private elements as they are in a version being restored (a restore never deletes or changes them).</summary>
    public void KeepPrivate(Dictionary<string, BoardElement> target, IReadOnlyDictionary<string, BoardElement> current)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(current);
        foreach (var (id, mark) in Marks.Where(m => m.Value.RevealedAt is null))
        {
            if (current.TryGetValue(id, out var e))
            {
                target[id] = e;
            }
            else
            {
                target.Remove(id);
            }
        }
    }

    private bool Hidden(string id, string userId) =>
        Marks.TryGetValue(id, out var mark) && mark.RevealedAt is null && (mark.Discarded || mark.AuthorId != userId);

    private static EditResult Unknown(string id) =>
        new(false, null, ErrorCode: ErrorCodes.UnknownElement, Error: $"There is no element '{id}' on this board.");
}
