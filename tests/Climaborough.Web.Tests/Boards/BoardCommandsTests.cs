namespace Climaborough.Web.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Microsoft.AspNetCore.Components.Web;

/// <summary>The command table that the toolbar and the keyboard share, and what a person may do.</summary>
public sealed class BoardCommandsTests
{
    private static readonly string[] ReadingCommands = ["zoom-in", "zoom-fit", "history", "export-json", "select-all", "escape"];

    private static readonly BoardInfo LabBoard = new("b-1", "Lyulin", "l1", "demo:elena", false, DateTimeOffset.UnixEpoch, 0, 0);

    [Theory]
    [InlineData("Delete", false, false, "delete")]
    [InlineData("Backspace", false, false, "delete")]
    [InlineData("z", true, false, "undo")]
    [InlineData("Z", true, true, "redo")]
    [InlineData("y", true, false, "redo")]
    [InlineData("a", true, false, "select-all")]
    [InlineData("+", false, false, "zoom-in")]
    [InlineData("=", false, false, "zoom-in")]
    [InlineData("-", false, false, "zoom-out")]
    [InlineData("Escape", false, false, "escape")]
    [InlineData("Enter", false, false, "edit")]
    [InlineData("ArrowLeft", false, false, "nudge-left")]
    [InlineData("ArrowDown", false, true, "nudge-down-far")]
    public void Each_shortcut_runs_its_command(string key, bool ctrl, bool shift, string id) =>
        Assert.Equal(id, BoardCommands.ForKey(new KeyboardEventArgs { Key = key, CtrlKey = ctrl, ShiftKey = shift })?.Id);

    [Fact]
    public void Letters_without_ctrl_run_nothing_and_cmd_counts_as_ctrl()
    {
        Assert.Null(BoardCommands.ForKey(new KeyboardEventArgs { Key = "z" }));
        Assert.Equal("undo", BoardCommands.ForKey(new KeyboardEventArgs { Key = "z", MetaKey = true })?.Id);
    }

    [Fact]
    public void No_key_stands_for_two_commands_and_ids_are_unique()
    {
        Assert.Equal(BoardCommands.All.Count, BoardCommands.All.Select(c => c.Id).Distinct().Count());
        var chords = BoardCommands.All.SelectMany(c => c.Shortcuts).ToList();
        Assert.Equal(chords.Count, chords.Distinct().Count());
    }

    [Fact]
    public void Enter_edits_only_one_selected_shape_and_connect_needs_exactly_two()
    {
        var state = new BoardCommandState(new BoardPermissions(LabBoard, "demo:ivan", LabRole.Member, true, false, false), 2, 2, 100, false);
        Assert.False(BoardCommands.Get("edit").EnabledWhen(state));
        Assert.True(BoardCommands.Get("connect").EnabledWhen(state));
        Assert.False(BoardCommands.Get("connect").EnabledWhen(state with { ShapeCount = 1, SelectionCount = 1 }));
        Assert.False(BoardCommands.Get("delete").EnabledWhen(state with { ShapeCount = 0, SelectionCount = 0 }));
    }

    [Fact]
    public void Buttons_announce_their_shortcuts()
    {
        Assert.Equal("Control+Y Control+Shift+Z", BoardCommands.Get("redo").AriaShortcuts);
        Assert.Equal("Plus =", BoardCommands.Get("zoom-in").AriaShortcuts);
        Assert.Null(BoardCommands.Get("add-note").AriaShortcuts);
    }

    [Fact]
    public void Nudges_move_10_units_or_50_with_shift()
    {
        Assert.Equal((-10d, 0d), BoardCommands.NudgeStep("nudge-left"));
        Assert.Equal((0d, 50d), BoardCommands.NudgeStep("nudge-down-far"));
    }

    [Theory]
    [InlineData(LabRole.Observer, false, ReadOnlyReason.Observer)]
    [InlineData(null, false, ReadOnlyReason.NotMember)]
    [InlineData(LabRole.Member, false, ReadOnlyReason.None)]
    [InlineData(LabRole.Member, true, ReadOnlyReason.Locked)]
    [InlineData(LabRole.Observer, true, ReadOnlyReason.Observer)]
    public void What_may_not_be_done_is_disabled_for_a_reason(LabRole? role, bool locked, ReadOnlyReason reason)
    {
        var permissions = new BoardPermissions(LabBoard, "demo:ivan", role, LabRoleKnown: true, locked, Previewing: false);
        var state = new BoardCommandState(permissions, SelectionCount: 2, ShapeCount: 2, ZoomPercent: 100, HistoryOpen: false);

        Assert.Equal(reason, permissions.Reason);
        var editing = new[] { "add-note", "add-frame", "connect", "delete", "undo", "redo", "nudge-left" };
        Assert.All(editing, id => Assert.Equal(reason == ReadOnlyReason.None, BoardCommands.Get(id).EnabledWhen(state)));
        Assert.Equal(reason == ReadOnlyReason.None, BoardCommands.Get("edit").EnabledWhen(state with { SelectionCount = 1, ShapeCount = 1 }));
        Assert.All(ReadingCommands, id => Assert.True(BoardCommands.Get(id).EnabledWhen(state)));
    }

    [Fact]
    public void Until_the_lab_answers_nothing_is_disabled_for_the_role()
    {
        var permissions = new BoardPermissions(LabBoard, "demo:ivan", null, LabRoleKnown: false, Locked: false, Previewing: false);
        Assert.True(permissions.CanEdit);
        Assert.False(permissions.CanLock);
    }

    [Theory]
    [InlineData(LabRole.Owner, "demo:ivan", true)]
    [InlineData(LabRole.Moderator, "demo:ivan", true)]
    [InlineData(LabRole.Member, "demo:ivan", false)]
    [InlineData(LabRole.Member, "demo:elena", true)]
    [InlineData(LabRole.Observer, "demo:ivan", false)]
    public void Lab_owners_moderators_and_the_boards_creator_may_lock_it(LabRole role, string user, bool mayLock) =>
        Assert.Equal(mayLock, new BoardPermissions(LabBoard, user, role, true, false, false).CanLock);

    [Fact]
    public void Outside_labs_only_the_creator_may_lock_and_everyone_signed_in_may_edit()
    {
        var board = LabBoard with { LabId = null };
        Assert.True(new BoardPermissions(board, "demo:elena", null, true, false, false).CanLock);
        var other = new BoardPermissions(board, "demo:ivan", null, true, false, false);
        Assert.False(other.CanLock);
        Assert.True(other.CanEdit);
    }

    [Fact]
    public void The_toolbar_shows_its_groups_in_order_and_keyboard_only_commands_not_at_all()
    {
        Assert.Equal(["add", "edit", "zoom", "view", "file"], BoardCommands.Toolbar().Select(g => g.Key));
        Assert.DoesNotContain(BoardCommands.Toolbar().SelectMany(g => g), c => c.Id is "escape" or "edit" or "select-all" || c.Id.StartsWith("nudge", StringComparison.Ordinal));
    }
}
