namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>
/// The ids of the selected elements and the anchor (the first picked, which a connector starts from).
/// Each change makes a new set, so views that compare by reference redraw exactly when it changed.
/// </summary>
public sealed class Selection
{
    /// <summary>No ids.</summary>
    public static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>The selected ids.</summary>
    public IReadOnlySet<string> Ids { get; private set; } = None;

    /// <summary>The first picked of the selected ids.</summary>
    public string? Anchor { get; private set; }

    /// <summary>How many ids are selected.</summary>
    public int Count => Ids.Count;

    /// <summary>Whether an id is selected.</summary>
    public bool Contains(string id) => Ids.Contains(id);

    /// <summary>Replaces the selection; whether it changed.</summary>
    public bool Set(IEnumerable<string> ids)
    {
        var next = new HashSet<string>(ids, StringComparer.Ordinal);
        if (next.SetEquals(Ids))
        {
            return false;
        }

        Ids = next.Count == 0 ? None : next;
        if (Anchor is null || !next.Contains(Anchor))
        {
            Anchor = next.FirstOrDefault();
        }

        return true;
    }

    /// <summary>Adds an id, or removes it when it is selected already (Shift+click); whether it changed.</summary>
    public bool Toggle(string id) => Set(Ids.Contains(id) ? Ids.Where(i => i != id) : Ids.Append(id));

    /// <summary>Drops ids whose elements are gone (deleted here or by someone else); whether any was dropped.</summary>
    public bool KeepExisting(IReadOnlyDictionary<string, BoardElement> view) =>
        Ids.Any(id => !view.TryGetValue(id, out var e) || e.Deleted) && Set(Ids.Where(id => view.TryGetValue(id, out var e) && !e.Deleted));

    /// <summary>Selected elements that are not connectors, the anchor first.</summary>
    public List<BoardElement> Shapes(IReadOnlyDictionary<string, BoardElement> view) =>
        [.. Ids.Select(id => view.GetValueOrDefault(id)).OfType<BoardElement>()
            .Where(e => !e.Deleted && e.Kind != ElementKind.Connector).OrderBy(e => e.Id == Anchor ? 0 : 1)];

    /// <summary>The one selected shape, when exactly one element is selected and it is not a connector.</summary>
    public BoardElement? OnlyShape(IReadOnlyDictionary<string, BoardElement> view) => Shapes(view) is [var only] && Ids.Count == 1 ? only : null;
}
