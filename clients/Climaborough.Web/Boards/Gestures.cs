namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>What a finished gesture asks for: changes to send as one op, a new selection, or a new view to tell others.</summary>
/// <param name="Changes">Changes to apply together (one op, one undo).</param>
/// <param name="Select">The new selection, when the gesture chose one.</param>
/// <param name="ViewChanged">Whether the camera moved.</param>
public sealed record GestureResult(IReadOnlyList<ElementChange> Changes, IEnumerable<string>? Select = null, bool ViewChanged = false)
{
    /// <summary>Nothing to do.</summary>
    public static readonly GestureResult Nothing = new([]);
}

/// <summary>
/// One pointer gesture from press to release, a state of the board's small gesture machine (the page holds
/// the current one; <see cref="Idle"/> between gestures). Positions are client coordinates of the pointer.
/// </summary>
public abstract class Gesture
{
    /// <summary>No gesture under way.</summary>
    public static readonly Gesture Idle = new IdleGesture();

    /// <summary>Elements drawn elsewhere while the gesture lasts (the board layer leaves them out).</summary>
    public virtual IReadOnlySet<string> Hidden => Selection.None;

    /// <summary>Follows the pointer.</summary>
    public virtual void Move(double x, double y)
    {
    }

    /// <summary>The canvas moved on the page since the gesture began (it was measured again).</summary>
    public virtual void Remeasured(double clientX, double clientY)
    {
    }

    /// <summary>Ends the gesture with the pointer released where it last was, on the board as it is now.</summary>
    public virtual GestureResult Finish(IReadOnlyDictionary<string, BoardElement> now) => GestureResult.Nothing;

    private sealed class IdleGesture : Gesture;
}

/// <summary>Dragging the view around (empty space, Space+drag or the middle button).</summary>
public sealed class PanningGesture(Camera camera, double clientX, double clientY) : Gesture
{
    private readonly (double X, double Y) startPan = (camera.PanX, camera.PanY);

    /// <inheritdoc />
    public override void Move(double x, double y) => camera.PanTo(startPan.X + x - clientX, startPan.Y + y - clientY);

    /// <inheritdoc />
    public override GestureResult Finish(IReadOnlyDictionary<string, BoardElement> now) => new([], ViewChanged: true);
}

/// <summary>
/// Dragging the selection: after 3 px it picks up the selected shapes, what lies inside selected frames and
/// the connectors among them; the release moves them all in one op.
/// </summary>
public sealed class TranslatingGesture(Camera camera, IReadOnlyDictionary<string, BoardElement> view, IReadOnlyList<BoardElement> shapes, double clientX, double clientY) : Gesture
{
    private IReadOnlySet<string> hidden = Selection.None;

    /// <summary>Whether the pointer went far enough to count as a move.</summary>
    public bool Moved { get; private set; }

    /// <summary>How far the selection moved, in board units.</summary>
    public (double X, double Y) Delta { get; private set; }

    /// <summary>What moves, by id (shapes, frames' contents, connectors between them).</summary>
    public IReadOnlyDictionary<string, BoardElement> Moving { get; private set; } = new Dictionary<string, BoardElement>();

    /// <summary>Connectors between a moving and a staying element: redrawn with one end shifted.</summary>
    public IReadOnlyList<(BoardElement Connector, BoardElement A, BoardElement B)> Dangling { get; private set; } = [];

    /// <inheritdoc />
    public override IReadOnlySet<string> Hidden => hidden;

    /// <summary>An element where it shows while the move lasts.</summary>
    public BoardElement Shifted(BoardElement e) => Moving.ContainsKey(e.Id) ? e with { X = e.X + Delta.X, Y = e.Y + Delta.Y } : e;

    /// <inheritdoc />
    public override void Move(double x, double y)
    {
        Delta = ((x - clientX) / camera.Zoom, (y - clientY) / camera.Zoom);
        if (!Moved && Math.Abs(x - clientX) + Math.Abs(y - clientY) >= 3)
        {
            PickUp();
        }
    }

    /// <inheritdoc />
    public override GestureResult Finish(IReadOnlyDictionary<string, BoardElement> now) =>
        Moved && (Math.Abs(Delta.X) + Math.Abs(Delta.Y)) * camera.Zoom >= 3 ? new(BoardEdits.Move(Moving.Values, Delta.X, Delta.Y, round: true)) : GestureResult.Nothing;

    private void PickUp()
    {
        var ids = BoardEdits.WithFrameContents(shapes, view);
        var moving = ids.ToDictionary(id => id, id => view[id], StringComparer.Ordinal);
        var dangling = new List<(BoardElement, BoardElement, BoardElement)>();
        var hide = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var c in view.Values.Where(c => c is { Kind: ElementKind.Connector, Deleted: false } && (ids.Contains(c.From ?? string.Empty) || ids.Contains(c.To ?? string.Empty))))
        {
            hide.Add(c.Id);
            if (ids.Contains(c.From!) && ids.Contains(c.To!))
            {
                moving[c.Id] = c;
            }
            else if (view.GetValueOrDefault(c.From!) is { Deleted: false } a && view.GetValueOrDefault(c.To!) is { Deleted: false } b)
            {
                dangling.Add((c, a, b));
            }
        }

        (Moving, Dangling, hidden, Moved) = (moving, dangling, hide, true);
    }
}

/// <summary>Dragging the corner handle of the one selected element (at least 40 × 30).</summary>
public sealed class ResizingGesture(Camera camera, BoardElement element, double clientX, double clientY) : Gesture
{
    private readonly IReadOnlySet<string> hidden = new HashSet<string>([element.Id], StringComparer.Ordinal);
    private (double X, double Y) delta;

    /// <summary>The element at its size while the resize lasts.</summary>
    public BoardElement Resized => element with { Width = Math.Max(40, element.Width + delta.X), Height = Math.Max(30, element.Height + delta.Y) };

    /// <inheritdoc />
    public override IReadOnlySet<string> Hidden => hidden;

    /// <inheritdoc />
    public override void Move(double x, double y) => delta = ((x - clientX) / camera.Zoom, (y - clientY) / camera.Zoom);

    /// <inheritdoc />
    public override GestureResult Finish(IReadOnlyDictionary<string, BoardElement> now)
    {
        if (Math.Abs(delta.X) + Math.Abs(delta.Y) < 1)
        {
            return GestureResult.Nothing;
        }

        var r = Resized;
        return new([new ElementChange(ChangeType.Update, element.Id, Patch: new ElementPatch(Width: Math.Round(r.Width), Height: Math.Round(r.Height)))]);
    }
}

/// <summary>Shift+drag on empty space: selects what lies wholly inside the rectangle (replacing the selection).</summary>
public sealed class BrushingGesture : Gesture
{
    private readonly Camera camera;
    private (double X, double Y) start;
    private (double X, double Y) end;

    /// <summary>A rectangle from a press at client coordinates.</summary>
    public BrushingGesture(Camera camera, double clientX, double clientY)
    {
        this.camera = camera;
        start = end = camera.ToBoard(clientX, clientY);
    }

    /// <summary>The rectangle in board units.</summary>
    public (double X, double Y, double W, double H) Rect =>
        (Math.Min(start.X, end.X), Math.Min(start.Y, end.Y), Math.Abs(end.X - start.X), Math.Abs(end.Y - start.Y));

    /// <inheritdoc />
    public override void Move(double x, double y) => end = camera.ToBoard(x, y);

    /// <inheritdoc />
    public override void Remeasured(double clientX, double clientY) => start = camera.ToBoard(clientX, clientY);

    /// <inheritdoc />
    public override GestureResult Finish(IReadOnlyDictionary<string, BoardElement> now) => new([], Select: [.. BoardEdits.Inside(now, Rect)]);
}
