namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using static BoardTestKit;

/// <summary>Restoring a version without a cluster: the changes from now to a stored state apply as one op and give exactly that state.</summary>
public sealed class BoardDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_changes_to_a_version_bring_back_deleted_elements_remove_new_ones_and_undo_moves_in_one_op()
    {
        var model = new BoardModel();
        Apply(model, Create(Note("a", x: 0)), Create(Note("b")), Create(Connector("c", "a", "b")), Create(Note("kept", text: "same")));
        var version = model.Elements.Values.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Apply(model, Update("a", new ElementPatch(X: 300)), Delete("b"), Create(Note("new")));
        Apply(model, Create(Connector("c2", "a", "new")));

        var changes = BoardDiff.To(model.Elements, version);
        Apply(model, [.. changes]);

        var live = model.Elements.Values.Where(e => !e.Deleted).ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.Equal(["a", "b", "c", "kept"], live.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, live["a"].X);
        Assert.DoesNotContain(changes, c => c.Id == "kept");
    }

    [Fact]
    public void Connectors_are_deleted_first_and_restored_last()
    {
        var connector = Connector("c", "a", "b");
        var note = Note("a");

        Assert.True(BoardDiff.ApplyOrder(Delete("c"), connector) < BoardDiff.ApplyOrder(Delete("a"), note));
        Assert.True(BoardDiff.ApplyOrder(Restore("a"), note) < BoardDiff.ApplyOrder(Restore("c"), connector));
        Assert.True(BoardDiff.ApplyOrder(Create(note), note) < BoardDiff.ApplyOrder(Update("a", new ElementPatch(X: 1)), note));
    }

    private static void Apply(BoardModel model, params ElementChange[] changes)
    {
        var (prepared, error) = model.Prepare("demo:maria", changes, OpKind.RestoreVersion, Now);
        Assert.True(prepared is not null, error?.Error);
        model.Commit(prepared);
    }
}
