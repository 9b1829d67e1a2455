namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>The changes the board page sends, worked out from what the person sees (no state of its own).</summary>
public static class BoardEdits
{
    /// <summary>The frame colour.</summary>
    public const string FrameColour = "#b0bec5";

    /// <summary>The connector colour.</summary>
    public const string ConnectorColour = "#37474f";

    /// <summary>A fresh element id with a kind prefix.</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>One above the topmost element.</summary>
    public static long NextZ(IReadOnlyDictionary<string, BoardElement> view) => view.Values.Select(v => v.Z).DefaultIfEmpty(0).Max() + 1;

    /// <summary>A new element (frames lie at the bottom, everything else on top), at whole coordinates.</summary>
    public static BoardElement Create(IReadOnlyDictionary<string, BoardElement> view, ElementKind kind, double x, double y, double width, double height, string colour) =>
        new(NewId(kind == ElementKind.Frame ? "f" : "n"), kind, Math.Round(x), Math.Round(y), width, height, kind == ElementKind.Frame ? 0 : NextZ(view), colour, string.Empty, null, null, null, string.Empty, default, default);

    /// <summary>An arrow from one element to another.</summary>
    public static BoardElement Connector(IReadOnlyDictionary<string, BoardElement> view, BoardElement from, BoardElement to) =>
        new(NewId("c"), ElementKind.Connector, 0, 0, 0, 0, NextZ(view), ConnectorColour, string.Empty, from.Id, to.Id, null, string.Empty, default, default);

    /// <summary>The first free spot of a grid in view, so new elements never hide each other.</summary>
    public static (double X, double Y) FreeSpot(IReadOnlyDictionary<string, BoardElement> view, BoardViewport inView, double width, double height)
    {
        var taken = view.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Frame).ToList();
        var (left, top) = (Math.Round(inView.X + 40), Math.Round(inView.Y + 40));
        var columns = Math.Max(1, (int)((inView.Width - 80) / 190));
        for (var i = 0; ; i++)
        {
            var (x, y) = (left + i % columns * 190, top + i / columns * 150);
            if (!taken.Any(e => e.X < x + width && x < e.X + e.Width && e.Y < y + height && y < e.Y + e.Height))
            {
                return (x, y);
            }
        }
    }

    /// <summary>
    /// Where an element of the given size goes inside a frame (the outline's "add to" and "move to"): the first free
    /// spot of a grid below the frame's title that comes after everything in the frame in reading order (so the
    /// outline lists it last), else the first free one; wholly inside the frame, smaller when the frame is smaller
    /// than the element, and over what is there when the frame is full.
    /// </summary>
    public static (double X, double Y, double Width, double Height) SpotInFrame(IReadOnlyDictionary<string, BoardElement> view, BoardElement frame, double width, double height, string? movingId = null)
    {
        const double margin = 20, title = 40;
        var (left, top) = (Math.Ceiling(frame.X + margin), Math.Ceiling(frame.Y + title));
        var (right, bottom) = (Math.Floor(frame.X + frame.Width - margin), Math.Floor(frame.Y + frame.Height - margin));
        if (right - left < 1 || bottom - top < 1)
        {
            // Too small for margins: the frame's own rectangle.
            return (frame.X, frame.Y, Math.Min(width, frame.Width), Math.Min(height, frame.Height));
        }

        var (w, h) = (Math.Min(width, right - left), Math.Min(height, bottom - top));
        var taken = view.Values.Where(e => !e.Deleted && e.Id != movingId && e.Kind is not (ElementKind.Frame or ElementKind.Connector)).ToList();
        var last = taken.Where(e => BoardGeometry.IsInside(e, frame)).OrderBy(e => e.Y).ThenBy(e => e.X).LastOrDefault();
        var spots = new List<(double X, double Y)>();
        for (var y = top; y + h <= bottom; y += h + margin)
        {
            for (var x = left; x + w <= right; x += w + margin)
            {
                if (!taken.Any(e => e.X < x + w && x < e.X + e.Width && e.Y < y + h && y < e.Y + e.Height))
                {
                    spots.Add((x, y));
                }
            }
        }

        var (sx, sy) = spots.Where(p => last is null || p.Y > last.Y || (p.Y == last.Y && p.X > last.X)).Concat(spots).DefaultIfEmpty((left, top)).First();
        return (sx, sy, w, h);
    }

    /// <summary>Where an element goes that is to be in no frame: a free spot to the right of every frame.</summary>
    public static (double X, double Y) SpotOutsideFrames(IReadOnlyDictionary<string, BoardElement> view, double width, double height, string? movingId = null)
    {
        var frames = view.Values.Where(e => !e.Deleted && e.Kind == ElementKind.Frame).ToList();
        var (left, top) = frames.Count == 0 ? (0d, 0d) : (frames.Max(f => f.X + f.Width) + 20, frames.Min(f => f.Y) - 40);
        var others = movingId is null ? view : view.Where(p => p.Key != movingId).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return FreeSpot(others, new BoardViewport(left, top, 650, 1_000_000), width, height);
    }

    /// <summary>Where a new frame goes: around the given shapes with room for its title, or near the top left of the view.</summary>
    public static (double X, double Y, double Width, double Height) FrameRect(IReadOnlyList<BoardElement> shapes, BoardViewport inView)
    {
        if (shapes.Count == 0)
        {
            return (inView.X + 40, inView.Y + 40, 600, 400);
        }

        const double pad = 40;
        var (left, top) = (shapes.Min(e => e.X) - pad, shapes.Min(e => e.Y) - pad);
        var (right, bottom) = (shapes.Max(e => e.X + e.Width) + pad, shapes.Max(e => e.Y + e.Height) + pad);
        return (left, top, right - left, bottom - top);
    }

    /// <summary>A colour for every shape that does not have it yet.</summary>
    public static List<ElementChange> Recolour(IEnumerable<BoardElement> shapes, string colour) =>
        [.. shapes.Where(e => e.Color != colour).Select(e => new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(Color: colour)))];

    /// <summary>Deletes of the given ids that still exist.</summary>
    public static List<ElementChange> Delete(IEnumerable<string> ids, IReadOnlyDictionary<string, BoardElement> view) =>
        [.. ids.Where(id => view.TryGetValue(id, out var e) && !e.Deleted).Select(id => new ElementChange(ChangeType.Delete, id))];

    /// <summary>The shapes and what lies inside those of them that are frames: what a move takes along.</summary>
    public static HashSet<string> WithFrameContents(IEnumerable<BoardElement> shapes, IReadOnlyDictionary<string, BoardElement> view)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in shapes)
        {
            ids.Add(e.Id);
            if (e.Kind == ElementKind.Frame)
            {
                ids.UnionWith(view.Values.Where(i => !i.Deleted && i.Kind != ElementKind.Connector && i.Id != e.Id && BoardGeometry.IsInside(i, e)).Select(i => i.Id));
            }
        }

        return ids;
    }

    /// <summary>New positions for the given elements moved by (dx, dy), rounded to whole units when asked.</summary>
    public static List<ElementChange> Move(IEnumerable<BoardElement> elements, double dx, double dy, bool round) =>
        [.. elements.Where(e => e.Kind != ElementKind.Connector).Select(e => new ElementChange(ChangeType.Update, e.Id,
            Patch: new ElementPatch(X: round ? Math.Round(e.X + dx) : e.X + dx, Y: round ? Math.Round(e.Y + dy) : e.Y + dy)))];

    /// <summary>The elements (not connectors) that lie wholly inside a board rectangle.</summary>
    public static IEnumerable<string> Inside(IReadOnlyDictionary<string, BoardElement> view, (double X, double Y, double W, double H) r) =>
        view.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector && e.X >= r.X && e.Y >= r.Y && e.X + e.Width <= r.X + r.W && e.Y + e.Height <= r.Y + r.H).Select(e => e.Id);

    /// <summary>Every element that is not a connector (Ctrl+A).</summary>
    public static IEnumerable<string> All(IReadOnlyDictionary<string, BoardElement> view) =>
        view.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).Select(e => e.Id);
}
