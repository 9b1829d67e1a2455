namespace Climaborough.Web.Tests.Client;

using Climaborough.Client;
using Climaborough.Contracts;

/// <summary>
/// The board session's promise to a user with bad Wi-Fi: edits show at once, wait while offline, survive
/// a reload, and go out in order with their original ids when the connection is back.
/// </summary>
public sealed class BoardSessionOfflineTests
{
    private static BoardElement Note(string id, string text) =>
        new(id, ElementKind.Note, 10, 10, 100, 100, 0, "#ffeb3b", text, null, null, null, string.Empty, default, default);

    [Fact]
    public async Task Offline_edits_show_at_once_survive_a_reload_and_are_sent_in_order_with_the_same_ids()
    {
        var live = new FakeLiveConnection();
        live.SetState(LiveState.Offline);
        var store = new MemoryPendingStore();
        var before = new BoardSession(live, store, "b-test");
        await before.StartAsync();

        await before.ApplyAsync([new(ChangeType.Create, "n1", Note("n1", "Bike lanes"))]);
        await before.ApplyAsync([new(ChangeType.Update, "n1", Patch: new ElementPatch(Text: "Bike lanes on Vitosha"))]);

        Assert.Equal(SyncState.Offline, before.Sync);
        Assert.Equal(2, before.PendingCount);
        Assert.Equal("Bike lanes on Vitosha", before.View["n1"].Text);
        await before.DisposeAsync();

        // The page reloads while still offline: a new session over the same browser storage.
        var after = new BoardSession(live, store, "b-test");
        await after.StartAsync();
        Assert.Equal(2, after.PendingCount);
        Assert.Equal("Bike lanes on Vitosha", after.View["n1"].Text);
        var saved = (await store.LoadAsync("b-test"))!;

        await live.GoOnlineAsync();

        Assert.Equal(SyncState.Saved, after.Sync);
        Assert.Equal(0, after.PendingCount);
        Assert.Equal(saved.Edits.Select(e => (e.ClientId, e.ClientSeq)), live.ReceivedEdits.Select(e => (e.ClientId, e.ClientSeq)));
        Assert.Equal("Bike lanes on Vitosha", after.View["n1"].Text);
        Assert.Empty((await store.LoadAsync("b-test"))!.Edits);
    }

    [Fact]
    public async Task An_edit_the_server_refuses_is_rolled_back_and_reported_and_later_edits_still_go()
    {
        var live = new FakeLiveConnection();
        live.SetState(LiveState.Connected);
        live.Answer = e => e.Changes.Any(c => c.Id == "gone")
            ? new EditResult(false, null, ErrorCode: ErrorCodes.ElementDeleted, Error: "Element 'gone' was deleted.")
            : null!;
        var session = new BoardSession(live, new MemoryPendingStore(), "b-test");
        var rejected = new List<EditResult>();
        session.Rejected += rejected.Add;
        await session.StartAsync();

        await session.ApplyAsync([new(ChangeType.Create, "gone", Note("gone", "x"))]);
        await session.ApplyAsync([new(ChangeType.Create, "kept", Note("kept", "y"))]);

        Assert.False(session.View.ContainsKey("gone"));
        Assert.True(session.View.ContainsKey("kept"));
        Assert.Equal(ErrorCodes.ElementDeleted, Assert.Single(rejected).ErrorCode);
        Assert.Equal(SyncState.Saved, session.Sync);
    }

    [Fact]
    public async Task Presence_of_others_is_tracked_and_their_leaving_removes_them()
    {
        var live = new FakeLiveConnection();
        live.SetState(LiveState.Connected);
        var session = new BoardSession(live, new MemoryPendingStore(), "b-test");
        await session.StartAsync();

        live.RaisePresence("b-test", new Participant("ivan-tab", "demo:ivan", "ivan", "#e6194b", 10, 20, ["n1"]));
        live.RaisePresence("other-board", new Participant("x", "demo:x", "x", "#000000", 1, 1, []));

        var ivan = Assert.Single(session.Participants);
        Assert.Equal((10d, 20d), (ivan.CursorX!.Value, ivan.CursorY!.Value));
        live.RaiseLeft("b-test", "ivan-tab");
        Assert.Empty(session.Participants);
    }
}
