namespace Climaborough.Contracts;

/// <summary>
/// How an applied op changes a board's elements: the one definition used by the board grain when it
/// replays its log and by every client replica, so all of them reach the same state.
/// </summary>
public static class BoardOpApplier
{
    /// <summary>Applies <paramref name="op"/> to <paramref name="elements"/> (deleted elements stay, flagged).</summary>
    /// <exception cref="InvalidDataException">The op names an element the replica does not have: it is out of sync.</exception>
    public static void Apply(IDictionary<string, BoardElement> elements, AppliedOp op)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(op);
        foreach (var change in op.Changes)
        {
            switch (change.Type)
            {
                case ChangeType.Create:
                    elements[change.Id] = change.Element! with { UpdatedAt = op.At, Deleted = false };
                    break;
                case ChangeType.Update when elements.TryGetValue(change.Id, out var e):
                    elements[change.Id] = ApplyPatch(e, change.Patch!) with { UpdatedAt = op.At };
                    break;
                case ChangeType.Delete when elements.TryGetValue(change.Id, out var e):
                    elements[change.Id] = e with { Deleted = true, UpdatedAt = op.At };
                    break;
                case ChangeType.Restore when elements.TryGetValue(change.Id, out var e):
                    elements[change.Id] = e with { Deleted = false, UpdatedAt = op.At };
                    break;
                default:
                    throw new InvalidDataException($"Op {op.Seq} does not apply: {change.Type} of unknown element '{change.Id}'.");
            }
        }
    }

    /// <summary>Sets the properties a patch carries.</summary>
    public static BoardElement ApplyPatch(BoardElement e, ElementPatch p)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        return e with
        {
            X = p.X ?? e.X,
            Y = p.Y ?? e.Y,
            Width = p.Width ?? e.Width,
            Height = p.Height ?? e.Height,
            Z = p.Z ?? e.Z,
            Color = p.Color ?? e.Color,
            Text = p.Text ?? e.Text,
            From = p.From ?? e.From,
            To = p.To ?? e.To,
            FileRef = p.FileRef ?? e.FileRef,
        };
    }
}
