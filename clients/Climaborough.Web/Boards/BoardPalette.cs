namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>The board's colours and the geometry its drawings share.</summary>
public static class BoardPalette
{
    /// <summary>The palette, by name (the names are keys of the strings <c>Colour_*</c>).</summary>
    public static IReadOnlyList<(string Name, string Value)> Colours { get; } =
    [
        ("yellow", "#fff176"),
        ("orange", "#ffcc80"),
        ("pink", "#f8bbd0"),
        ("green", "#c5e1a5"),
        ("blue", "#b3e5fc"),
        ("violet", "#d1c4e9"),
        ("grey", "#e0e0e0"),
    ];

    /// <summary>
    /// Where an arrow from <paramref name="a"/> to <paramref name="b"/> starts and ends: on the edges of
    /// the two boxes, along the line between their centres, so the arrowhead is never hidden under a note.
    /// </summary>
    public static (double X1, double Y1, double X2, double Y2) ConnectorEnds(BoardElement a, BoardElement b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (ax, ay) = (a.X + a.Width / 2, a.Y + a.Height / 2);
        var (bx, by) = (b.X + b.Width / 2, b.Y + b.Height / 2);
        var (start, end) = (Edge(a, bx - ax, by - ay), Edge(b, ax - bx, ay - by));
        return (ax + start.X, ay + start.Y, bx + end.X, by + end.Y);
    }

    // The point where a ray from the box's centre in direction (dx, dy) leaves the box, relative to the centre.
    private static (double X, double Y) Edge(BoardElement box, double dx, double dy)
    {
        if (dx == 0 && dy == 0)
        {
            return (0, 0);
        }

        var sx = dx == 0 ? double.PositiveInfinity : box.Width / 2 / Math.Abs(dx);
        var sy = dy == 0 ? double.PositiveInfinity : box.Height / 2 / Math.Abs(dy);
        var s = Math.Min(Math.Min(sx, sy), 1);
        return (dx * s, dy * s);
    }
}
