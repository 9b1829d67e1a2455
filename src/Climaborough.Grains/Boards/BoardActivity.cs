namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// The lab activity lines a board's written batches make ("Maria added 12 notes to …"): one per person
/// per batch, not one per op. Remembers the names of who joined or edited, since ops carry only ids. Pure.
/// </summary>
public sealed class BoardActivity
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    /// <summary>Remembers the person's display name.</summary>
    public void Saw(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        names[actor.UserId] = actor.Name;
    }

    /// <summary>Per person in <paramref name="ops"/>, how many notes their edits created (only those who created any).</summary>
    public IEnumerable<(Actor Who, int Notes)> NotesAdded(IEnumerable<AppliedOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var byUser in ops.Where(o => o.Kind == OpKind.Edit).GroupBy(o => o.UserId, StringComparer.Ordinal))
        {
            var notes = byUser.Sum(o => o.Changes.Count(c => c.Type == ChangeType.Create && c.Element?.Kind == ElementKind.Note));
            if (notes > 0)
            {
                yield return (new Actor(byUser.Key, names.GetValueOrDefault(byUser.Key) ?? byUser.Key, null), notes);
            }
        }
    }
}
