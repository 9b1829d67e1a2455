namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Grains.Boards;

/// <summary>The board's memory of client op numbers, without a cluster: applied at most once, acknowledged only when applied.</summary>
public sealed class ClientMarksTests
{
    [Fact]
    public void Numbers_arriving_in_any_order_are_each_applied_once_and_a_gap_is_never_taken_for_applied()
    {
        var marks = new ClientMarks();
        for (var n = 2; n <= 1000; n++)
        {
            marks.MarkApplied("c", n, n + 10);
        }

        Assert.False(marks.IsApplied("c", 1, out _));
        Assert.Equal(0, marks.Floor("c"));
        Assert.True(marks.IsApplied("c", 999, out var seq));
        Assert.Equal(1009, seq);

        marks.MarkApplied("c", 1, 2000);
        Assert.Equal(1000, marks.Floor("c"));
        Assert.True(marks.IsApplied("c", 1, out _));
        Assert.True(marks.IsApplied("c", 500, out _));
        Assert.False(marks.IsApplied("c", 1001, out _));
        Assert.False(marks.IsApplied("other", 1, out _));
    }

    [Fact]
    public void An_op_too_far_ahead_of_the_floor_is_refused_and_the_limit_moves_with_the_floor()
    {
        var marks = new ClientMarks();
        Assert.False(marks.IsTooFarAhead("c", BoardLimits.MaxClientSeqAhead));
        Assert.True(marks.IsTooFarAhead("c", BoardLimits.MaxClientSeqAhead + 1));
        marks.MarkApplied("c", 1, 1);
        Assert.False(marks.IsTooFarAhead("c", BoardLimits.MaxClientSeqAhead + 1));
    }

    [Fact]
    public void A_snapshot_point_never_claims_an_op_applied_after_it()
    {
        var marks = new ClientMarks();
        marks.MarkApplied("c", 1, 1);
        marks.MarkApplied("c", 2, 2);
        marks.MarkApplied("c", 3, 5); // applied after the snapshot at board seq 4: may still be lost in a crash

        var at4 = marks.At(4)["c"];

        Assert.Equal(2, at4.Floor);
        Assert.False(at4.Applied.ContainsKey(3));
        var reloaded = new ClientMarks();
        reloaded.Load(marks.At(4));
        Assert.False(reloaded.IsApplied("c", 3, out _));
        Assert.True(reloaded.IsApplied("c", 2, out _));
    }

    [Fact]
    public void Memory_stays_bounded_while_recent_retries_still_learn_their_board_number()
    {
        var marks = new ClientMarks();
        for (var n = 1; n <= 100_000; n++)
        {
            marks.MarkApplied("c", n, n);
        }

        var kept = marks.At(long.MaxValue)["c"].Applied.Count;
        Assert.True(kept <= 2 * ClientMarks.Window + 1, $"{kept} entries kept");
        Assert.True(marks.IsApplied("c", 100_000, out var recent));
        Assert.Equal(100_000, recent);
        Assert.True(marks.IsApplied("c", 3, out var old));
        Assert.Null(old);
    }
}
