namespace Climaborough.Web.Boards;

using Climaborough.Client;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Components.Web;

/// <summary>
/// The board as a person works on it, apart from how it is drawn: the <see cref="BoardSession"/>, the
/// <see cref="Camera"/>, the <see cref="Selection"/>, the <see cref="Gesture"/> under way and the text being
/// written. The canvas, toolbar and keyboard call it; it turns what they ask into ops.
/// </summary>
/// <param name="session">The joined board.</param>
/// <param name="permissions">What the person may do now.</param>
/// <param name="measure">Measures the canvas on the page (null before it is drawn).</param>
public sealed class BoardEditor(BoardSession session, Func<BoardPermissions> permissions, Func<Task<CanvasArea?>> measure)
{
    private long lastPresence;
    private (double X, double Y)? cursor;

    /// <summary>The joined board.</summary>
    public BoardSession Session => session;

    /// <summary>What the person sees of the board.</summary>
    public IReadOnlyDictionary<string, BoardElement> View => session.View;

    /// <summary>What part of the board is in view.</summary>
    public Camera Camera { get; } = new();

    /// <summary>What is selected.</summary>
    public Selection Selection { get; } = new();

    /// <summary>The text being written.</summary>
    public NoteDraft Note { get; } = new();

    /// <summary>The pointer gesture under way.</summary>
    public Gesture Gesture { get; private set; } = Gesture.Idle;

    /// <summary>Whether Space is held (a drag then pans).</summary>
    public bool SpaceHeld { get; set; }

    /// <summary>The colour of new notes and shapes (the last one picked).</summary>
    public string CurrentColour { get; private set; } = BoardPalette.Colours[0].Value;

    /// <summary>Other people's selections: element id to their colour (a new dictionary when it changes).</summary>
    public IReadOnlyDictionary<string, string> Highlights { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the person may do now.</summary>
    public BoardPermissions Permissions => permissions();

    /// <summary>Selected elements that are not connectors, the anchor first.</summary>
    public List<BoardElement> SelectedShapes => Selection.Shapes(View);

    /// <summary>The one selected shape, if exactly one is selected.</summary>
    public BoardElement? SingleSelected => Selection.OnlyShape(View);

    /// <summary>What the commands' enabled-when rules look at.</summary>
    public BoardCommandState CommandState(bool historyOpen, bool outlineOpen = false) => new(Permissions, Selection.Count, SelectedShapes.Count, Camera.ZoomPercent, historyOpen, outlineOpen);

    /// <summary>Measures the canvas again (the page may have scrolled); whether it moved.</summary>
    public async Task<bool> MeasureAsync() => Camera.Measure(await measure());

    /// <summary>Replaces the selection and tells the others.</summary>
    public void Select(IEnumerable<string> ids)
    {
        if (Selection.Set(ids))
        {
            _ = SendPresenceAsync(force: true);
        }
    }

    /// <summary>Sends the cursor, selection and view; at most every 50 ms unless forced.</summary>
    public async Task SendPresenceAsync(bool force = false)
    {
        var now = Environment.TickCount64;
        if (!force && now - lastPresence < 50)
        {
            return;
        }

        lastPresence = now;
        await session.UpdatePresenceAsync(new PresenceUpdate(cursor?.X, cursor?.Y, [.. Selection.Ids], Camera.View));
    }

    /// <summary>Catches up with a change of the board or of the others: highlights, following, the selection.</summary>
    public void OnSessionChanged()
    {
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in session.Participants)
        {
            foreach (var id in p.Selection)
            {
                next.TryAdd(id, p.Color);
            }
        }

        if (!next.OrderBy(k => k.Key).SequenceEqual(Highlights.OrderBy(k => k.Key)))
        {
            Highlights = next;
        }

        if (Camera.Following is { } following)
        {
            if (session.Participants.FirstOrDefault(p => p.SessionId == following) is { } leader)
            {
                Camera.ShowFollowed(leader.View);
            }
            else
            {
                Camera.StopFollowing();
            }
        }

        if (Selection.KeepExisting(View))
        {
            _ = SendPresenceAsync(force: true);
        }
    }

    /// <summary>Follows a participant's view, or stops following them.</summary>
    public void ToggleFollow(string sessionId) =>
        Camera.ToggleFollow(sessionId, session.Participants.FirstOrDefault(p => p.SessionId == sessionId)?.View);

    /// <summary>Zooms by a factor around the middle and tells the others.</summary>
    public void ZoomBy(double factor)
    {
        Camera.ZoomBy(factor);
        _ = SendPresenceAsync(force: true);
    }

    /// <summary>Shows everything on the board.</summary>
    public void ZoomToFit()
    {
        Camera.Fit(View.Values);
        _ = SendPresenceAsync(force: true);
    }

    // ---- adding and changing elements ----------------------------------------------------------

    /// <summary>A note centred where the person double-clicked.</summary>
    public Task AddAtAsync(double clientX, double clientY)
    {
        var (x, y) = Camera.ToBoard(clientX, clientY);
        return CreateAsync(ElementKind.Note, x - 80, y - 60, 160, 120);
    }

    /// <summary>A note, text or shape at the first free spot in view.</summary>
    public Task AddAsync(ElementKind kind)
    {
        var (w, h) = kind switch { ElementKind.Note => (160d, 120d), ElementKind.Text => (200d, 40d), _ => (160d, 100d) };
        var (x, y) = BoardEdits.FreeSpot(View, Camera.View, w, h);
        return CreateAsync(kind, x, y, w, h, kind == ElementKind.Text ? "#ffffff" : CurrentColour);
    }

    /// <summary>A frame around the selection, or near the top left of the view.</summary>
    public Task AddFrameAsync()
    {
        var (x, y, w, h) = BoardEdits.FrameRect(SelectedShapes, Camera.View);
        return CreateAsync(ElementKind.Frame, x, y, w, h, BoardEdits.FrameColour);
    }

    /// <summary>An arrow from the first selected shape to the second.</summary>
    public Task ConnectAsync() =>
        Permissions.CanEdit && SelectedShapes is [var from, var to] ? session.ApplyAsync([Create(BoardEdits.Connector(View, from, to))]) : Task.CompletedTask;

    /// <summary>Picks the colour of what comes next, and gives it to the selected shapes.</summary>
    public Task SetColourAsync(string colour)
    {
        CurrentColour = colour;
        var changes = Permissions.CanEdit ? BoardEdits.Recolour(SelectedShapes, colour) : [];
        return changes.Count > 0 ? session.ApplyAsync(changes) : Task.CompletedTask;
    }

    /// <summary>Deletes the selection (one op).</summary>
    public Task DeleteSelectedAsync()
    {
        if (Selection.Count == 0 || !Permissions.CanEdit)
        {
            return Task.CompletedTask;
        }

        var changes = BoardEdits.Delete(Selection.Ids, View);
        Select([]);
        return changes.Count > 0 ? session.ApplyAsync(changes) : Task.CompletedTask;
    }

    /// <summary>Moves the selection (with what selected frames hold) by a step, in one op.</summary>
    public Task NudgeAsync(double dx, double dy)
    {
        var ids = BoardEdits.WithFrameContents(SelectedShapes, View);
        return ids.Count > 0 && Permissions.CanEdit ? session.ApplyAsync(BoardEdits.Move(ids.Select(id => View[id]), dx, dy, round: false)) : Task.CompletedTask;
    }

    private static ElementChange Create(BoardElement e) => new(ChangeType.Create, e.Id, e);

    private async Task CreateAsync(ElementKind kind, double x, double y, double width, double height, string? colour = null)
    {
        if (!Permissions.CanEdit)
        {
            return;
        }

        var element = BoardEdits.Create(View, kind, x, y, width, height, colour ?? CurrentColour);
        await session.ApplyAsync([Create(element)]);
        if (View.TryGetValue(element.Id, out var created) && !created.Deleted)
        {
            // Still there (not refused): select it and start writing on it.
            StartEditing(created);
        }
    }

    // ---- text ----------------------------------------------------------------------------------

    /// <summary>Opens the text editor on an element (not on connectors or images, nor when editing is not allowed).</summary>
    public void StartEditing(BoardElement e)
    {
        if (NoteDraft.CanHoldText(e) && Permissions.CanEdit)
        {
            Select([e.Id]);
            Note.Start(e);
        }
    }

    /// <summary>Saves the text being written (unless it is too long: then the editor stays open).</summary>
    public async Task CommitEditAsync()
    {
        if (Note.Commit(View) is { Count: > 0 } changes)
        {
            await session.ApplyAsync(changes);
        }
    }

    // ---- the outline (BoardOutline): the same ops, by element instead of by selection --------------

    // Facilitator locks are the outline's to check, element by element: here they would follow the canvas' selection.
    private bool MayEditElements => (Permissions with { FacilitatorLocked = false }).CanEdit;

    /// <summary>A note with its text, inside a frame or (null) outside every frame, in one op; its id, or null when nothing was sent.</summary>
    public async Task<string?> AddNoteWithTextAsync(BoardElement? frame, string text)
    {
        if (!MayEditElements)
        {
            return null;
        }

        var (x, y, w, h) = SpotFor(frame, 160, 120, null);
        var element = BoardEdits.Create(View, ElementKind.Note, x, y, w, h, CurrentColour) with { Text = text };
        await session.ApplyAsync([Create(element)]);
        return element.Id;
    }

    /// <summary>Sets an element's text (nothing when it is unchanged or gone).</summary>
    public Task SetTextAsync(string id, string text) =>
        MayEditElements && View.TryGetValue(id, out var e) && !e.Deleted && e.Text != text
            ? session.ApplyAsync([new ElementChange(ChangeType.Update, id, Patch: new ElementPatch(Text: text))])
            : Task.CompletedTask;

    /// <summary>Moves an element into a frame (at a free spot inside it, smaller if it would not fit) or (null) out of every frame, in one op.</summary>
    public Task MoveToFrameAsync(string id, BoardElement? frame)
    {
        if (!MayEditElements || !View.TryGetValue(id, out var e) || e.Deleted)
        {
            return Task.CompletedTask;
        }

        var (x, y, w, h) = SpotFor(frame, e.Width, e.Height, id);
        var patch = new ElementPatch(X: x, Y: y, Width: w == e.Width ? null : w, Height: h == e.Height ? null : h);
        return session.ApplyAsync([new ElementChange(ChangeType.Update, id, Patch: patch)]);
    }

    /// <summary>Deletes one element (one op, undone by Ctrl+Z or the outline's Undo as any delete).</summary>
    public Task DeleteAsync(string id)
    {
        var changes = MayEditElements ? BoardEdits.Delete([id], View) : [];
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (Selection.Contains(id))
        {
            Select(Selection.Ids.Where(s => s != id));
        }

        return session.ApplyAsync(changes);
    }

    private (double X, double Y, double Width, double Height) SpotFor(BoardElement? frame, double width, double height, string? movingId)
    {
        if (frame is not null)
        {
            return BoardEdits.SpotInFrame(View, frame, width, height, movingId);
        }

        var (x, y) = BoardEdits.SpotOutsideFrames(View, width, height, movingId);
        return (x, y, width, height);
    }

    // ---- pointer -------------------------------------------------------------------------------

    /// <summary>A press on empty space: a rectangle selection with Shift, otherwise a pan (clearing the selection).</summary>
    public async Task PointerDownOnCanvasAsync(PointerEventArgs args)
    {
        // The gesture starts now, before anything is awaited, so no pointer move is missed.
        if (args.ShiftKey && !SpaceHeld && !Permissions.Previewing)
        {
            Gesture = new BrushingGesture(Camera, args.ClientX, args.ClientY);
        }
        else
        {
            if (!args.ShiftKey)
            {
                Select([]);
            }

            Gesture = new PanningGesture(Camera, args.ClientX, args.ClientY);
        }

        if (await MeasureAsync())
        {
            Gesture.Remeasured(args.ClientX, args.ClientY);
        }
    }

    /// <summary>A press on an element: selects it (Shift: toggles) and starts moving the selection, where allowed.</summary>
    public async Task PointerDownOnElementAsync(BoardElement e, PointerEventArgs args)
    {
        if (SpaceHeld || args.Button == 1 || Permissions.Previewing)
        {
            Gesture = new PanningGesture(Camera, args.ClientX, args.ClientY);
            return;
        }

        if (args.ShiftKey)
        {
            Select(Selection.Contains(e.Id) ? Selection.Ids.Where(id => id != e.Id) : Selection.Ids.Append(e.Id));
            return;
        }

        if (!Selection.Contains(e.Id))
        {
            Select([e.Id]);
        }

        // Who may not edit can still select (and so point others to it), and a drag pans.
        Gesture = Permissions.CanEdit ? new TranslatingGesture(Camera, View, SelectedShapes, args.ClientX, args.ClientY) : new PanningGesture(Camera, args.ClientX, args.ClientY);
        await MeasureAsync();
    }

    /// <summary>A press on the corner handle of the one selected element.</summary>
    public async Task PointerDownOnHandleAsync(BoardElement e, PointerEventArgs args)
    {
        if (Permissions.CanEdit)
        {
            Gesture = new ResizingGesture(Camera, e, args.ClientX, args.ClientY);
            await MeasureAsync();
        }
    }

    /// <summary>The pointer moved: the gesture follows, and the others see the cursor.</summary>
    public async Task PointerMoveAsync(PointerEventArgs args)
    {
        Gesture.Move(args.ClientX, args.ClientY);
        cursor = Camera.ToBoard(args.ClientX, args.ClientY);
        await SendPresenceAsync();
    }

    /// <summary>The pointer was released (or left the canvas): the gesture ends, its changes go as one op.</summary>
    public async Task PointerUpAsync(PointerEventArgs args)
    {
        var finished = Gesture;
        if (ReferenceEquals(finished, Gesture.Idle))
        {
            return;
        }

        finished.Move(args.ClientX, args.ClientY);
        Gesture = Gesture.Idle;
        var result = finished.Finish(View);
        if (result.Select is { } ids)
        {
            Select(ids);
        }

        if (result.ViewChanged)
        {
            await SendPresenceAsync(force: true);
        }

        if (result.Changes.Count > 0 && Permissions.CanEdit)
        {
            // One op: the whole selection moves (or nothing does), and one undo puts it back.
            await session.ApplyAsync(result.Changes);
        }
    }

    /// <summary>The wheel (or a pinch, which arrives as Ctrl+wheel) zooms around the pointer.</summary>
    public async Task WheelAsync(WheelEventArgs args)
    {
        await MeasureAsync();
        Camera.ZoomAround(Math.Exp(-args.DeltaY * (args.CtrlKey ? 0.01 : 0.0015)), args.ClientX - Camera.Area.Left, args.ClientY - Camera.Area.Top);
        await SendPresenceAsync(force: true);
    }
}
