namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using static BoardTestKit;

/// <summary>Who is on a board, without a cluster: one's own cursor only, nothing that breaks a canvas, and the silent disappear.</summary>
public sealed class BoardPresenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_tab_joins_with_its_persons_colour_and_only_that_person_moves_its_cursor()
    {
        var presence = new BoardPresence(TimeSpan.FromSeconds(5));

        var me = presence.Join("demo:maria", Me("demo:mallory", "tab-1") with { CursorX = 5, Selection = ["n1"], Color = "#000000" }, Now);

        Assert.Equal("demo:maria", me.UserId);
        Assert.Equal(BoardPresence.ColorFor("demo:maria"), me.Color);
        Assert.Null(me.CursorX);
        Assert.Empty(me.Selection);
        Assert.Null(presence.Update(Me("demo:mallory", "tab-1") with { CursorX = 666 }, Now));
        Assert.Null(presence.Update(Me("demo:maria", "tab-never-joined") with { CursorX = 1 }, Now));
        Assert.Equal(12, presence.Update(Me("demo:maria", "tab-1") with { CursorX = 12 }, Now)!.CursorX);
        Assert.Equal(12, Assert.Single(presence.Participants).CursorX);
    }

    [Fact]
    public void An_update_drops_coordinates_that_are_not_numbers_and_ids_that_are_not_ids_and_caps_the_selection()
    {
        var presence = new BoardPresence(TimeSpan.FromSeconds(5));
        presence.Join("demo:maria", Me("demo:maria", "tab-1"), Now);
        var selection = new List<string> { "bad id!", string.Empty };
        selection.AddRange(Enumerable.Range(0, BoardPresence.MaxSelection + 10).Select(i => $"n{i}"));

        var updated = presence.Update(Me("demo:maria", "tab-1") with { CursorX = double.NaN, CursorY = double.PositiveInfinity, Selection = selection }, Now)!;

        Assert.Null(updated.CursorX);
        Assert.Null(updated.CursorY);
        Assert.Equal(BoardPresence.MaxSelection, updated.Selection.Count);
        Assert.Equal("n0", updated.Selection[0]);
    }

    [Fact]
    public void Only_those_silent_for_longer_than_the_timeout_disappear_and_leaving_twice_is_told_once()
    {
        var presence = new BoardPresence(TimeSpan.FromSeconds(5));
        presence.Join("demo:maria", Me("demo:maria", "quiet"), Now);
        presence.Join("demo:ivan", Me("demo:ivan", "busy"), Now);
        presence.Update(Me("demo:ivan", "busy") with { CursorX = 1 }, Now.AddSeconds(4));

        Assert.Empty(presence.Expire(Now.AddSeconds(5)));
        Assert.Equal(["quiet"], presence.Expire(Now.AddSeconds(6)));
        Assert.Equal("busy", Assert.Single(presence.Participants).SessionId);
        Assert.True(presence.Leave("busy"));
        Assert.False(presence.Leave("busy"));
        Assert.Equal(0, presence.Count);
    }

    [Fact]
    public void A_tab_dropped_for_silence_comes_back_with_its_next_update_in_its_persons_colour()
    {
        var presence = new BoardPresence(TimeSpan.FromSeconds(5));
        presence.Join("demo:maria", Me("demo:maria", "slow-tab"), Now);
        Assert.Equal(["slow-tab"], presence.Expire(Now.AddSeconds(6)));
        Assert.Null(presence.Update(Me("demo:maria", "slow-tab") with { CursorX = 3 }, Now.AddSeconds(7)));

        var back = presence.UpdateOrReturn(Me("demo:maria", "slow-tab") with { CursorX = 3 }, Now.AddSeconds(7))!;

        Assert.Equal(3, back.CursorX);
        Assert.Equal(BoardPresence.ColorFor("demo:maria"), back.Color);
        Assert.Equal("slow-tab", Assert.Single(presence.Participants).SessionId);
        Assert.Null(presence.UpdateOrReturn(Me("demo:mallory", "slow-tab") with { CursorX = 666 }, Now.AddSeconds(8)));
        Assert.Equal(3, Assert.Single(presence.Participants).CursorX);
    }
}
