namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>Workshop facilitation on each storage backend: facilitator locks enforced by the board, attendance, hands, summons and step frames.</summary>
public abstract class SessionFacilitationTests(ManualClockClusterFixture fixture)
{
    private static readonly Actor Maria = new("u-maria", "Maria", "sofia");
    private static readonly Actor Elena = new("u-elena", "Elena", "sofia");
    private static readonly Actor Ivan = new("u-ivan", "Ivan", "sofia");
    private static readonly Actor Giulia = new("u-giulia", "Giulia", "torino");
    private static readonly Actor Stefan = new("u-stefan", "Stefan", "sofia");

    private ManualClock Clock => fixture.Clock;

    private sealed record Workshop(string LabId, IBoardGrain Board, ISessionGrain Session);

    private long seq;

    /// <summary>
    /// A private lab (Elena moderates, Ivan is a member, Giulia observes) with a board holding a frame "f" (0,0 400×400)
    /// with note "inside" in it, a note "outside" at 1000,0, and a workshop of two steps, the second on the frame.
    /// </summary>
    private async Task<Workshop> NewWorkshopAsync()
    {
        var labId = await WorkshopLabs.NewAsync(fixture.Grains);

        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        var made = await Edit(board, Elena, Create(Element("f", ElementKind.Frame, 0, 0, 400, 400)), Create(Element("inside", ElementKind.Note, 50, 50, 100, 100)), Create(Element("outside", ElementKind.Note, 1000, 0, 100, 100)));
        Assert.True(made.Ok, made.Error);

        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", "Safer streets", null, board.GetPrimaryKeyString(),
            [new("Welcome", null, 5, SessionStepKind.Present), new("Ideas", "One per note.", 10, SessionStepKind.Brainstorm, FrameId: "f")]));
        Assert.True(created.Ok, created.Message);
        return new(labId, board, session);
    }

    private static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h) =>
        new(id, kind, x, y, w, h, 0, "#fff59d", id, null, null, null, string.Empty, default, default);

    private static ElementChange Create(BoardElement e) => new(ChangeType.Create, e.Id, e);

    private static ElementChange Move(string id, double x, double y) => new(ChangeType.Update, id, Patch: new ElementPatch(X: x, Y: y));

    private Task<EditResult> Edit(IBoardGrain board, Actor who, params ElementChange[] changes) =>
        board.EditAsync(who, new BoardEdit(who.UserId + "-tab", Interlocked.Increment(ref seq), changes));

    private static async Task<Dictionary<string, BoardElement>> ElementsAsync(IBoardGrain board) =>
        (await board.ExportAsync(Elena)).Value!.Elements.ToDictionary(e => e.Id);

    [Fact]
    public async Task A_locked_frame_refuses_participants_ops_on_what_lies_in_it_and_leaves_facilitators_free()
    {
        var w = await NewWorkshopAsync();
        Assert.True((await w.Board.SetFacilitatorLocksAsync(Elena, new FacilitatorLocks(false, ["f"]))).Ok);
        Assert.Equal(["f"], (await w.Board.ViewAsync(Ivan)).Value!.Locks!.ElementIds);

        // Inside the frame: moving, deleting, adding a note and moving one in are refused, and nothing changes.
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, Move("inside", 60, 60))).ErrorCode);
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, new ElementChange(ChangeType.Delete, "inside"))).ErrorCode);
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, Create(Element("new", ElementKind.Note, 100, 100, 50, 50)))).ErrorCode);
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, Move("outside", 200, 200))).ErrorCode);

        // One op touching a locked and a free element is refused whole.
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, Move("outside", 1100, 0), Move("inside", 70, 70))).ErrorCode);
        var unchanged = await ElementsAsync(w.Board);
        Assert.Equal((50d, 50d), (unchanged["inside"].X, unchanged["inside"].Y));
        Assert.Equal((1000d, 0d), (unchanged["outside"].X, unchanged["outside"].Y));
        Assert.DoesNotContain("new", unchanged.Keys);

        // Outside it, participants go on; the facilitator is not locked out anywhere.
        Assert.True((await Edit(w.Board, Ivan, Move("outside", 1200, 0))).Ok);
        Assert.True((await Edit(w.Board, Elena, Move("inside", 80, 80))).Ok);
        Assert.Equal(80, (await ElementsAsync(w.Board))["inside"].X);

        // Unlocked: the participant may again.
        Assert.True((await w.Board.SetFacilitatorLocksAsync(Elena, FacilitatorLocks.None)).Ok);
        Assert.True((await Edit(w.Board, Ivan, Move("inside", 90, 90))).Ok);
    }

    [Fact]
    public async Task A_locked_board_refuses_every_participant_op_including_undo_and_survives_a_reactivation()
    {
        var w = await NewWorkshopAsync();
        var mine = await Edit(w.Board, Ivan, Create(Element("ivan-note", ElementKind.Note, 2000, 0, 100, 100)));
        Assert.True(mine.Ok, mine.Error);
        Assert.True((await w.Board.SetFacilitatorLocksAsync(Elena, new FacilitatorLocks(true, []))).Ok);

        // Undoing one's own note would delete it: refused like any other op (the undo history is in memory, so before a reactivation).
        Assert.Equal(ErrorCodes.ElementLocked, (await w.Board.UndoAsync(Ivan, Ivan.UserId + "-tab", Interlocked.Increment(ref seq))).ErrorCode);
        await fixture.Cluster.DeactivateAsync(w.Board);

        Assert.True((await w.Board.ViewAsync(Ivan)).Value!.Locks!.Board);
        Assert.Equal(ErrorCodes.ElementLocked, (await Edit(w.Board, Ivan, Create(Element("late", ElementKind.Note, 3000, 0, 10, 10)))).ErrorCode);
        Assert.Contains("ivan-note", (await ElementsAsync(w.Board)).Keys);
        Assert.True((await Edit(w.Board, Elena, Create(Element("elena-note", ElementKind.Note, 3000, 0, 10, 10)))).Ok);
    }

    [Fact]
    public async Task Only_moderators_lock_and_locks_name_elements_the_board_has()
    {
        var w = await NewWorkshopAsync();
        Assert.Equal(ErrorCodes.Forbidden, (await w.Board.SetFacilitatorLocksAsync(Ivan, new FacilitatorLocks(true, []))).ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, (await w.Board.SetFacilitatorLocksAsync(Giulia, new FacilitatorLocks(true, []))).ErrorCode);
        Assert.Equal(ErrorCodes.NoSuchBoard, (await w.Board.SetFacilitatorLocksAsync(Stefan, new FacilitatorLocks(true, []))).ErrorCode);
        Assert.Equal(ErrorCodes.UnknownElement, (await w.Board.SetFacilitatorLocksAsync(Elena, new FacilitatorLocks(false, ["no-such"]))).ErrorCode);
        Assert.Null((await w.Board.ViewAsync(Ivan)).Value!.Locks);
        Assert.True((await Edit(w.Board, Ivan, Move("inside", 60, 60))).Ok);
    }

    [Fact]
    public async Task Attendance_keeps_who_came_and_left_when_for_how_long_and_in_which_role()
    {
        var w = await NewWorkshopAsync();
        var joined = await w.Session.AttendAsync(Ivan, w.LabId, "c-ivan-1");
        Assert.True(joined.Ok, joined.Message);
        Assert.True((await w.Session.AttendAsync(Ivan, w.LabId, "c-ivan-2")).Ok); // a second tab: still one person
        Assert.True((await w.Session.AttendAsync(Giulia, w.LabId, "c-giulia")).Ok);
        Assert.True((await w.Session.AttendAsync(Elena, w.LabId, "c-elena")).Ok);
        Assert.Equal(SessionPhase.Scheduled, joined.Value!.Session.Phase);

        var presence = (await w.Session.PresenceAsync(Ivan, w.LabId)).Value!;
        Assert.Equal(3, presence.Present);
        Assert.Equal(AttendanceRole.Observer, presence.People.Single(p => p.UserId == Giulia.UserId).Role);
        Assert.Equal(AttendanceRole.Participant, presence.People.Single(p => p.UserId == Ivan.UserId).Role);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await w.Session.LeaveWorkshopAsync("c-ivan-1");
        Assert.Equal(3, (await w.Session.PresenceAsync(Ivan, w.LabId)).Value!.Present); // the other tab is still there
        await w.Session.LeaveWorkshopAsync("c-ivan-2");
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await w.Session.AttendAsync(Ivan, w.LabId, "c-ivan-3")).Ok);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var record = (await w.Session.AttendanceAsync(Elena, w.LabId)).Value!;
        var ivan = record.People.Single(p => p.UserId == Ivan.UserId);
        Assert.Equal(2, ivan.Stays.Count);
        Assert.Equal(ivan.Stays[0].JoinedAt.AddMinutes(10), ivan.Stays[0].LeftAt);
        Assert.Null(ivan.Stays[1].LeftAt);
        Assert.Equal(11 * 60, ivan.TotalSeconds);
        Assert.Equal(AttendanceRole.Observer, record.People.Single(p => p.UserId == Giulia.UserId).Role);
        Assert.Equal(3, record.Present);

        // Only moderators read it; who may not read the lab hears not-found.
        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.AttendanceAsync(Ivan, w.LabId)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.AttendanceAsync(Stefan, w.LabId)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.AttendAsync(Stefan, w.LabId, "c-stefan")).Code);

        // The record is stored: after a reactivation (a node restart) it is there, and the stays that were open are closed then.
        await fixture.Cluster.DeactivateAsync(w.Session);
        Clock.Advance(TimeSpan.FromMinutes(2));
        var again = (await w.Session.AttendanceAsync(Elena, w.LabId)).Value!;
        Assert.Equal(0, again.Present);
        Assert.Equal(2, again.People.Single(p => p.UserId == Ivan.UserId).Stays.Count);
        Assert.All(again.People.SelectMany(p => p.Stays), s => Assert.NotNull(s.LeftAt));
    }

    [Fact]
    public async Task Hands_go_up_for_people_present_and_down_by_themselves_or_a_moderator()
    {
        var w = await NewWorkshopAsync();
        Assert.Equal(ErrorCodes.Conflict, (await w.Session.SetHandAsync(Ivan, w.LabId, true)).Code);
        await w.Session.AttendAsync(Ivan, w.LabId, "c-ivan");
        await w.Session.AttendAsync(Giulia, w.LabId, "c-giulia");

        Assert.True((await w.Session.SetHandAsync(Giulia, w.LabId, true)).Ok);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var up = (await w.Session.SetHandAsync(Ivan, w.LabId, true)).Value!;
        Assert.Equal([Giulia.UserId, Ivan.UserId], up.People.Where(p => p.HandRaisedAt is not null).Select(p => p.UserId));

        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.LowerHandAsync(Ivan, w.LabId, Giulia.UserId)).Code);
        Assert.Null((await w.Session.LowerHandAsync(Elena, w.LabId, Giulia.UserId)).Value!.People.Single(p => p.UserId == Giulia.UserId).HandRaisedAt);
        Assert.Null((await w.Session.SetHandAsync(Ivan, w.LabId, false)).Value!.People.Single(p => p.UserId == Ivan.UserId).HandRaisedAt);
    }

    [Fact]
    public async Task Summons_and_reactions_reach_the_watching_nodes_and_only_moderators_summon()
    {
        var w = await NewWorkshopAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await w.Session.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(observer));

        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SummonAsync(Ivan, w.LabId, "c-ivan", new SummonRequest(SummonKind.Follow))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SummonAsync(Giulia, w.LabId, "c-giulia", new SummonRequest(SummonKind.Spotlight, ElementId: "inside"))).Code);
        Assert.Equal(ErrorCodes.Invalid, (await w.Session.SummonAsync(Elena, w.LabId, "c-elena", new SummonRequest(SummonKind.Bring))).Code);

        Assert.True((await w.Session.SummonAsync(Elena, w.LabId, "c-elena", new SummonRequest(SummonKind.Follow))).Ok);
        var follow = await observer.NextAsync<WorkshopSummoned>(_ => true);
        Assert.Equal((SummonKind.Follow, "c-elena", Elena.Name), (follow.Summon.Kind, follow.Summon.LeaderConnection, follow.Summon.ByName));
        Assert.True((await w.Session.SummonAsync(Elena, w.LabId, "c-elena", new SummonRequest(SummonKind.Bring, new BoardViewport(10, 20, 800, 600)))).Ok);
        var bring = await observer.NextAsync<WorkshopSummoned>(e => e.Summon.Kind == SummonKind.Bring);
        Assert.Equal(new BoardViewport(10, 20, 800, 600), bring.Summon.View);

        Assert.Equal(ErrorCodes.Invalid, (await w.Session.ReactAsync(Ivan, w.LabId, "<script>")).Code);
        Assert.True((await w.Session.ReactAsync(Giulia, w.LabId, FacilitationLimits.Reactions[1])).Ok);
        var reacted = await observer.NextAsync<WorkshopReacted>(_ => true);
        Assert.Equal((Giulia.Name, FacilitationLimits.Reactions[1]), (reacted.Reaction.Name, reacted.Reaction.Reaction));
    }

    [Fact]
    public async Task A_step_names_a_frame_of_the_session_board_and_nothing_else()
    {
        var w = await NewWorkshopAsync();
        var view = (await w.Session.ViewAsync(Ivan, w.LabId)).Value!;
        Assert.Equal([null, "f"], view.Steps.Select(s => s.FrameId));

        var notAFrame = await w.Session.UpdateAsync(Elena, w.LabId, new CreateSessionRequest("Lyulin workshop", null, null, w.Board.GetPrimaryKeyString(),
            [new("Ideas", null, 10, SessionStepKind.Brainstorm, FrameId: "inside")]));
        Assert.Equal(ErrorCodes.Invalid, notAFrame.Code);
        Assert.Contains("step 1", notAFrame.Message, StringComparison.Ordinal);
        Assert.Equal("f", (await w.Session.ViewAsync(Ivan, w.LabId)).Value!.Steps[1].FrameId);
    }
}

public sealed class SessionFacilitationTestsOnEmbedded(EmbeddedManualClockFixture fixture) : SessionFacilitationTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class SessionFacilitationTestsOnAzure(AzureManualClockFixture fixture) : SessionFacilitationTests(fixture), IClassFixture<AzureManualClockFixture>;
