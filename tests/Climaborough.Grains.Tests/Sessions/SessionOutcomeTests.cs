namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>Ending a workshop keeps its record, on each storage backend, with a clock moved by hand.</summary>
public abstract class SessionOutcomeTests(ManualClockClusterFixture fixture)
{
    private ManualClock Clock => fixture.Clock;

    private sealed record Workshop(string LabId, string BoardId, ISessionGrain Session);

    /// <summary>
    /// A private lab (Elena moderates, Ivan is a member, Giulia observes) with a board: a frame "Traffic" holding
    /// two notes, and two loose notes; a workshop on it: brainstorm (5 min), vote (10 min), wrap-up (5 min).
    /// </summary>
    private async Task<Workshop> NewWorkshopAsync()
    {
        var labId = await WorkshopLabs.NewAsync(fixture.Grains);

        var boardId = BoardIds.New();
        var board = fixture.Grains.GetGrain<IBoardGrain>(boardId);
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h, string text) =>
            new(id, kind, x, y, w, h, 0, "#fff59d", text, null, null, null, string.Empty, default, default);
        var edit = await board.EditAsync(Elena, new BoardEdit("elena-tab", 1,
        [
            new(ChangeType.Create, "frame", Element("frame", ElementKind.Frame, 0, 0, 1000, 600, "Traffic")),
            new(ChangeType.Create, "in1", Element("in1", ElementKind.Note, 50, 100, 180, 120, "Speed bumps")),
            new(ChangeType.Create, "in2", Element("in2", ElementKind.Note, 300, 100, 180, 120, "30 km/h zone")),
            new(ChangeType.Create, "out1", Element("out1", ElementKind.Note, 1200, 0, 180, 120, "Crossing guard")),
            new(ChangeType.Create, "out2", Element("out2", ElementKind.Note, 1400, 0, 180, 120, "Walking bus")),
        ]));
        Assert.True(edit.Ok, edit.Error);

        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", "Make the way to school safe.", null, boardId,
            [new("Ideas", null, 5, SessionStepKind.Brainstorm), new("Vote", null, 10, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]));
        Assert.True(created.Ok, created.Message);
        return new(labId, boardId, session);
    }

    private static async Task<SessionView> Do(Workshop w, SessionCommand command)
    {
        var done = await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(command));
        Assert.True(done.Ok, done.Message);
        return done.Value!;
    }

    [Fact]
    public async Task Ending_keeps_the_agenda_timings_the_votes_and_the_top_items_with_a_clusters_notes_across_a_restart()
    {
        var w = await NewWorkshopAsync();
        foreach (var (who, connection) in new[] { (Elena, "c-elena"), (Ivan, "c-ivan-1"), (Ivan, "c-ivan-2"), (Giulia, "c-giulia") })
        {
            Assert.True((await w.Session.AttendAsync(who, w.LabId, connection)).Ok); // Ivan in two tabs: one person
        }

        var t0 = Clock.GetUtcNow();
        await Do(w, SessionCommand.Start);
        Clock.Advance(TimeSpan.FromMinutes(7));
        await Do(w, SessionCommand.Next);
        var t1 = Clock.GetUtcNow();

        var vote = (await w.Session.StartVoteAsync(Elena, w.LabId, new StartVoteRequest("v1", ["frame", "out1", "out2"], 3, 2))).Value!;
        foreach (var (who, item, request) in new[] { (Ivan, "frame", "i1"), (Ivan, "frame", "i2"), (Elena, "out1", "e1"), (Elena, "out2", "e2"), (Maria, "frame", "m1") })
        {
            Assert.True((await w.Session.PlaceDotAsync(who, w.LabId, vote.Id, new DotRequest(request, item))).Ok);
        }

        Clock.Advance(TimeSpan.FromMinutes(4));
        await Do(w, SessionCommand.Skip); // closes the vote: the step is left
        var t2 = Clock.GetUtcNow();
        Assert.True((await w.Session.SetDecisionsAsync(Elena, w.LabId, new DecisionsRequest("- Ask the traffic department for a **30 km/h zone**"))).Ok);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Do(w, SessionCommand.End);
        var t3 = Clock.GetUtcNow();

        // The board changes after the end: the record keeps the cluster as it was.
        Assert.True((await fixture.Grains.GetGrain<IBoardGrain>(w.BoardId).EditAsync(Elena, new BoardEdit("elena-tab", 2,
            [new(ChangeType.Delete, "in1", null)]))).Ok);
        await fixture.Cluster.DeactivateAsync(w.Session);

        var outcome = (await w.Session.OutcomeAsync(Giulia, w.LabId)).Value!;
        Assert.True(outcome.Final);
        Assert.Equal(t3, outcome.EndedAt);
        Assert.Equal(Elena.Name, outcome.EndedBy);
        Assert.Equal("Make the way to school safe.", outcome.Purpose);
        Assert.Equal(new (DateTimeOffset, DateTimeOffset?, bool)[] { (t0, t1, false), (t1, t2, true), (t2, t3, false) }, outcome.Agenda.Select(s => (s.StartedAt!.Value, s.EndedAt, s.Skipped)));
        Assert.Equal([5, 10, 5], outcome.Agenda.Select(s => s.PlannedMinutes).ToList());

        var kept = Assert.Single(outcome.Votes);
        Assert.Equal(3, kept.Voters);
        Assert.Equal(5, kept.DotsPlaced);
        Assert.Equal("Vote", kept.StepTitle);

        // The frame won with three dots; the two loose notes tie for second with one each.
        Assert.Equal(new (int, string, int, bool)[] { (1, "Traffic", 3, false), (2, "Crossing guard", 1, true), (2, "Walking bus", 1, true) }, outcome.TopItems.Select(t => (t.Rank, t.Text, t.Dots, t.Tied)));
        Assert.Equal(ElementKind.Frame, outcome.TopItems[0].Kind);
        Assert.Equal(["Speed bumps", "30 km/h zone"], outcome.TopItems[0].Notes);
        Assert.Empty(outcome.TopItems[1].Notes);
        Assert.Contains("<strong>30 km/h zone</strong>", outcome.DecisionsHtml, StringComparison.Ordinal);
        Assert.Equal(new OutcomeAttendance(2, 1), outcome.Attendance); // Elena and Ivan took part, Giulia watched
    }

    [Fact]
    public async Task A_second_end_is_refused_and_leaves_the_one_record_as_it_was()
    {
        var w = await NewWorkshopAsync();
        await Do(w, SessionCommand.Start);
        Clock.Advance(TimeSpan.FromMinutes(3));
        await Do(w, SessionCommand.End);
        var first = (await w.Session.OutcomeAsync(Ivan, w.LabId)).Value!;

        Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.End));
        Assert.Equal(ErrorCodes.Conflict, again.Code);
        var after = (await w.Session.OutcomeAsync(Ivan, w.LabId)).Value!;
        Assert.Equal(first.EndedAt, after.EndedAt);
        Assert.Equal(first.Version, after.Version);
        Assert.Empty(after.TopItems); // no vote ran
    }

    [Fact]
    public async Task Only_moderators_type_decisions_too_long_ones_change_nothing_and_non_readers_hear_not_found()
    {
        var w = await NewWorkshopAsync();
        var before = (await w.Session.OutcomeAsync(Ivan, w.LabId)).Value!;
        Assert.False(before.Final);
        Assert.Null(before.EndedAt);

        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SetDecisionsAsync(Ivan, w.LabId, new DecisionsRequest("mine"))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SetDecisionsAsync(Giulia, w.LabId, new DecisionsRequest("mine"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.SetDecisionsAsync(Olga, w.LabId, new DecisionsRequest("mine"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.OutcomeAsync(Olga, w.LabId)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.OutcomeAsync(null, w.LabId)).Code);

        var tooLong = await w.Session.SetDecisionsAsync(Elena, w.LabId, new DecisionsRequest(new string('x', OutcomeLimits.MaxDecisionsLength + 1)));
        Assert.Equal(ErrorCodes.Invalid, tooLong.Code);
        Assert.Contains(OutcomeLimits.MaxDecisionsLength.ToString(System.Globalization.CultureInfo.InvariantCulture), tooLong.Message, StringComparison.Ordinal);
        var unchanged = (await w.Session.OutcomeAsync(Elena, w.LabId)).Value!;
        Assert.Equal(string.Empty, unchanged.Decisions);
        Assert.Equal(before.Version, unchanged.Version);
    }

    [Fact]
    public async Task A_template_makes_its_board_layout_in_the_lab_and_the_agenda_and_a_member_is_refused_before_anything_is_made()
    {
        var w = await NewWorkshopAsync();
        var layout = new BoardExport(BoardExport.FormatName, 1, "Problem tree", default, 0,
        [
            new BoardElement("roots", ElementKind.Frame, 0, 600, 1200, 400, 0, "#ffffff", "Causes", null, null, null, string.Empty, default, default),
            new BoardElement("ask", ElementKind.Note, 40, 680, 180, 120, 1, "#fff59d", "Why does it happen?", null, null, null, string.Empty, default, default),
        ]);
        var request = new SessionFromTemplateRequest(
            new CreateSessionRequest("Problem tree: school streets", "Find the roots.", null, null, [new("Causes", null, 15, SessionStepKind.Brainstorm), new("Vote", null, 5, SessionStepKind.Vote)]),
            "Problem tree: school streets",
            layout);

        var byMember = await fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New()).CreateFromTemplateAsync(Ivan, w.LabId, request);
        Assert.Equal(ErrorCodes.Forbidden, byMember.Code);
        var badAgenda = await fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New()).CreateFromTemplateAsync(Elena, w.LabId, request with { Session = request.Session with { Steps = [] } });
        Assert.Equal(ErrorCodes.Invalid, badAgenda.Code);

        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateFromTemplateAsync(Elena, w.LabId, request);
        Assert.True(created.Ok, created.Message);
        Assert.Equal(["Causes", "Vote"], created.Value!.Steps.Select(s => s.Title).ToList());
        var board = fixture.Grains.GetGrain<IBoardGrain>(created.Value.BoardId!);
        var info = (await board.ViewAsync(Ivan)).Value!;
        Assert.Equal(w.LabId, info.LabId);
        Assert.Equal("Problem tree: school streets", info.Title);

        await fixture.Cluster.DeactivateAsync(session);
        var reloaded = (await session.ViewAsync(Giulia, w.LabId)).Value!;
        Assert.Equal(created.Value.BoardId, reloaded.BoardId);
        var elements = (await board.ExportAsync(Ivan)).Value!.Elements.Where(e => !e.Deleted).ToList();
        Assert.Equal([(ElementKind.Frame, "Causes"), (ElementKind.Note, "Why does it happen?")], elements.OrderBy(e => e.Z).Select(e => (e.Kind, e.Text)).ToList());
    }
}

public sealed class SessionOutcomeTestsOnEmbedded(EmbeddedManualClockFixture fixture) : SessionOutcomeTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class SessionOutcomeTestsOnAzure(AzureManualClockFixture fixture) : SessionOutcomeTests(fixture), IClassFixture<AzureManualClockFixture>;
