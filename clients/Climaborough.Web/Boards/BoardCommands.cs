namespace Climaborough.Web.Boards;

using Microsoft.AspNetCore.Components.Web;

/// <summary>What the commands' enabled-when rules look at.</summary>
/// <param name="Permissions">What the person may do.</param>
/// <param name="SelectionCount">How many elements are selected (connectors too).</param>
/// <param name="ShapeCount">How many selected elements are not connectors.</param>
/// <param name="ZoomPercent">The zoom, for the reset button's label.</param>
/// <param name="HistoryOpen">Whether the history panel is open.</param>
/// <param name="OutlineOpen">Whether the outline is shown instead of the canvas.</param>
public sealed record BoardCommandState(BoardPermissions Permissions, int SelectionCount, int ShapeCount, int ZoomPercent, bool HistoryOpen, bool OutlineOpen = false)
{
    /// <summary>Whether the person may change the board.</summary>
    public bool CanEdit => Permissions.CanEdit;
}

/// <summary>A key with its modifiers; a null modifier matches either way. Letters match in either case.</summary>
public sealed record KeyChord(string Key, bool? Ctrl = false, bool? Shift = null)
{
    /// <summary>Whether a key press is this chord (Cmd counts as Ctrl).</summary>
    public bool Matches(KeyboardEventArgs args) =>
        string.Equals(args.Key, Key, StringComparison.OrdinalIgnoreCase)
        && (Ctrl is not { } ctrl || ctrl == (args.CtrlKey || args.MetaKey))
        && (Shift is not { } shift || shift == args.ShiftKey);

    /// <summary>The chord in the form of <c>aria-keyshortcuts</c>.</summary>
    public string Aria => (Ctrl == true ? "Control+" : string.Empty) + (Shift == true ? "Shift+" : string.Empty) + Key switch { "+" => "Plus", " " => "Space", { Length: 1 } letter => letter.ToUpperInvariant(), _ => Key };
}

/// <summary>One thing a person can do on the board, from the toolbar, the keyboard or both.</summary>
/// <param name="Id">The command's id, which the board editor runs.</param>
/// <param name="LabelKey">The resource key of its label (may take the zoom in per cent as <c>{0}</c>).</param>
/// <param name="Shortcuts">Keys that run it on the canvas.</param>
/// <param name="EnabledWhen">When it may run; a disabled command's button is disabled and its keys do nothing.</param>
/// <param name="Group">The toolbar group it shows in; null for keyboard-only commands.</param>
/// <param name="Glyph">What the button shows instead of its label (the label then is its accessible name and tooltip).</param>
/// <param name="TestId">The button's <c>data-testid</c>.</param>
/// <param name="SelectionLabelKey">The label while shapes are selected, if different.</param>
public sealed record BoardCommand(
    string Id,
    string LabelKey,
    IReadOnlyList<KeyChord> Shortcuts,
    Func<BoardCommandState, bool> EnabledWhen,
    string? Group = null,
    string? Glyph = null,
    string? TestId = null,
    string? SelectionLabelKey = null)
{
    /// <summary>The label's resource key in this state.</summary>
    public string LabelKeyFor(BoardCommandState state) => state.ShapeCount > 0 && SelectionLabelKey is { } key ? key : LabelKey;

    /// <summary>The shortcuts in the form of <c>aria-keyshortcuts</c>, or null when there is none.</summary>
    public string? AriaShortcuts => Shortcuts.Count == 0 ? null : string.Join(' ', Shortcuts.Select(s => s.Aria));
}

/// <summary>The board's commands: the toolbar shows them by group, the canvas' keyboard handler runs them by key.</summary>
public static class BoardCommands
{
    private static readonly Func<BoardCommandState, bool> Always = _ => true;
    private static readonly Func<BoardCommandState, bool> Editing = s => s.CanEdit;

    /// <summary>Every command, in toolbar order (keyboard-only commands last).</summary>
    public static readonly IReadOnlyList<BoardCommand> All =
    [
        new("add-note", "ToolAddNote", [], Editing, "add", TestId: "tool-note"),
        new("add-text", "ToolText", [], Editing, "add"),
        new("add-rectangle", "ToolRectangle", [], Editing, "add"),
        new("add-ellipse", "ToolEllipse", [], Editing, "add"),
        new("add-frame", "ToolFrame", [], Editing, "add", TestId: "tool-frame", SelectionLabelKey: "ToolFrameAround"),
        new("add-image", "ToolImage", [], s => s.CanEdit && s.Permissions.Board?.LabId is not null, "add", TestId: "tool-image"),
        new("connect", "ToolConnect", [], s => s.CanEdit && s.ShapeCount == 2, "add", TestId: "tool-connect"),
        new("delete", "ToolDelete", [new("Delete", null), new("Backspace", null)], s => s.CanEdit && s.SelectionCount > 0, "edit"),
        new("undo", "ToolUndo", [new("z", true, false)], Editing, "edit"),
        new("redo", "ToolRedo", [new("y", true), new("z", true, true)], Editing, "edit"),
        new("zoom-out", "ZoomOut", [new("-", null)], Always, "zoom", Glyph: "−"),
        new("zoom-reset", "ZoomReset", [], Always, "zoom", Glyph: "{0}%", TestId: "zoom"),
        new("zoom-in", "ZoomIn", [new("+", null), new("=", null)], Always, "zoom", Glyph: "+"),
        new("zoom-fit", "ZoomFit", [], Always, "zoom", TestId: "zoom-fit"),
        new("outline", "ToolOutline", [], Always, "view", TestId: "tool-outline"),
        new("history", "ToolHistory", [], Always, "file", TestId: "tool-history"),
        new("export-json", "ExportJson", [], Always, "file"),
        new("export-md", "ExportMarkdown", [], Always, "file"),
        new("export-svg-view", "ExportSvgView", [], Always, "file"),
        new("export-svg-board", "ExportSvgBoard", [], Always, "file", TestId: "export-svg-board"),
        new("escape", "KeyEscape", [new("Escape", null)], Always),
        new("edit", "KeyEdit", [new("Enter", null)], s => s.CanEdit && s.ShapeCount == 1 && s.SelectionCount == 1),
        new("select-all", "KeySelectAll", [new("a", true)], Always),
        new("nudge-left", "KeyNudge", [new("ArrowLeft", null, false)], Nudge),
        new("nudge-right", "KeyNudge", [new("ArrowRight", null, false)], Nudge),
        new("nudge-up", "KeyNudge", [new("ArrowUp", null, false)], Nudge),
        new("nudge-down", "KeyNudge", [new("ArrowDown", null, false)], Nudge),
        new("nudge-left-far", "KeyNudge", [new("ArrowLeft", null, true)], Nudge),
        new("nudge-right-far", "KeyNudge", [new("ArrowRight", null, true)], Nudge),
        new("nudge-up-far", "KeyNudge", [new("ArrowUp", null, true)], Nudge),
        new("nudge-down-far", "KeyNudge", [new("ArrowDown", null, true)], Nudge),
    ];

    /// <summary>The toolbar's groups, in order, each with its commands.</summary>
    public static IEnumerable<IGrouping<string, BoardCommand>> Toolbar() =>
        All.Where(c => c.Group is not null).GroupBy(c => c.Group!);

    /// <summary>The command with an id.</summary>
    public static BoardCommand Get(string id) => All.Single(c => c.Id == id);

    /// <summary>The command a key press stands for, if any (whether or not it is enabled).</summary>
    public static BoardCommand? ForKey(KeyboardEventArgs args) => All.FirstOrDefault(c => c.Shortcuts.Any(s => s.Matches(args)));

    /// <summary>How far a nudge command moves, in board units (10, or 50 with Shift).</summary>
    public static (double X, double Y) NudgeStep(string id)
    {
        var step = id.EndsWith("-far", StringComparison.Ordinal) ? 50 : 10;
        return id.Split('-')[1] switch { "left" => (-step, 0), "right" => (step, 0), "up" => (0, -step), _ => (0, step) };
    }

    private static bool Nudge(BoardCommandState s) => s.CanEdit && s.ShapeCount > 0;
}
