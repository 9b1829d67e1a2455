namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;
using static BoardTestKit;

/// <summary>The board's contract (docs/architecture.md, "Boards"), on each storage backend.</summary>
public abstract class BoardGrainTests(ClusterFixture fixture)
{
    private async Task<IBoardGrain> NewBoardAsync(string owner = "demo:owner")
    {
        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        await board.CreateAsync("Traffic co-design", null, owner);
        return board;
    }

    /// <summary>The live state, as a new client joining sees it (the board stays active: undo history is in memory).</summary>
    private static async Task<Dictionary<string, BoardElement>> StateAsync(IBoardGrain board) =>
        Replay(await board.JoinAsync(0, Me("demo:reader", "s-" + Guid.NewGuid().ToString("N"))));

    /// <summary>The state after the board was deactivated and read back from storage.</summary>
    private async Task<Dictionary<string, BoardElement>> ReloadedAsync(IBoardGrain board)
    {
        await fixture.Cluster.DeactivateAsync(board);
        var join = await board.JoinAsync(0, Me("demo:reader", "s-" + Guid.NewGuid().ToString("N")));
        return Replay(join);
    }

    private static async Task<IReadOnlyList<BoardVersion>> VersionsAsync(IBoardGrain board, int atLeast)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var versions = await board.ListVersionsAsync();
            if (versions.Count >= atLeast || timeout.IsCancellationRequested)
            {
                return versions;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Ops_get_consecutive_sequence_numbers_in_the_order_the_board_applied_them()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        var ivan = new Client(board, "demo:ivan");

        // Each client's ops may arrive in any order: none is mistaken for a retry of another.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? maria : ivan).Edit(Create(Note($"n{i}")))));

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), results.Select(r => r.Seq!.Value).Order());
        var info = await board.GetInfoAsync();
        Assert.Equal(20, info!.Seq);
        Assert.Equal(20, info.ElementCount);
    }

    [Fact]
    public async Task A_retried_op_is_applied_once_also_after_the_board_reloads()
    {
        var board = await NewBoardAsync();
        var edit = new BoardEdit("tablet-1", 1, [Create(Note("n1", text: "Bike lanes"))]);

        var first = await board.EditAsync("demo:maria", edit);
        var retry = await board.EditAsync("demo:maria", edit);
        await fixture.Cluster.DeactivateAsync(board);
        var afterReload = await board.EditAsync("demo:maria", edit);

        Assert.True(first.Ok);
        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
        Assert.True(afterReload.Duplicate);
        Assert.Equal(first.Seq, afterReload.Seq);
        Assert.Equal(1, (await board.GetInfoAsync())!.Seq);
    }

    [Fact]
    public async Task Concurrent_edits_of_different_properties_both_survive_and_the_same_property_takes_the_last()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        var ivan = new Client(board, "demo:ivan");
        await maria.Edit(Create(Note("n1", text: "start")));

        await maria.Edit(Update("n1", new ElementPatch(X: 300)));
        await ivan.Edit(Update("n1", new ElementPatch(Color: "#00ff00")));
        await maria.Edit(Update("n1", new ElementPatch(Text: "Maria's")));
        var last = await ivan.Edit(Update("n1", new ElementPatch(Text: "Ivan's")));

        var note = (await ReloadedAsync(board))["n1"];
        Assert.Equal(300, note.X);
        Assert.Equal("#00ff00", note.Color);
        Assert.Equal("Ivan's", note.Text);
        Assert.Equal(last.Seq, (await board.GetInfoAsync())!.Seq);
    }

    [Fact]
    public async Task A_delete_beats_a_later_edit_and_stays_deleted_until_restored()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        var ivan = new Client(board, "demo:ivan");
        await maria.Edit(Create(Note("n1")));
        await maria.Edit(Delete("n1"));

        var edit = await ivan.Edit(Update("n1", new ElementPatch(Text: "too late")));
        var again = await ivan.Edit(Delete("n1"));

        Assert.False(edit.Ok);
        Assert.Equal(ErrorCodes.ElementDeleted, edit.ErrorCode);
        Assert.True(again.Ok);
        Assert.True((await ReloadedAsync(board))["n1"].Deleted);

        Assert.True((await ivan.Edit(Restore("n1"))).Ok);
        Assert.True((await ivan.Edit(Update("n1", new ElementPatch(Text: "back")))).Ok);
        var note = (await ReloadedAsync(board))["n1"];
        Assert.False(note.Deleted);
        Assert.Equal("back", note.Text);
    }

    [Fact]
    public async Task A_batch_applies_atomically_and_one_bad_change_refuses_all()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        await maria.Edit([.. Enumerable.Range(0, 50).Select(i => Create(Note($"n{i}", x: i)))]);

        var moveAll = await maria.Edit([.. Enumerable.Range(0, 50).Select(i => Update($"n{i}", new ElementPatch(Y: 500)))]);
        var bad = await maria.Edit([.. Enumerable.Range(0, 50).Select(i => Update($"n{i}", new ElementPatch(Y: 900))), Update("ghost", new ElementPatch(Y: 1))]);

        Assert.True(moveAll.Ok);
        Assert.Equal(ErrorCodes.UnknownElement, bad.ErrorCode);
        var elements = await ReloadedAsync(board);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(500, elements[$"n{i}"].Y));
        Assert.Equal(moveAll.Seq, (await board.GetInfoAsync())!.Seq);
    }

    private static readonly Dictionary<string, (string Code, ElementChange Change)> InvalidCases = new()
    {
        ["NaN x"] = (ErrorCodes.InvalidOp, Create(Note("nan", x: double.NaN))),
        ["infinite y"] = (ErrorCodes.InvalidOp, Create(Note("inf", y: double.PositiveInfinity))),
        ["x out of range"] = (ErrorCodes.InvalidOp, Create(Note("far", x: 1e9))),
        ["text over the limit"] = (ErrorCodes.LimitExceeded, Create(Note("long", text: new string('a', BoardLimits.MaxTextLength + 1)))),
        ["colour with CSS"] = (ErrorCodes.InvalidOp, Create(Note("red", color: "red; position:fixed"))),
        ["bad element id"] = (ErrorCodes.InvalidOp, Create(Note("bad id!"))),
        ["update of unknown element"] = (ErrorCodes.UnknownElement, Update("ghost", new ElementPatch(X: 1))),
        ["connector to unknown element"] = (ErrorCodes.UnknownElement, Create(Connector("c1", "base", "ghost"))),
        ["connector to itself"] = (ErrorCodes.InvalidOp, Create(Connector("c2", "base", "base"))),
        ["create of existing id"] = (ErrorCodes.DuplicateElement, Create(Note("base"))),
        ["ends on a note"] = (ErrorCodes.InvalidOp, Update("base", new ElementPatch(From: "base"))),
        ["negative width"] = (ErrorCodes.InvalidOp, Update("base", new ElementPatch(Width: -5))),
        ["create without element"] = (ErrorCodes.InvalidOp, new ElementChange(ChangeType.Create, "empty")),
    };

    public static TheoryData<string> InvalidOps => [.. InvalidCases.Keys];

    [Theory]
    [MemberData(nameof(InvalidOps))]
    public async Task An_invalid_op_gets_a_typed_error_and_changes_nothing(string @case)
    {
        var (code, change) = InvalidCases[@case];
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        await maria.Edit(Create(Note("base", text: "kept")));
        var before = await ReloadedAsync(board);

        var result = await maria.Edit(change);

        Assert.False(result.Ok);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(1, (await board.GetInfoAsync())!.Seq);
        Assert.Equal(before, await ReloadedAsync(board));
    }

    [Fact]
    public async Task Undo_takes_back_only_my_edit_and_keeps_what_others_changed_since()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        var ivan = new Client(board, "demo:ivan");
        await ivan.Edit(Create(Note("n1", x: 0, text: "Ivan's note")));
        await maria.Edit(Update("n1", new ElementPatch(X: 100, Text: "Maria's text")));
        await ivan.Edit(Update("n1", new ElementPatch(Text: "Ivan again", Color: "#ff0000")));

        var undo = await maria.Undo();

        Assert.True(undo.Ok, undo.Error);
        var note = (await StateAsync(board))["n1"];
        Assert.Equal(0, note.X);
        Assert.Equal("Ivan again", note.Text);
        Assert.Equal("#ff0000", note.Color);
        Assert.False(note.Deleted);

        var redo = await maria.Redo();
        Assert.True(redo.Ok, redo.Error);
        Assert.Equal(100, (await StateAsync(board))["n1"].X);
    }

    [Fact]
    public async Task Undo_of_a_delete_brings_back_the_element_and_its_connectors_and_undo_needs_an_own_edit()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        var ivan = new Client(board, "demo:ivan");
        await maria.Edit(Create(Note("a")), Create(Note("b", x: 300)), Create(Connector("ab", "a", "b")));
        await maria.Edit(Delete("a"));
        var afterDelete = await StateAsync(board);
        Assert.True(afterDelete["ab"].Deleted);

        Assert.True((await maria.Undo()).Ok);
        var restored = await StateAsync(board);
        Assert.False(restored["a"].Deleted);
        Assert.False(restored["ab"].Deleted);

        var nothing = await ivan.Undo();
        Assert.Equal(ErrorCodes.NothingToUndo, nothing.ErrorCode);
    }

    [Fact]
    public async Task Moving_a_frame_moves_what_is_inside_and_undo_moves_it_all_back()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        await maria.Edit(Create(Frame("f", 0, 0, 500, 500)), Create(Note("in", 10, 10)), Create(Note("out", 600, 600)));

        var move = await maria.Edit(Update("f", new ElementPatch(X: 1000, Y: 50)));

        Assert.True(move.Ok);
        var moved = await StateAsync(board);
        Assert.Equal((1010d, 60d), (moved["in"].X, moved["in"].Y));
        Assert.Equal((600d, 600d), (moved["out"].X, moved["out"].Y));

        await maria.Undo();
        var back = await StateAsync(board);
        Assert.Equal((10d, 10d), (back["in"].X, back["in"].Y));
        Assert.Equal(0, back["f"].X);
    }

    [Fact]
    public async Task Joining_with_the_last_seen_number_gives_exactly_the_missed_ops()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        for (var i = 0; i < 5; i++)
        {
            await maria.Edit(Create(Note($"n{i}")));
        }

        var join = await board.JoinAsync(2, Me("demo:ivan", "s1"));

        Assert.Null(join.Snapshot);
        Assert.Equal([3L, 4L, 5L], join.Ops.Select(o => o.Seq));
        Assert.Empty((await board.JoinAsync(5, Me("demo:ivan", "s2"))).Ops);
    }

    [Fact]
    public async Task Far_behind_joins_get_a_snapshot_plus_tail_and_reloads_read_a_bounded_log()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        for (var i = 0; i < 45; i++)
        {
            await maria.Edit(i % 3 == 2 ? Update($"n{i - 1}", new ElementPatch(Text: $"edit {i}")) : Create(Note($"n{i}", x: i)));
        }

        var versions = await VersionsAsync(board, 2);
        Assert.True(versions.Count >= 2, $"expected versions every 20 ops, got {versions.Count}");
        Assert.Equal(versions.Select(v => v.Seq).Order(), versions.Select(v => v.Seq));
        Assert.Equal(20, versions[0].EditsByAuthor["demo:maria"]);

        var live = Replay(await board.JoinAsync(0, Me("demo:a", "s1")));
        await fixture.Cluster.DeactivateAsync(board);
        var join = await board.JoinAsync(0, Me("demo:b", "s2"));

        Assert.NotNull(join.Snapshot);
        Assert.True(join.Snapshot.Seq >= 40);
        Assert.True(join.Ops.Count <= 5);
        Assert.Equal(live, Replay(join));
    }

    [Fact]
    public async Task Restoring_a_version_is_a_live_undoable_op()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        for (var i = 0; i < 20; i++)
        {
            await maria.Edit(Create(Note($"n{i}", text: $"idea {i}")));
        }

        // The version is stored right after the 20th op is acknowledged.
        var version = Assert.Single(await VersionsAsync(board, 1));
        await maria.Edit(Delete("n0"), Update("n1", new ElementPatch(Text: "changed")), Create(Note("late")));

        var restore = await maria.RestoreVersion(version.Seq);

        Assert.True(restore.Ok, restore.Error);
        var restored = await StateAsync(board);
        Assert.False(restored["n0"].Deleted);
        Assert.Equal("idea 1", restored["n1"].Text);
        Assert.True(restored["late"].Deleted);

        Assert.True((await maria.Undo()).Ok);
        var undone = await StateAsync(board);
        Assert.True(undone["n0"].Deleted);
        Assert.Equal("changed", undone["n1"].Text);
        Assert.False(undone["late"].Deleted);
    }

    [Fact]
    public async Task An_export_imports_into_a_new_board_with_full_fidelity()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        await maria.Edit(Create(Frame("f", 0, 0, 800, 600)), Create(Note("a", 10, 10, "Низко-емисионна зона")), Create(Note("b", 300, 10, "Car-free Sundays")), Create(Connector("ab", "a", "b")));
        await maria.Edit(Create(Note("gone")));
        await maria.Edit(Delete("gone"));
        var export = await board.ExportAsync();

        var copy = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        var (info, result) = await copy.ImportAsync("Copy", null, "demo:ivan", export);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("Copy", info!.Title);
        Assert.Equal(4, info.ElementCount);
        var copied = await copy.ExportAsync();
        Assert.Equal(export.Elements.Select(e => e with { UpdatedAt = default }), copied.Elements.Select(e => e with { UpdatedAt = default }));
        Assert.DoesNotContain(copied.Elements, e => e.Id == "gone");
    }

    [Fact]
    public async Task An_invalid_import_creates_nothing()
    {
        var target = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        var broken = new BoardExport(BoardExport.FormatName, 1, "Broken", DateTimeOffset.UnixEpoch, 3, [Note("a"), Connector("c", "a", "missing")]);

        var (info, result) = await target.ImportAsync("Broken", null, "demo:ivan", broken);

        Assert.Null(info);
        Assert.Equal(ErrorCodes.UnknownElement, result.ErrorCode);
        Assert.Null(await target.GetInfoAsync());
    }

    [Fact]
    public async Task A_locked_board_refuses_edits_and_only_its_owner_locks_it()
    {
        var board = await NewBoardAsync("demo:owner");
        var maria = new Client(board, "demo:maria");

        Assert.Equal(ErrorCodes.Forbidden, (await board.SetLockedAsync("demo:maria", true)).ErrorCode);
        Assert.True((await board.SetLockedAsync("demo:owner", true)).Ok);
        Assert.Equal(ErrorCodes.BoardLocked, (await maria.Edit(Create(Note("n")))).ErrorCode);
        Assert.True((await board.SetLockedAsync("demo:owner", false)).Ok);
        Assert.True((await maria.Edit(Create(Note("n")))).Ok);
    }

    [Fact]
    public async Task A_labs_owners_and_moderators_lock_and_unlock_its_boards_and_other_members_may_not()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Actor Person(string name) => new($"u-{name}-{suffix}", name, "sofia");
        var (owner, moderator, creator, member, observer, stranger) = (Person("maria"), Person("elena"), Person("ivan"), Person("petar"), Person("giulia"), Person("olga"));
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(owner, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (moderator, LabRole.Moderator), (creator, LabRole.Member), (member, LabRole.Member), (observer, LabRole.Observer) })
        {
            var invitation = await lab.InviteAsync(owner, who.UserId, null, null, role);
            Assert.True(invitation.Ok, invitation.Message);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(creator, "Traffic co-design", lab.GetPrimaryKeyString())).Ok);
        var edits = new Client(board, creator.UserId);

        Assert.True((await board.SetLockedAsync(moderator, true)).Ok);
        Assert.True((await board.ViewAsync(member)).Value!.Locked);
        Assert.Equal(ErrorCodes.BoardLocked, (await board.EditAsync(creator, new BoardEdit(edits.ClientId, 1, [Create(Note("n"))]))).ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, (await board.SetLockedAsync(member, false)).ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, (await board.SetLockedAsync(observer, false)).ErrorCode);
        Assert.Equal(ErrorCodes.NoSuchBoard, (await board.SetLockedAsync(stranger, false)).ErrorCode);
        Assert.True((await board.ViewAsync(member)).Value!.Locked);

        Assert.True((await board.SetLockedAsync(owner, false)).Ok);
        Assert.True((await board.SetLockedAsync(creator, true)).Ok);
        Assert.True((await board.SetLockedAsync(moderator, false)).Ok);
        Assert.True((await board.EditAsync(creator, new BoardEdit(edits.ClientId, 1, [Create(Note("n"))]))).Ok);
        Assert.False((await board.ViewAsync(owner)).Value!.Locked);
    }

    [Fact]
    public async Task Presence_is_broadcast_and_a_silent_participant_disappears()
    {
        var board = await NewBoardAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await board.SubscribeAsync(fixture.Grains.CreateObjectReference<Abstractions.Realtime.INodeObserver>(observer));

        var join = await board.JoinAsync(0, Me("demo:maria", "maria-tab"));
        await board.UpdatePresenceAsync(Me("demo:maria", "maria-tab") with { CursorX = 12, CursorY = 34, Selection = ["n1"] });
        await board.UpdatePresenceAsync(Me("demo:mallory", "maria-tab") with { CursorX = 666 });

        Assert.Contains(join.Participants, p => p.SessionId == "maria-tab" && p.UserId == "demo:maria");
        var moved = await observer.NextAsync<BoardPresenceChanged>(e => e.Participant.CursorX == 12);
        Assert.Equal(["n1"], moved.Participant.Selection);
        Assert.False(string.IsNullOrEmpty(moved.Participant.Color));
        var left = await observer.NextAsync<BoardPresenceLeft>(_ => true, TimeSpan.FromSeconds(15));
        Assert.Equal("maria-tab", left.SessionId);
        Assert.DoesNotContain(observer.All.OfType<BoardPresenceChanged>(), e => e.Participant.CursorX == 666);
    }

    [Fact]
    public async Task Ops_are_broadcast_once_durable_with_their_sequence_numbers()
    {
        var board = await NewBoardAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await board.SubscribeAsync(fixture.Grains.CreateObjectReference<Abstractions.Realtime.INodeObserver>(observer));
        var maria = new Client(board, "demo:maria");

        var result = await maria.Edit(Create(Note("n1", text: "hello")));
        var ops = await observer.NextAsync<BoardOpsApplied>(e => e.Ops.Any(o => o.Seq == result.Seq));

        var op = Assert.Single(ops.Ops);
        Assert.Equal(maria.ClientId, op.ClientId);
        Assert.Equal("demo:maria", op.UserId);
        Assert.Equal("demo:maria", op.Changes[0].Element!.AuthorId);
    }

    [Fact]
    public async Task An_op_that_arrives_after_later_ones_is_applied_not_answered_as_a_duplicate()
    {
        var board = await NewBoardAsync();
        var actor = As("demo:maria");
        const string client = "late-first";
        for (var n = 2; n <= 300; n++)
        {
            Assert.True((await board.EditAsync(actor, new BoardEdit(client, n, [Create(Note($"n{n}"))]))).Ok);
        }

        var first = await board.EditAsync(actor, new BoardEdit(client, 1, [Create(Note("n1", text: "the first idea"))]));

        Assert.True(first.Ok);
        Assert.False(first.Duplicate);
        Assert.NotNull(first.Seq);
        Assert.Equal("the first idea", (await StateAsync(board))["n1"].Text);

        // And now it is a duplicate, also after a restart.
        Assert.True((await board.EditAsync(actor, new BoardEdit(client, 1, [Create(Note("n1"))]))).Duplicate);
        await fixture.Cluster.DeactivateAsync(board);
        var again = await board.EditAsync(actor, new BoardEdit(client, 150, [Create(Note("n150"))]));
        Assert.True(again.Duplicate);
        Assert.Equal(300, (await board.GetInfoAsync())!.ElementCount);
    }

    [Fact]
    public async Task A_refused_op_stays_retryable_and_one_too_far_ahead_is_refused_not_acknowledged()
    {
        var board = await NewBoardAsync();
        var actor = As("demo:maria");
        const string client = "pipelined";

        // Far ahead of what the board has from this client: refused with a code, nothing applied.
        var ahead = await board.EditAsync(actor, new BoardEdit(client, BoardLimits.MaxClientSeqAhead + 5, [Create(Note("ahead"))]));
        Assert.False(ahead.Ok);
        Assert.Equal(ErrorCodes.OutOfOrder, ahead.ErrorCode);
        Assert.DoesNotContain("ahead", (await StateAsync(board)).Keys);

        // A refused op (here: invalid) does not mark its number as applied: the corrected retry applies.
        Assert.False((await board.EditAsync(actor, new BoardEdit(client, 1, [Create(Note("bad", x: double.NaN))]))).Ok);
        var retried = await board.EditAsync(actor, new BoardEdit(client, 1, [Create(Note("good"))]));
        Assert.True(retried.Ok);
        Assert.False(retried.Duplicate);
        Assert.Contains("good", (await StateAsync(board)).Keys);
    }

    [Fact]
    public async Task After_a_restart_a_client_just_behind_the_snapshot_gets_only_the_ops_it_missed()
    {
        var board = await NewBoardAsync();
        var maria = new Client(board, "demo:maria");
        for (var i = 0; i < 45; i++)
        {
            await maria.Edit(Create(Note($"n{i}")));
        }

        var versions = await VersionsAsync(board, 2);
        var snapshotSeq = versions[^1].Seq;
        await fixture.Cluster.DeactivateAsync(board);

        var join = await board.JoinAsync(snapshotSeq - 3, Me("demo:b", "s-behind"));

        Assert.Null(join.Snapshot);
        Assert.Equal(Enumerable.Range((int)snapshotSeq - 2, 45 - ((int)snapshotSeq - 3)).Select(i => (long)i), join.Ops.Select(o => o.Seq));
    }
}

public sealed class BoardGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : BoardGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class BoardGrainTestsOnAzure(AzureClusterFixture fixture) : BoardGrainTests(fixture), IClassFixture<AzureClusterFixture>;
