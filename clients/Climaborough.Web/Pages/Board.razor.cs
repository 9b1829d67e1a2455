namespace Climaborough.Web.Pages;

using System.Globalization;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;

/// <summary>
/// The board page: an SVG canvas over a <see cref="BoardSession"/>. Gestures: click selects, Shift+click
/// adds to the selection, Shift+drag on empty space selects by rectangle, drag moves the selection
/// (frames take what lies inside them), the corner handle resizes, drag on empty space or Space+drag
/// pans, the wheel (or a pinch) zooms around the pointer.
/// </summary>
public sealed partial class Board : IAsyncDisposable
{
    private static readonly IReadOnlySet<string> NoIds = new HashSet<string>();

    private BoardSession? session;
    private ElementReference canvas;
    private ElementReference editor;
    private IReadOnlySet<string> selection = NoIds;
    private string? anchor;
    private IReadOnlySet<string> hidden = NoIds;
    private string? message;
    private bool notFound;
    private BoardElement? editing;
    private string editText = string.Empty;
    private bool focusEditor;
    private bool leaveGuard;
    private long lastPresence;
    private (double Left, double Top, double Width, double Height) area = (0, 0, 1200, 700);
    private bool needArea = true;
    private string currentColour = BoardPalette.Colours[0].Value;
    private IReadOnlyDictionary<string, string> highlights = new Dictionary<string, string>();
    private (double X, double Y)? cursor;

    // The view: board point p shows at screen point p * zoom + pan.
    private double panX;
    private double panY;
    private double zoom = 1;
    private string? following;
    private BoardViewport? followedView;

    // The gesture under way.
    private Gesture gesture;
    private bool moved;
    private double startX;
    private double startY;
    private double dx;
    private double dy;
    private (double X, double Y) panStart;
    private (double X, double Y) bandStart;
    private (double X, double Y) bandEnd;
    private Dictionary<string, BoardElement>? moving;
    private List<(BoardElement Connector, BoardElement A, BoardElement B)> dangling = [];
    private BoardElement? resizing;
    private bool spaceHeld;

    // History and preview.
    private IReadOnlyList<BoardVersion>? versions;
    private BoardSnapshot? preview;
    private DateTimeOffset previewAt;
    private Dictionary<string, BoardElement> previewElements = [];

    private enum Gesture
    {
        None,
        Move,
        Resize,
        Pan,
        Band,
    }

    private bool signedOut;

    /// <summary>Who is signed in.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The board to show.</summary>
    [Parameter]
    public string BoardId { get; set; } = string.Empty;

    private SyncState Sync => session?.Sync ?? SyncState.Offline;

    private bool ReadOnly => preview is not null;

    private int ZoomPercent => (int)Math.Round(zoom * 100);

    private string SyncText => Sync switch
    {
        SyncState.Saved => L["SyncSaved"],
        SyncState.Saving => L["SyncSaving"],
        _ => string.Format(CultureInfo.CurrentCulture, L["SyncOffline"], session?.PendingCount ?? 0),
    };

    /// <summary>Selected elements that are not connectors, in the order they were picked (the anchor first).</summary>
    private List<BoardElement> SelectedShapes =>
        session is null
            ? []
            : [.. selection.Select(id => session.View.GetValueOrDefault(id)).OfType<BoardElement>()
                .Where(e => !e.Deleted && e.Kind != ElementKind.Connector).OrderBy(e => e.Id == anchor ? 0 : 1)];

    private BoardElement? SingleSelected => SelectedShapes is [var only] && selection.Count == 1 ? only : null;

    private (double X, double Y, double W, double H) BandRect =>
        (Math.Min(bandStart.X, bandEnd.X), Math.Min(bandStart.Y, bandEnd.Y), Math.Abs(bandEnd.X - bandStart.X), Math.Abs(bandEnd.Y - bandStart.Y));

    private static string Num(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        if (leaveGuard)
        {
            await JS.InvokeVoidAsync("climaborough.setLeaveGuard", false);
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (session is not null)
        {
            return;
        }

        signedOut = AuthState is null || (await AuthState).User.Identity?.IsAuthenticated != true;
        if (signedOut)
        {
            return;
        }

        session = new BoardSession(Live, Store, BoardId);
        session.Changed += () => InvokeAsync(OnSessionChangedAsync);
        session.Rejected += r => InvokeAsync(() =>
        {
            message = string.Format(CultureInfo.CurrentCulture, L["Rejected"], r.Error);
            StateHasChanged();
        });
        try
        {
            await session.StartAsync();
        }
        catch (HubException ex) when (ex.Message.Contains(HubErrorCodes.NotFound, StringComparison.Ordinal))
        {
            notFound = true;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (needArea && session is not null && !notFound && !signedOut)
        {
            needArea = false;
            await MeasureAsync();
        }

        if (focusEditor)
        {
            focusEditor = false;
            await JS.InvokeVoidAsync("climaborough.focus", editor);
        }
    }

    private async Task MeasureAsync()
    {
        var r = await JS.InvokeAsync<CanvasRect?>("climaborough.rect", canvas);
        if (r is { Width: > 0, Height: > 0 })
        {
            area = (r.Left, r.Top, r.Width, r.Height);
        }
    }

    private async Task OnSessionChangedAsync()
    {
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in session?.Participants ?? [])
        {
            foreach (var id in p.Selection)
            {
                next.TryAdd(id, p.Color);
            }
        }

        if (!next.OrderBy(k => k.Key).SequenceEqual(highlights.OrderBy(k => k.Key)))
        {
            highlights = next;
        }

        if (following is not null)
        {
            var leader = session?.Participants.FirstOrDefault(p => p.SessionId == following);
            if (leader is null)
            {
                StopFollowing();
            }
            else if (leader.View is { } view && view != followedView)
            {
                followedView = view;
                ShowRect(view.X, view.Y, view.Width, view.Height, maxZoom: 4);
            }
        }

        // Elements that went away (deleted here or by someone else) leave the selection.
        if (session is not null && selection.Any(id => !session.View.TryGetValue(id, out var e) || e.Deleted))
        {
            SetSelection(selection.Where(id => session.View.TryGetValue(id, out var e) && !e.Deleted));
        }

        var wantGuard = session?.PendingCount > 0;
        if (wantGuard != leaveGuard)
        {
            leaveGuard = wantGuard;
            await JS.InvokeVoidAsync("climaborough.setLeaveGuard", wantGuard);
        }

        StateHasChanged();
    }

    private (double X, double Y) ToBoard(double clientX, double clientY) =>
        ((clientX - area.Left - panX) / zoom, (clientY - area.Top - panY) / zoom);

    private BoardViewport CurrentView => new(-panX / zoom, -panY / zoom, area.Width / zoom, area.Height / zoom);

    private void SetSelection(IEnumerable<string> ids)
    {
        var next = new HashSet<string>(ids, StringComparer.Ordinal);
        if (!next.SetEquals(selection))
        {
            selection = next.Count == 0 ? NoIds : next;
            if (anchor is null || !next.Contains(anchor))
            {
                anchor = next.FirstOrDefault();
            }

            _ = SendPresenceAsync(force: true);
        }
    }

    private async Task SendPresenceAsync(bool force = false)
    {
        var now = Environment.TickCount64;
        if (session is null || (!force && now - lastPresence < 50))
        {
            return;
        }

        lastPresence = now;
        await session.UpdatePresenceAsync(new PresenceUpdate(cursor?.X, cursor?.Y, [.. selection], CurrentView));
    }

    // ---- adding elements ------------------------------------------------------------------

    private async Task OnCanvasDoubleClickAsync(MouseEventArgs args)
    {
        if (ReadOnly)
        {
            return;
        }

        var (x, y) = ToBoard(args.ClientX, args.ClientY);
        await CreateAsync(ElementKind.Note, x - 80, y - 60, 160, 120, string.Empty, edit: true);
    }

    /// <summary>Adds a note at the first free spot of a grid in view, so new notes never hide each other.</summary>
    private Task AddNoteAsync()
    {
        var (x, y) = FreeSpot(160, 120);
        return CreateAsync(ElementKind.Note, x, y, 160, 120, string.Empty, edit: true);
    }

    private Task AddShapeAsync(ElementKind kind)
    {
        var (w, h) = kind == ElementKind.Text ? (200d, 40d) : (160d, 100d);
        var (x, y) = FreeSpot(w, h);
        return CreateAsync(kind, x, y, w, h, string.Empty, edit: true, colour: kind == ElementKind.Text ? "#ffffff" : currentColour);
    }

    private async Task AddFrameAsync()
    {
        var shapes = SelectedShapes;
        if (shapes.Count > 0)
        {
            // A frame around the selection, with room for its title.
            const double pad = 40;
            var left = shapes.Min(e => e.X) - pad;
            var top = shapes.Min(e => e.Y) - pad;
            var right = shapes.Max(e => e.X + e.Width) + pad;
            var bottom = shapes.Max(e => e.Y + e.Height) + pad;
            await CreateAsync(ElementKind.Frame, left, top, right - left, bottom - top, string.Empty, edit: true, colour: "#b0bec5");
        }
        else
        {
            var view = CurrentView;
            await CreateAsync(ElementKind.Frame, view.X + 40, view.Y + 40, 600, 400, string.Empty, edit: true, colour: "#b0bec5");
        }
    }

    private async Task ConnectAsync()
    {
        if (session is null || SelectedShapes is not [var from, var to])
        {
            return;
        }

        var id = NewId("c");
        var connector = new BoardElement(id, ElementKind.Connector, 0, 0, 0, 0, NextZ(), "#37474f", string.Empty, from.Id, to.Id, null, string.Empty, default, default);
        await session.ApplyAsync([new ElementChange(ChangeType.Create, id, connector)]);
    }

    private (double X, double Y) FreeSpot(double width, double height)
    {
        var taken = session?.View.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Frame).ToList() ?? [];
        var view = CurrentView;
        var (left, top) = (Math.Round(view.X + 40), Math.Round(view.Y + 40));
        var columns = Math.Max(1, (int)((view.Width - 80) / 190));
        for (var i = 0; ; i++)
        {
            var (x, y) = (left + i % columns * 190, top + i / columns * 150);
            if (!taken.Any(e => e.X < x + width && x < e.X + e.Width && e.Y < y + height && y < e.Y + e.Height))
            {
                return (x, y);
            }
        }
    }

    private long NextZ() => (session?.View.Values.Select(v => v.Z).DefaultIfEmpty(0).Max() ?? 0) + 1;

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private async Task CreateAsync(ElementKind kind, double x, double y, double width, double height, string text, bool edit, string? colour = null)
    {
        if (session is null || ReadOnly)
        {
            return;
        }

        var id = NewId(kind == ElementKind.Frame ? "f" : "n");
        var z = kind == ElementKind.Frame ? 0 : NextZ();
        var element = new BoardElement(id, kind, Math.Round(x), Math.Round(y), width, height, z, colour ?? currentColour, text, null, null, null, string.Empty, default, default);
        await session.ApplyAsync([new ElementChange(ChangeType.Create, id, element)]);
        if (session.View.TryGetValue(id, out var created) && !created.Deleted)
        {
            // Still there (not refused): select it and start writing on it.
            SetSelection([id]);
            if (edit)
            {
                StartEditing(created);
            }
        }
    }

    // ---- editing text ---------------------------------------------------------------------

    private void StartEditing(BoardElement e)
    {
        if (e.Kind is ElementKind.Connector or ElementKind.Image || ReadOnly)
        {
            return;
        }

        SetSelection([e.Id]);
        editing = e;
        editText = e.Text;
        focusEditor = true;
    }

    private async Task OnEditorKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            editing = null;
        }
        else if (args.Key == "Enter" && !args.ShiftKey)
        {
            await CommitEditAsync();
        }
    }

    private async Task CommitEditAsync()
    {
        if (editing is not { } e || session is null)
        {
            return;
        }

        if (editText.Length > BoardLimits.MaxTextLength)
        {
            // Refused in the editor, visibly: nothing is cut, the text stays for the user to shorten.
            return;
        }

        editing = null;
        var text = editText.TrimEnd('\n');
        if (session.View.TryGetValue(e.Id, out var current) && current.Text != text && !current.Deleted)
        {
            await session.ApplyAsync([new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(Text: text))]);
        }
    }

    // ---- pointer gestures -----------------------------------------------------------------

    private async Task OnCanvasPointerDownAsync(PointerEventArgs args)
    {
        // The gesture starts now, before anything is awaited, so no pointer move is missed.
        if (args.ShiftKey && !spaceHeld && !ReadOnly)
        {
            gesture = Gesture.Band;
            bandStart = bandEnd = ToBoard(args.ClientX, args.ClientY);
            if (await RemeasureAsync())
            {
                bandStart = ToBoard(args.ClientX, args.ClientY);
            }

            return;
        }

        if (!args.ShiftKey)
        {
            SetSelection([]);
        }

        BeginPan(args);
        await RemeasureAsync();
    }

    /// <summary>Measures the canvas again (the page may have scrolled); whether it moved.</summary>
    private async Task<bool> RemeasureAsync()
    {
        var before = area;
        await MeasureAsync();
        return before != area;
    }

    private void BeginPan(PointerEventArgs args)
    {
        gesture = Gesture.Pan;
        (startX, startY) = (args.ClientX, args.ClientY);
        panStart = (panX, panY);
    }

    private async Task OnElementPointerDownAsync(BoardElement e, PointerEventArgs args)
    {
        if (spaceHeld || args.Button == 1 || ReadOnly)
        {
            BeginPan(args);
            return;
        }

        if (args.ShiftKey)
        {
            SetSelection(selection.Contains(e.Id) ? selection.Where(id => id != e.Id) : selection.Append(e.Id));
            return;
        }

        if (!selection.Contains(e.Id))
        {
            SetSelection([e.Id]);
        }

        gesture = Gesture.Move;
        moved = false;
        (startX, startY, dx, dy) = (args.ClientX, args.ClientY, 0, 0);
        await RemeasureAsync();
    }

    private async Task OnResizePointerDownAsync(BoardElement e, PointerEventArgs args)
    {
        gesture = Gesture.Resize;
        resizing = e;
        hidden = new HashSet<string>([e.Id], StringComparer.Ordinal);
        (startX, startY, dx, dy) = (args.ClientX, args.ClientY, 0, 0);
        await RemeasureAsync();
    }

    /// <summary>What a move takes along: the selection, what lies inside selected frames, and the connectors among them.</summary>
    private void BeginMove()
    {
        if (session is null)
        {
            return;
        }

        var view = session.View;
        var ids = WithFrameContents(view);
        moving = ids.ToDictionary(id => id, id => view[id], StringComparer.Ordinal);
        dangling = [];
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

        hidden = hide;
        moved = true;
    }

    /// <summary>The selected shapes and what lies inside selected frames: what a move takes along.</summary>
    private HashSet<string> WithFrameContents(IReadOnlyDictionary<string, BoardElement> view)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in SelectedShapes)
        {
            ids.Add(e.Id);
            if (e.Kind == ElementKind.Frame)
            {
                foreach (var inside in view.Values.Where(i => !i.Deleted && i.Kind != ElementKind.Connector && i.Id != e.Id && BoardGeometry.IsInside(i, e)))
                {
                    ids.Add(inside.Id);
                }
            }
        }

        return ids;
    }

    private BoardElement Shifted(BoardElement e) => moving?.ContainsKey(e.Id) == true ? e with { X = e.X + dx, Y = e.Y + dy } : e;

    private BoardElement ResizedElement(BoardElement e) => e with { Width = Math.Max(40, e.Width + dx), Height = Math.Max(30, e.Height + dy) };

    private async Task OnPointerMoveAsync(PointerEventArgs args)
    {
        Track(args);
        cursor = ToBoard(args.ClientX, args.ClientY);
        await SendPresenceAsync();
    }

    /// <summary>Follows the pointer in the gesture under way (on moves, and on the release itself).</summary>
    private void Track(PointerEventArgs args)
    {
        switch (gesture)
        {
            case Gesture.Move or Gesture.Resize:
                (dx, dy) = ((args.ClientX - startX) / zoom, (args.ClientY - startY) / zoom);
                if (gesture == Gesture.Move && !moved && Math.Abs(args.ClientX - startX) + Math.Abs(args.ClientY - startY) >= 3)
                {
                    BeginMove();
                }

                break;
            case Gesture.Pan:
                (panX, panY) = (panStart.X + args.ClientX - startX, panStart.Y + args.ClientY - startY);
                following = null;
                break;
            case Gesture.Band:
                bandEnd = ToBoard(args.ClientX, args.ClientY);
                break;
        }
    }

    private async Task OnPointerUpAsync(PointerEventArgs args)
    {
        Track(args);
        var finished = gesture;
        gesture = Gesture.None;
        if (session is null || finished == Gesture.None)
        {
            return;
        }

        var changes = new List<ElementChange>();
        if (finished == Gesture.Move && moved && moving is not null && (Math.Abs(dx) + Math.Abs(dy)) * zoom >= 3)
        {
            foreach (var e in moving.Values.Where(e => e.Kind != ElementKind.Connector))
            {
                changes.Add(new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(X: Math.Round(e.X + dx), Y: Math.Round(e.Y + dy))));
            }
        }
        else if (finished == Gesture.Resize && resizing is { } r && Math.Abs(dx) + Math.Abs(dy) >= 1)
        {
            var resized = ResizedElement(r);
            changes.Add(new ElementChange(ChangeType.Update, r.Id, Patch: new ElementPatch(Width: Math.Round(resized.Width), Height: Math.Round(resized.Height))));
        }
        else if (finished == Gesture.Band)
        {
            var (x, y, w, h) = BandRect;
            var inside = session.View.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector && e.X >= x && e.Y >= y && e.X + e.Width <= x + w && e.Y + e.Height <= y + h);
            SetSelection(inside.Select(e => e.Id));
        }
        else if (finished == Gesture.Pan)
        {
            await SendPresenceAsync(force: true);
        }

        if (changes.Count > 0)
        {
            // One op: the whole selection moves (or nothing does), and one undo puts it back.
            await session.ApplyAsync(changes);
        }

        moving = null;
        resizing = null;
        dangling = [];
        hidden = NoIds;
        moved = false;
    }

    private async Task OnWheelAsync(WheelEventArgs args)
    {
        await MeasureAsync();
        var factor = Math.Exp(-args.DeltaY * (args.CtrlKey ? 0.01 : 0.0015));
        ZoomAround(factor, args.ClientX - area.Left, args.ClientY - area.Top);
        await SendPresenceAsync(force: true);
    }

    // ---- view -----------------------------------------------------------------------------

    private void ZoomAround(double factor, double screenX, double screenY)
    {
        var next = Math.Clamp(zoom * factor, 0.1, 4);
        var (bx, by) = ((screenX - panX) / zoom, (screenY - panY) / zoom);
        zoom = next;
        (panX, panY) = (screenX - bx * zoom, screenY - by * zoom);
        following = null;
    }

    private void ZoomBy(double factor)
    {
        ZoomAround(factor, area.Width / 2, area.Height / 2);
        _ = SendPresenceAsync(force: true);
    }

    private void ResetZoom() => ZoomBy(1 / zoom);

    private void ZoomToFit()
    {
        var live = session?.View.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToList() ?? [];
        if (live.Count == 0)
        {
            (panX, panY, zoom) = (0, 0, 1);
        }
        else
        {
            var (left, top) = (live.Min(e => e.X), live.Min(e => e.Y));
            ShowRect(left, top, live.Max(e => e.X + e.Width) - left, live.Max(e => e.Y + e.Height) - top, maxZoom: 2);
        }

        following = null;
        _ = SendPresenceAsync(force: true);
    }

    /// <summary>Fits a board rectangle into the canvas, centred, with a margin.</summary>
    private void ShowRect(double x, double y, double width, double height, double maxZoom)
    {
        const double margin = 40;
        zoom = Math.Clamp(Math.Min((area.Width - margin) / Math.Max(1, width), (area.Height - margin) / Math.Max(1, height)), 0.1, maxZoom);
        panX = (area.Width - width * zoom) / 2 - x * zoom;
        panY = (area.Height - height * zoom) / 2 - y * zoom;
    }

    private void ToggleFollow(string sessionId)
    {
        if (following == sessionId)
        {
            StopFollowing();
            return;
        }

        following = sessionId;
        followedView = null;
        if (session?.Participants.FirstOrDefault(p => p.SessionId == sessionId)?.View is { } view)
        {
            followedView = view;
            ShowRect(view.X, view.Y, view.Width, view.Height, maxZoom: 4);
        }
    }

    private void StopFollowing()
    {
        following = null;
        followedView = null;
    }

    // ---- keyboard -------------------------------------------------------------------------

    private void OnKeyUp(KeyboardEventArgs args)
    {
        if (args.Key == " ")
        {
            spaceHeld = false;
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (editing is not null || session is null)
        {
            return;
        }

        var ctrl = args.CtrlKey || args.MetaKey;
        switch (args.Key)
        {
            case " ":
                spaceHeld = true;
                break;
            case "Escape":
                SetSelection([]);
                StopFollowing();
                EndPreview();
                break;
            case "Enter" when SingleSelected is { } one:
                StartEditing(one);
                break;
            case "a" or "A" when ctrl:
                SetSelection(session.View.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).Select(e => e.Id));
                break;
            case "+" or "=":
                ZoomBy(1.25);
                break;
            case "-":
                ZoomBy(1 / 1.25);
                break;
            case var _ when ReadOnly:
                break;
            case "Delete" or "Backspace" when selection.Count > 0:
                await DeleteSelectedAsync();
                break;
            case "z" or "Z" when ctrl && !args.ShiftKey:
                await UndoAsync();
                break;
            case "y" or "Y" when ctrl:
            case "z" or "Z" when ctrl && args.ShiftKey:
                await RedoAsync();
                break;
            case "ArrowLeft" or "ArrowRight" or "ArrowUp" or "ArrowDown" when SelectedShapes.Count > 0:
                var step = args.ShiftKey ? 50 : 10;
                var (mx, my) = args.Key switch { "ArrowLeft" => (-step, 0), "ArrowRight" => (step, 0), "ArrowUp" => (0, -step), _ => (0, step) };
                await session.ApplyAsync([.. WithFrameContents(session.View).Select(id => session.View[id]).Select(e => new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(X: e.X + mx, Y: e.Y + my)))]);
                break;
        }
    }

    // ---- toolbar actions ------------------------------------------------------------------

    private async Task SetColourAsync(string colour)
    {
        currentColour = colour;
        var shapes = SelectedShapes.Where(e => e.Color != colour).ToList();
        if (session is not null && shapes.Count > 0)
        {
            await session.ApplyAsync([.. shapes.Select(e => new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(Color: colour)))]);
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (selection.Count > 0 && session is not null)
        {
            var ids = selection.Where(id => session.View.TryGetValue(id, out var e) && !e.Deleted).ToList();
            SetSelection([]);
            if (ids.Count > 0)
            {
                await session.ApplyAsync([.. ids.Select(id => new ElementChange(ChangeType.Delete, id))]);
            }
        }
    }

    private async Task UndoAsync() => Report(await (session?.UndoAsync() ?? Task.FromResult(new EditResult(false, null))));

    private async Task RedoAsync() => Report(await (session?.RedoAsync() ?? Task.FromResult(new EditResult(false, null))));

    private async Task ToggleHistoryAsync()
    {
        versions = versions is null ? await Api.GetBoardVersionsAsync(BoardId) : null;
        if (versions is null)
        {
            EndPreview();
        }
    }

    private async Task PreviewAsync(long versionSeq)
    {
        if (await Api.GetBoardVersionAsync(BoardId, versionSeq) is { } snapshot)
        {
            preview = snapshot;
            previewAt = versions?.FirstOrDefault(v => v.Seq == versionSeq)?.At ?? DateTimeOffset.Now;
            previewElements = snapshot.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
            editing = null;
            SetSelection([]);
        }
    }

    private void EndPreview()
    {
        preview = null;
        previewElements = [];
    }

    private async Task RestoreAsync(long versionSeq)
    {
        if (session is not null)
        {
            Report(await session.RestoreVersionAsync(versionSeq));
            EndPreview();
        }
    }

    private async Task ExportAsync(string format)
    {
        var content = await Api.ExportBoardAsync(BoardId, format);
        var name = $"{session?.Board?.Title ?? BoardId}.{format}";
        await JS.InvokeVoidAsync("climaborough.download", name, format == "json" ? "application/json" : "text/markdown", content);
    }

    private async Task ExportSvgAsync(bool wholeBoard)
    {
        var name = $"{session?.Board?.Title ?? BoardId}.svg";
        var live = (preview is not null ? previewElements.Values : session?.View.Values ?? []).Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToList();
        if (wholeBoard && live.Count > 0)
        {
            const double margin = 40;
            var (left, top) = (live.Min(e => e.X) - margin, live.Min(e => e.Y) - margin);
            var (width, height) = (live.Max(e => e.X + e.Width) + margin - left, live.Max(e => e.Y + e.Height) + margin - top);
            await JS.InvokeVoidAsync("climaborough.exportSvg", canvas, name, left, top, width, height);
        }
        else
        {
            var view = CurrentView;
            await JS.InvokeVoidAsync("climaborough.exportSvg", canvas, name, view.X, view.Y, view.Width, view.Height);
        }
    }

    private void Report(EditResult result) => message = result.Ok || result.ErrorCode == BoardErrorCodes.NothingToUndo ? null : result.Error;

    private sealed record CanvasRect(double Left, double Top, double Width, double Height);
}
