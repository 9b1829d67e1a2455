namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using static BoardTestKit;

/// <summary>Per-person undo and redo without a cluster: taking back one's own step leaves what others did since.</summary>
public sealed class UndoHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly BoardModel model = new();

    [Fact]
    public void Undo_takes_back_only_my_change_and_keeps_what_someone_else_set_since()
    {
        var history = new UndoHistory(100);
        Apply(history, "demo:maria", OpKind.Edit, Create(Note("n1", x: 0)));
        Apply(history, "demo:maria", OpKind.Edit, Update("n1", new ElementPatch(X: 10, Color: "#00ff00")));
        Apply(history, "demo:ivan", OpKind.Edit, Update("n1", new ElementPatch(Color: "#ff0000")));

        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);

        Assert.Equal(0, model.Elements["n1"].X);
        Assert.Equal("#ff0000", model.Elements["n1"].Color);
        Assert.Null(history.TakeBack("demo:ivan", OpKind.Redo, model.Elements));
    }

    [Fact]
    public void Redo_brings_an_undone_step_back_and_a_new_edit_forgets_the_redo()
    {
        var history = new UndoHistory(100);
        Apply(history, "demo:maria", OpKind.Edit, Create(Note("n1", text: "first")));
        Apply(history, "demo:maria", OpKind.Edit, Update("n1", new ElementPatch(Text: "second")));

        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);
        Assert.Equal("first", model.Elements["n1"].Text);
        Apply(history, "demo:maria", OpKind.Redo, [.. history.TakeBack("demo:maria", OpKind.Redo, model.Elements)!]);
        Assert.Equal("second", model.Elements["n1"].Text);

        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);
        Apply(history, "demo:maria", OpKind.Edit, Update("n1", new ElementPatch(Text: "third")));
        Assert.Null(history.TakeBack("demo:maria", OpKind.Redo, model.Elements));
    }

    [Fact]
    public void A_step_that_would_change_nothing_any_more_is_skipped_for_the_one_before_it()
    {
        var history = new UndoHistory(100);
        Apply(history, "demo:maria", OpKind.Edit, Create(Note("n1", x: 0)));
        Apply(history, "demo:maria", OpKind.Edit, Update("n1", new ElementPatch(X: 10)));
        Apply(history, "demo:ivan", OpKind.Edit, Update("n1", new ElementPatch(X: 20)));

        var changes = history.TakeBack("demo:maria", OpKind.Undo, model.Elements);

        Assert.Equal([ChangeType.Delete], changes!.Select(c => c.Type));
        Assert.Null(history.TakeBack("demo:maria", OpKind.Undo, model.Elements));
    }

    [Fact]
    public void Each_person_keeps_at_most_the_configured_number_of_steps()
    {
        var history = new UndoHistory(2);
        Apply(history, "demo:maria", OpKind.Edit, Create(Note("n1", text: "0")));
        for (var i = 1; i <= 3; i++)
        {
            Apply(history, "demo:maria", OpKind.Edit, Update("n1", new ElementPatch(Text: i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);
        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);

        Assert.Equal("1", model.Elements["n1"].Text);
        Assert.Null(history.TakeBack("demo:maria", OpKind.Undo, model.Elements));
    }

    [Fact]
    public void Undoing_a_delete_brings_back_the_element_and_its_connector_in_an_order_one_op_accepts()
    {
        var history = new UndoHistory(100);
        Apply(history, "demo:maria", OpKind.Edit, Create(Note("a")), Create(Note("b")), Create(Connector("c", "a", "b")));
        Apply(history, "demo:maria", OpKind.Edit, Delete("a"));
        Assert.True(model.Elements["c"].Deleted);

        Apply(history, "demo:maria", OpKind.Undo, [.. history.TakeBack("demo:maria", OpKind.Undo, model.Elements)!]);

        Assert.False(model.Elements["a"].Deleted);
        Assert.False(model.Elements["c"].Deleted);
    }

    private void Apply(UndoHistory history, string userId, OpKind kind, params ElementChange[] changes)
    {
        var (prepared, error) = model.Prepare(userId, changes, kind, Now);
        Assert.True(prepared is not null, error?.Error);
        model.Commit(prepared);
        history.Record(userId, kind, prepared);
    }
}
