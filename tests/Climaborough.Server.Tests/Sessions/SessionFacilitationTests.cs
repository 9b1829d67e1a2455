namespace Climaborough.Server.Tests.Sessions;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Workshop mode over a real node: Elena (moderator) locks and summons, Ivan (member) and Giulia (observer) take
/// part through their own hub connections.
/// </summary>
public sealed class SessionFacilitationTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h) =>
        new(id, kind, x, y, w, h, 0, "#fff59d", id, null, null, null, string.Empty, default, default);

    private static BoardEdit EditOf(string client, params ElementChange[] changes) => new(client + "-" + Guid.NewGuid().ToString("N")[..8], 1, changes);

    private async Task<string> NewBoardAsync()
    {
        using var maria = await lab.As("maria");
        using var board = await maria.PostAsJsonAsync($"api/labs/{lab.LabId}/boards", new CreateBoardRequest("Workshop board " + Guid.NewGuid().ToString("N")[..6]), BoardJson.Options, Ct);
        board.EnsureSuccessStatusCode();
        return (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
    }

    private async Task<SessionView> NewSessionAsync(string boardId)
    {
        using var elena = await lab.As("elena");
        using var created = await elena.PostAsJsonAsync($"api/labs/{lab.LabId}/sessions", new CreateSessionRequest("Lyulin", "Safer streets", null, boardId, [new("Ideas", null, 10, SessionStepKind.Brainstorm)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
    }

    [Fact]
    public async Task A_participants_op_on_a_locked_frame_is_refused_through_the_hub_and_an_observer_cannot_lock()
    {
        var boardId = await NewBoardAsync();
        await using var elena = lab.Hub("elena");
        await using var ivan = lab.Hub("ivan");
        await using var giulia = lab.Hub("giulia");
        var ivanHears = new ConcurrentQueue<BoardInfo>();
        ivan.On<BoardInfo>(nameof(ILiveClient.BoardChanged), ivanHears.Enqueue);
        foreach (var hub in new[] { elena, ivan, giulia })
        {
            await hub.StartAsync(Ct);
            await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L, Ct);
        }

        var made = await elena.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, EditOf("elena", new ElementChange(ChangeType.Create, "f", Element("f", ElementKind.Frame, 0, 0, 400, 400)), new ElementChange(ChangeType.Create, "n", Element("n", ElementKind.Note, 10, 10, 50, 50))), Ct);
        Assert.True(made.Ok, made.Error);

        var observerLocks = await giulia.InvokeAsync<EditResult>(nameof(ILiveHub.SetBoardLocks), boardId, new FacilitatorLocks(true, []), Ct);
        Assert.Equal(ErrorCodes.Forbidden, observerLocks.ErrorCode);
        var memberLocks = await ivan.InvokeAsync<EditResult>(nameof(ILiveHub.SetBoardLocks), boardId, new FacilitatorLocks(true, []), Ct);
        Assert.Equal(ErrorCodes.Forbidden, memberLocks.ErrorCode);

        Assert.True((await elena.InvokeAsync<EditResult>(nameof(ILiveHub.SetBoardLocks), boardId, new FacilitatorLocks(false, ["f"]), Ct)).Ok);
        await Eventually(() => ivanHears.Any(b => b.Locks?.ElementIds.Contains("f") == true));

        var refused = await ivan.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, EditOf("ivan", new ElementChange(ChangeType.Update, "n", Patch: new ElementPatch(Text: "mine now"))), Ct);
        Assert.False(refused.Ok);
        Assert.Equal(ErrorCodes.ElementLocked, refused.ErrorCode);
        var allowed = await elena.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, EditOf("elena", new ElementChange(ChangeType.Update, "n", Patch: new ElementPatch(Text: "facilitator's"))), Ct);
        Assert.True(allowed.Ok, allowed.Error);

        // A new join sees the locks and the facilitator's text, never the refused one.
        await using var again = lab.Hub("ivan");
        await again.StartAsync(Ct);
        var join = await again.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L, Ct);
        Assert.Equal(["f"], join.Board.Locks!.ElementIds);
        var texts = (join.Snapshot?.Elements ?? []).Concat(join.Ops.SelectMany(o => o.Changes).Select(c => c.Element).OfType<BoardElement>()).Select(e => e.Text)
            .Concat(join.Ops.SelectMany(o => o.Changes).Select(c => c.Patch?.Text).OfType<string>()).ToList();
        Assert.Contains("facilitator's", texts);
        Assert.DoesNotContain("mine now", texts);
    }

    [Fact]
    public async Task A_summon_reaches_every_watcher_and_an_observers_summon_is_refused()
    {
        var session = await NewSessionAsync(lab.BoardId);
        await using var elena = lab.Hub("elena");
        await using var ivan = lab.Hub("ivan");
        await using var giulia = lab.Hub("giulia");
        var ivanHears = new ConcurrentQueue<SummonView>();
        var giuliaHears = new ConcurrentQueue<SummonView>();
        ivan.On<string, SummonView>(nameof(ILiveClient.Summoned), (_, s) => ivanHears.Enqueue(s));
        giulia.On<string, SummonView>(nameof(ILiveClient.Summoned), (_, s) => giuliaHears.Enqueue(s));
        foreach (var hub in new[] { elena, ivan, giulia })
        {
            await hub.StartAsync(Ct);
            var joined = await hub.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), lab.LabId, session.Id, Ct);
            Assert.Equal(session.Id, joined.Session.Id);
        }

        var observer = await giulia.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.Summon), lab.LabId, session.Id, new SummonRequest(SummonKind.Bring, new BoardViewport(0, 0, 10, 10)), Ct);
        Assert.Equal(ErrorCodes.Forbidden, observer.ErrorCode);
        var member = await ivan.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.Summon), lab.LabId, session.Id, new SummonRequest(SummonKind.Follow), Ct);
        Assert.Equal(ErrorCodes.Forbidden, member.ErrorCode);

        Assert.True((await elena.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.Summon), lab.LabId, session.Id, new SummonRequest(SummonKind.Bring, new BoardViewport(100, 200, 800, 600)), Ct)).Ok);
        Assert.True((await elena.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.Summon), lab.LabId, session.Id, new SummonRequest(SummonKind.Follow), Ct)).Ok);
        await Eventually(() => ivanHears.Count >= 2 && giuliaHears.Count >= 2);

        // Only Elena's two, in order; the follow names her connection, which is her presence on the board.
        foreach (var heard in new[] { ivanHears, giuliaHears })
        {
            Assert.Equal([SummonKind.Bring, SummonKind.Follow], heard.Select(s => s.Kind));
            Assert.Equal(new BoardViewport(100, 200, 800, 600), heard.First().View);
            Assert.Equal(elena.ConnectionId, heard.Last().LeaderConnection);
        }
    }

    [Fact]
    public async Task Attendance_counts_who_is_present_and_a_closed_connection_leaves()
    {
        var session = await NewSessionAsync(lab.BoardId);
        await using var elena = lab.Hub("elena");
        var presence = new ConcurrentQueue<WorkshopPresence>();
        elena.On<string, WorkshopPresence>(nameof(ILiveClient.WorkshopPresenceChanged), (_, p) => presence.Enqueue(p));
        await elena.StartAsync(Ct);
        await elena.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), lab.LabId, session.Id, Ct);

        await using var ivan = lab.Hub("ivan");
        await ivan.StartAsync(Ct);
        var joined = await ivan.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), lab.LabId, session.Id, Ct);
        Assert.Equal(2, joined.Presence.Present);
        Assert.True((await ivan.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.SetHand), lab.LabId, session.Id, true, Ct)).Ok);
        await Eventually(() => presence.Any(p => p.People.Any(x => x.Name.Length > 0 && x.Role == AttendanceRole.Participant && x.HandRaisedAt is not null)));

        await ivan.StopAsync(Ct);
        await Eventually(() => presence.LastOrDefault()?.Present == 1);

        var record = await elena.InvokeAsync<AttendanceRecord?>(nameof(ILiveHub.WorkshopAttendance), lab.LabId, session.Id, Ct);
        var stays = record!.People.Single(p => p.Role == AttendanceRole.Participant).Stays;
        Assert.Single(stays);
        Assert.NotNull(stays[0].LeftAt);
        Assert.Equal(1, record.Present);

        // Ivan may not read the record; a stranger hears not-found.
        await using var ivanAgain = lab.Hub("ivan");
        await ivanAgain.StartAsync(Ct);
        Assert.Null(await ivanAgain.InvokeAsync<AttendanceRecord?>(nameof(ILiveHub.WorkshopAttendance), lab.LabId, session.Id, Ct));
        await using var olga = lab.Hub("olga");
        await olga.StartAsync(Ct);
        var stranger = await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), lab.LabId, session.Id, Ct));
        Assert.Contains(ErrorCodes.NotFound + ":", stranger.Message, StringComparison.Ordinal);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
