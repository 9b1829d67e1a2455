namespace Climaborough.Grains.Boards;

using Climaborough.Contracts;

/// <summary>
/// Per-person undo and redo of a board. Each op keeps every element it touched as it was before and
/// after; taking an op back touches only what nobody changed since, so a property someone else set
/// afterwards keeps their value. At most <c>depth</c> steps per person and direction; in memory only.
/// Pure: no Orleans, no storage.
/// </summary>
public sealed class UndoHistory(int depth)
{
    private readonly Dictionary<string, List<Entry>> undo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> redo = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a committed op of <paramref name="userId"/>: an undo goes onto their redo stack, a redo
    /// onto their undo stack, and any other op onto their undo stack, clearing their redo stack.
    /// </summary>
    public void Record(string userId, OpKind kind, PreparedOp prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Changes.Count == 0)
        {
            return;
        }

        var entry = new Entry([.. prepared.Afters.Select(a => (a.Key, prepared.Befores[a.Key], a.Value))]);
        switch (kind)
        {
            case OpKind.Undo:
                Push(redo, userId, entry);
                break;
            case OpKind.Redo:
                Push(undo, userId, entry);
                break;
            default:
                Push(undo, userId, entry);
                redo.Remove(userId);
                break;
        }
    }

    /// <summary>
    /// The changes of the person's next undo (<paramref name="kind"/> <see cref="OpKind.Undo"/>) or redo
    /// against <paramref name="current"/>, taking the step off its stack; steps that would change nothing
    /// any more are dropped on the way. Null when there is nothing (left) to take back.
    /// </summary>
    public List<ElementChange>? TakeBack(string userId, OpKind kind, IReadOnlyDictionary<string, BoardElement> current)
    {
        var stack = (kind == OpKind.Redo ? redo : undo).GetValueOrDefault(userId);
        while (stack is { Count: > 0 })
        {
            var entry = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            var changes = Inverse(entry, current);
            if (changes.Count > 0)
            {
                return changes;
            }
        }

        return null;
    }

    private static List<ElementChange> Inverse(Entry entry, IReadOnlyDictionary<string, BoardElement> current)
    {
        var changes = new List<ElementChange>();
        foreach (var (id, before, after) in entry.Touched.OrderBy(t => t.After.Kind == ElementKind.Connector ? 0 : 1))
        {
            if (!current.TryGetValue(id, out var now))
            {
                continue;
            }

            if (before is null)
            {
                if (!now.Deleted)
                {
                    changes.Add(new ElementChange(ChangeType.Delete, id));
                }

                continue;
            }

            if (before.Deleted != after.Deleted)
            {
                if (now.Deleted == after.Deleted)
                {
                    changes.Add(new ElementChange(before.Deleted ? ChangeType.Delete : ChangeType.Restore, id));
                }

                continue;
            }

            if (now.Deleted)
            {
                continue;
            }

            var patch = new ElementPatch(
                X: before.X != after.X && now.X == after.X ? before.X : null,
                Y: before.Y != after.Y && now.Y == after.Y ? before.Y : null,
                Width: before.Width != after.Width && now.Width == after.Width ? before.Width : null,
                Height: before.Height != after.Height && now.Height == after.Height ? before.Height : null,
                Z: before.Z != after.Z && now.Z == after.Z ? before.Z : null,
                Color: before.Color != after.Color && now.Color == after.Color ? before.Color : null,
                Text: before.Text != after.Text && now.Text == after.Text ? before.Text : null,
                From: before.From != after.From && now.From == after.From ? before.From : null,
                To: before.To != after.To && now.To == after.To ? before.To : null,
                FileRef: before.FileRef != after.FileRef && now.FileRef == after.FileRef ? before.FileRef : null);
            if (patch != new ElementPatch())
            {
                changes.Add(new ElementChange(ChangeType.Update, id, Patch: patch));
            }
        }

        // Restores and creations before connectors that need them; deletions of connectors first.
        return [.. changes.OrderBy(c => BoardDiff.ApplyOrder(c, current.GetValueOrDefault(c.Id)))];
    }

    private void Push(Dictionary<string, List<Entry>> stacks, string userId, Entry entry)
    {
        if (!stacks.TryGetValue(userId, out var stack))
        {
            stacks[userId] = stack = [];
        }

        stack.Add(entry);
        if (stack.Count > depth)
        {
            stack.RemoveAt(0);
        }
    }

    private sealed record Entry(List<(string Id, BoardElement? Before, BoardElement After)> Touched);
}
