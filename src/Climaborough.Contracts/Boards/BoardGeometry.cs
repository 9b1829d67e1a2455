namespace Climaborough.Contracts;

/// <summary>Geometry rules every part of the product shares.</summary>
public static class BoardGeometry
{
    /// <summary>Whether <paramref name="e"/> lies wholly inside <paramref name="frame"/> (what moves with a frame, what an outline lists under it).</summary>
    public static bool IsInside(BoardElement e, BoardElement frame)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(frame);
        return e.X >= frame.X && e.Y >= frame.Y && e.X + e.Width <= frame.X + frame.Width && e.Y + e.Height <= frame.Y + frame.Height;
    }

    /// <summary>Elements in reading order: top to bottom, then left to right (the id breaks ties), as outlines and templates list them.</summary>
    public static IEnumerable<BoardElement> ReadingOrder(IEnumerable<BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return elements.OrderBy(e => e.Y).ThenBy(e => e.X).ThenBy(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>The smallest of <paramref name="frames"/> that holds <paramref name="e"/> wholly (a note in nested frames belongs to the inner one), or <c>null</c>.</summary>
    public static BoardElement? HoldingFrame(BoardElement e, IEnumerable<BoardElement> frames)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(frames);
        return frames.Where(f => IsInside(e, f)).OrderBy(f => f.Width * f.Height).FirstOrDefault();
    }
}
