namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using static BoardTestKit;

/// <summary>The lab activity lines of a board's written batch, without a cluster: one per person, counting the notes they added.</summary>
public sealed class BoardActivityTests
{
    [Fact]
    public void A_batch_gives_one_line_per_person_who_added_notes_with_their_name()
    {
        var activity = new BoardActivity();
        activity.Saw(new Actor("u-maria", "Maria Petrova", "sofia"));
        AppliedOp Op(long seq, string userId, OpKind kind, params ElementChange[] changes) => new(seq, "c", seq, userId, DateTimeOffset.UnixEpoch, kind, changes);

        var lines = activity.NotesAdded([
            Op(1, "u-maria", OpKind.Edit, Create(Note("a")), Create(Note("b"))),
            Op(2, "u-maria", OpKind.Edit, Create(Note("c")), Create(Frame("f", 0, 0, 10, 10))),
            Op(3, "u-ivan", OpKind.Edit, Create(Note("d"))),
            Op(4, "u-olga", OpKind.Undo, Create(Note("e"))),
            Op(5, "u-giulia", OpKind.Edit, Update("a", new ElementPatch(X: 1))),
        ]).ToList();

        Assert.Equal(2, lines.Count);
        Assert.Equal(("u-maria", "Maria Petrova", 3), (lines[0].Who.UserId, lines[0].Who.Name, lines[0].Notes));
        Assert.Equal(("u-ivan", "u-ivan", 1), (lines[1].Who.UserId, lines[1].Who.Name, lines[1].Notes));
    }
}
