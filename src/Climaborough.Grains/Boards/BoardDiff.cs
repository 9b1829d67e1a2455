namespace Climaborough.Grains.Boards;

using Climaborough.Contracts;

/// <summary>Changes between two states of a board, in an order that one op can apply. Pure.</summary>
public static class BoardDiff
{
    /// <summary>
    /// The changes that make <paramref name="current"/> look like <paramref name="target"/> (a stored
    /// version): deletes what the target has not, restores or creates what it has, and patches what
    /// differs. Deleted elements of the target count as absent.
    /// </summary>
    public static List<ElementChange> To(IReadOnlyDictionary<string, BoardElement> current, IReadOnlyDictionary<string, BoardElement> target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        var changes = new List<ElementChange>();
        foreach (var element in current.Values.Where(e => !e.Deleted && !(target.TryGetValue(e.Id, out var t) && !t.Deleted)))
        {
            changes.Add(new ElementChange(ChangeType.Delete, element.Id));
        }

        foreach (var wanted in target.Values.Where(e => !e.Deleted))
        {
            if (!current.TryGetValue(wanted.Id, out var now))
            {
                changes.Add(new ElementChange(ChangeType.Create, wanted.Id, wanted));
                continue;
            }

            if (now.Deleted)
            {
                changes.Add(new ElementChange(ChangeType.Restore, wanted.Id));
            }

            if (BoardModel.Diff(now, wanted) is { } patch)
            {
                changes.Add(new ElementChange(ChangeType.Update, wanted.Id, Patch: patch));
            }
        }

        return [.. changes.OrderBy(c => ApplyOrder(c, target.GetValueOrDefault(c.Id) ?? current.GetValueOrDefault(c.Id)))];
    }

    /// <summary>
    /// Where a change goes in one op: deletions of connectors first, then other deletions, then restores
    /// and creations of shapes, their updates, and connectors last (they need what they join).
    /// </summary>
    public static int ApplyOrder(ElementChange change, BoardElement? element)
    {
        ArgumentNullException.ThrowIfNull(change);
        var connector = element?.Kind == ElementKind.Connector;
        return change.Type switch
        {
            ChangeType.Delete => connector ? 0 : 1,
            _ when !connector => change.Type == ChangeType.Update ? 3 : 2,
            _ => change.Type == ChangeType.Update ? 5 : 4,
        };
    }
}
