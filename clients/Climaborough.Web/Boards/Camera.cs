namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>
/// What part of the board the canvas shows: board point p appears at screen point p * zoom + pan
/// (screen points relative to the canvas' top left corner). It can follow another participant's view.
/// </summary>
public sealed class Camera
{
    /// <summary>The smallest zoom (10 %).</summary>
    public const double MinZoom = 0.1;

    /// <summary>The largest zoom (400 %).</summary>
    public const double MaxZoom = 4;

    /// <summary>The step of the zoom buttons and keys.</summary>
    public const double Step = 1.25;

    /// <summary>Horizontal offset of board point 0, in screen pixels.</summary>
    public double PanX { get; private set; }

    /// <summary>Vertical offset of board point 0, in screen pixels.</summary>
    public double PanY { get; private set; }

    /// <summary>Screen pixels per board unit.</summary>
    public double Zoom { get; private set; } = 1;

    /// <summary>Where the canvas is on the page (client coordinates) and its size; measured by the page.</summary>
    public CanvasArea Area { get; private set; } = new(0, 0, 1200, 700);

    /// <summary>The participant whose view this camera follows, if any.</summary>
    public string? Following { get; private set; }

    /// <summary>The zoom in whole per cent.</summary>
    public int ZoomPercent => (int)Math.Round(Zoom * 100);

    /// <summary>The board rectangle in view.</summary>
    public BoardViewport View => new(-PanX / Zoom, -PanY / Zoom, Area.Width / Zoom, Area.Height / Zoom);

    private BoardViewport? followedView;

    /// <summary>Takes a new measurement of the canvas; whether it changed (empty measurements are ignored).</summary>
    public bool Measure(CanvasArea? area)
    {
        if (area is not { Width: > 0, Height: > 0 } measured || measured == Area)
        {
            return false;
        }

        Area = measured;
        return true;
    }

    /// <summary>The board point under a pointer at client coordinates.</summary>
    public (double X, double Y) ToBoard(double clientX, double clientY) =>
        ((clientX - Area.Left - PanX) / Zoom, (clientY - Area.Top - PanY) / Zoom);

    /// <summary>Places board point 0 at a screen offset (a pan by the person ends following).</summary>
    public void PanTo(double panX, double panY)
    {
        (PanX, PanY) = (panX, panY);
        Following = null;
    }

    /// <summary>Zooms by a factor, keeping the board point under a screen point in place (10 % to 400 %).</summary>
    public void ZoomAround(double factor, double screenX, double screenY)
    {
        var (bx, by) = ((screenX - PanX) / Zoom, (screenY - PanY) / Zoom);
        Zoom = Math.Clamp(Zoom * factor, MinZoom, MaxZoom);
        (PanX, PanY) = (screenX - bx * Zoom, screenY - by * Zoom);
        Following = null;
    }

    /// <summary>Zooms by a factor around the middle of the canvas.</summary>
    public void ZoomBy(double factor) => ZoomAround(factor, Area.Width / 2, Area.Height / 2);

    /// <summary>Back to 100 %, around the middle of the canvas.</summary>
    public void ResetZoom() => ZoomBy(1 / Zoom);

    /// <summary>Shows every given element (or the origin at 100 % when there is none), at most at 200 %.</summary>
    public void Fit(IEnumerable<BoardElement> elements)
    {
        var live = elements.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToList();
        if (live.Count == 0)
        {
            (PanX, PanY, Zoom) = (0, 0, 1);
        }
        else
        {
            var (left, top) = (live.Min(e => e.X), live.Min(e => e.Y));
            ShowRect(left, top, live.Max(e => e.X + e.Width) - left, live.Max(e => e.Y + e.Height) - top, maxZoom: 2);
        }

        Following = null;
    }

    /// <summary>Starts following a participant (showing their view at once if known), or stops when already following them.</summary>
    public void ToggleFollow(string sessionId, BoardViewport? theirView)
    {
        if (Following == sessionId)
        {
            StopFollowing();
            return;
        }

        Following = sessionId;
        followedView = null;
        ShowFollowed(theirView);
    }

    /// <summary>The followed participant's view as it is now: fitted into the canvas when it moved.</summary>
    public void ShowFollowed(BoardViewport? theirView)
    {
        if (Following is not null && theirView is { } view && view != followedView)
        {
            followedView = view;
            ShowRect(view.X, view.Y, view.Width, view.Height, maxZoom: MaxZoom);
        }
    }

    /// <summary>Shows a board rectangle (a facilitator's "bring everyone to me"), fitted into the canvas; stops following.</summary>
    public void Show(BoardViewport view)
    {
        ArgumentNullException.ThrowIfNull(view);
        StopFollowing();
        ShowRect(view.X, view.Y, view.Width, view.Height, maxZoom: MaxZoom);
    }

    /// <summary>Stops following.</summary>
    public void StopFollowing()
    {
        Following = null;
        followedView = null;
    }

    /// <summary>Fits a board rectangle into the canvas, centred, with a margin.</summary>
    private void ShowRect(double x, double y, double width, double height, double maxZoom)
    {
        const double margin = 40;
        Zoom = Math.Clamp(Math.Min((Area.Width - margin) / Math.Max(1, width), (Area.Height - margin) / Math.Max(1, height)), MinZoom, maxZoom);
        PanX = (Area.Width - width * Zoom) / 2 - x * Zoom;
        PanY = (Area.Height - height * Zoom) / 2 - y * Zoom;
    }
}

/// <summary>The canvas on the page: its top left corner in client coordinates, and its size in pixels.</summary>
public sealed record CanvasArea(double Left, double Top, double Width, double Height);
