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
}
