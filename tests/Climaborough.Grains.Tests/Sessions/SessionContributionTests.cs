namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// Contributing without attending, on each storage backend, with a clock moved by hand: a moderator opens a brainstorm
/// step for a window before the workshop; members add notes through it (marked as asynchronous, in the step's frame);
/// before the window, after it, while the workshop runs live and for observers nothing is added; the count reaches the
/// record; all of it survives a restart of the session and of the board.
/// </summary>
public abstract class SessionContributionTests(ManualClockClusterFixture fixture)
{
    private static readonly IReadOnlyList<SessionStepRequest> Agenda =
    [
        new("Welcome", null, 5, SessionStepKind.Present),
        new("Ideas for the school street", "One idea per note.", 10, SessionStepKind.Brainstorm, "ideas-frame"),
        new("Vote", null, 5, SessionStepKind.Vote),
    ];

    private ManualClock Clock => fixture.Clock;

    private sealed record Workshop(string LabId, IBoardGrain Board, ISessionGrain Session);

    /// <summary>A lab of Maria's (Elena moderates, Ivan is a member, Giulia observes), a board with the step's frame, and a workshop on it.</summary>
    private async Task<Workshop> NewWorkshopAsync()
    {
        var labId = await WorkshopLabs.NewAsync(fixture.Grains);

        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        var frame = new BoardElement("ideas-frame", ElementKind.Frame, 1000, 500, 700, 600, 0, "#ffffff", "Ideas", null, null, null, string.Empty, default, default);
        Assert.True((await board.EditAsync(Elena, new BoardEdit("c-elena-frame", 1, [new ElementChange(ChangeType.Create, frame.Id, frame)]))).Ok);
        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", null, Clock.GetUtcNow().AddDays(3), board.GetPrimaryKeyString(), Agenda));
        Assert.True(created.Ok, created.Message);
        return new Workshop(labId, board, session);
    }

    private Task<Outcome<SessionView>> OpenAsync(Workshop w, TimeSpan from, TimeSpan until, int step = 1, Actor? who = null) =>
        w.Session.OpenContributionsAsync(who ?? Elena, w.LabId, new ContributionWindowRequest(step, Clock.GetUtcNow() + from, Clock.GetUtcNow() + until));

    private static Task<Outcome<ContributionAnswer>> ContributeAsync(Workshop w, Actor who, string requestId, string text) =>
        w.Session.ContributeAsync(who, w.LabId, new ContributeRequest(requestId, text));

    private static async Task<Dictionary<string, BoardElement>> BoardAsync(Workshop w, Actor who) =>
        (await w.Board.ExportAsync(who)).Value!.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);

    [Fact]
    public async Task A_member_adds_notes_only_inside_the_window_and_they_are_marked_and_placed_in_the_steps_frame()
    {
        var w = await NewWorkshopAsync();
        var sessionId = w.Session.GetPrimaryKeyString();
        Assert.Equal(ErrorCodes.ContributionsClosed, (await ContributeAsync(w, Ivan, "r0", "Too early: no window")).Code);

        var opened = await OpenAsync(w, TimeSpan.FromHours(1), TimeSpan.FromHours(25));
        Assert.True(opened.Ok, opened.Message);
        Assert.Equal(1, opened.Value!.Contributions!.StepIndex);
        Assert.Equal("Ideas for the school street", opened.Value.Contributions.StepTitle);
        Assert.False(opened.Value.Contributions.Open);

        // Before it opens: refused, nothing on the board.
        var early = await ContributeAsync(w, Ivan, "r1", "A crossing guard at 7:30");
        Assert.Equal(ErrorCodes.ContributionsClosed, early.Code);
        Assert.Contains("open at", early.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await BoardAsync(w, Elena)).Values, e => e.Text == "A crossing guard at 7:30");

        Clock.Advance(TimeSpan.FromHours(2));
        var first = await ContributeAsync(w, Ivan, "r1", "A crossing guard at 7:30");
        Assert.True(first.Ok, first.Message);
        Assert.False(first.Value!.Duplicate);
        Assert.True(first.Value.Window.Open);
        var second = await ContributeAsync(w, Elena, "r2", "Paint the kerbs yellow");
        Assert.True(second.Ok, second.Message);

        var elements = await BoardAsync(w, Ivan);
        var note = elements[first.Value.ElementId];
        Assert.Equal("A crossing guard at 7:30", note.Text);
        Assert.Equal(ElementKind.Note, note.Kind);
        Assert.Equal(sessionId, note.AsyncSession);
        Assert.Equal(Ivan.UserId, note.AuthorId);
        Assert.Equal(Clock.GetUtcNow(), note.CreatedAt);
        var frame = elements["ideas-frame"];
        Assert.True(BoardGeometry.IsInside(note, frame), "the note lies in the step's frame");
        Assert.True(BoardGeometry.IsInside(elements[second.Value!.ElementId], frame));
        var other = elements[second.Value.ElementId];
        Assert.True(note.X + note.Width <= other.X || other.X + other.Width <= note.X || note.Y + note.Height <= other.Y || other.Y + other.Height <= note.Y, "two contributed notes do not cover each other");
        Assert.Null(elements["ideas-frame"].AsyncSession);

        // After it closed: refused, with the moment it closed.
        Clock.Advance(TimeSpan.FromHours(24));
        var late = await ContributeAsync(w, Ivan, "r3", "Too late");
        Assert.Equal(ErrorCodes.ContributionsClosed, late.Code);
        Assert.Contains("closed at", late.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await BoardAsync(w, Elena)).Values.Count(e => e.AsyncSession == sessionId));
        Assert.Equal(2, (await w.Session.OutcomeAsync(Ivan, w.LabId)).Value!.AsyncNotes);
    }

    [Fact]
    public async Task A_retry_of_the_same_request_adds_one_note_and_counts_once()
    {
        var w = await NewWorkshopAsync();
        Assert.True((await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1))).Ok);

        var first = await ContributeAsync(w, Ivan, "same", "Wider pavements");
        var again = await ContributeAsync(w, Ivan, "same", "Wider pavements");
        Assert.True(first.Ok && again.Ok, first.Message + again.Message);
        Assert.True(again.Value!.Duplicate);
        Assert.Equal(first.Value!.ElementId, again.Value.ElementId);
        Assert.Single((await BoardAsync(w, Elena)).Values, e => e.Text == "Wider pavements");
        Assert.Equal(1, again.Value.Window.Notes);

        // The same request id of someone else is their own note.
        var elena = await ContributeAsync(w, Elena, "same", "Wider pavements");
        Assert.NotEqual(first.Value.ElementId, elena.Value!.ElementId);
        Assert.Equal(2, (await w.Session.ViewAsync(Ivan, w.LabId)).Value!.Contributions!.Notes);
    }

    [Fact]
    public async Task Observers_non_members_and_a_live_workshop_add_nothing_and_only_moderators_open_a_window()
    {
        var w = await NewWorkshopAsync();
        Assert.Equal(ErrorCodes.Forbidden, (await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1), who: Ivan)).Code);
        Assert.Equal(ErrorCodes.Invalid, (await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1), step: 0)).Code); // a presentation
        Assert.Equal(ErrorCodes.Invalid, (await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1), step: 7)).Code);
        Assert.Equal(ErrorCodes.Invalid, (await OpenAsync(w, TimeSpan.FromHours(2), TimeSpan.FromHours(1))).Code);
        Assert.Equal(ErrorCodes.Invalid, (await OpenAsync(w, -TimeSpan.FromHours(2), -TimeSpan.FromHours(1))).Code);
        Assert.Equal(ErrorCodes.Invalid, (await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromDays(ContributionLimits.MaxWindowDays + 1))).Code);
        Assert.Null((await w.Session.ViewAsync(Ivan, w.LabId)).Value!.Contributions);

        Assert.True((await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(2))).Ok);
        var observer = await ContributeAsync(w, Giulia, "g1", "An observer's note");
        Assert.Equal(ErrorCodes.Forbidden, observer.Code);
        Assert.Equal(ErrorCodes.NotFound, (await ContributeAsync(w, new Actor("u-olga", "Olga", "maribor"), "o1", "A stranger's note")).Code);
        Assert.Equal(ErrorCodes.Invalid, (await ContributeAsync(w, Ivan, "bad id!", "x")).Code);
        Assert.Equal(ErrorCodes.Invalid, (await ContributeAsync(w, Ivan, "empty", "   ")).Code);

        // Live: the window takes nothing (people add notes on the board), and cannot be moved.
        Assert.True((await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.Start))).Ok);
        Assert.Equal(ErrorCodes.ContributionsClosed, (await ContributeAsync(w, Ivan, "live", "During the session")).Code);
        Assert.False((await w.Session.ViewAsync(Ivan, w.LabId)).Value!.Contributions!.Open);
        Assert.Equal(ErrorCodes.Conflict, (await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1))).Code);

        // After the end it takes notes again, until the moderator takes the window away.
        Assert.True((await w.Session.ControlAsync(Elena, w.LabId, new SessionControlRequest(SessionCommand.End))).Ok);
        Assert.True((await ContributeAsync(w, Ivan, "after", "After the session")).Ok);
        Assert.True((await w.Session.CloseContributionsAsync(Elena, w.LabId)).Ok);
        Assert.Equal(ErrorCodes.ContributionsClosed, (await ContributeAsync(w, Ivan, "after-2", "After the window went")).Code);
        var texts = (await BoardAsync(w, Elena)).Values.Select(e => e.Text).ToList();
        Assert.Contains("After the session", texts);
        Assert.DoesNotContain("An observer's note", texts);
        Assert.DoesNotContain("During the session", texts);
        Assert.DoesNotContain("After the window went", texts);
        Assert.Equal(1, (await w.Session.OutcomeAsync(Elena, w.LabId)).Value!.AsyncNotes);
    }

    [Fact]
    public async Task A_clients_edit_cannot_mark_a_note_asynchronous_and_the_mark_survives_restarts()
    {
        var w = await NewWorkshopAsync();
        var sessionId = w.Session.GetPrimaryKeyString();
        var forged = new BoardElement("forged", ElementKind.Note, 0, 0, 100, 80, 5, "#fff59d", "I pretend", null, null, null, string.Empty, default, default, AsyncSession: sessionId);
        Assert.True((await w.Board.EditAsync(Ivan, new BoardEdit("c-ivan-forge", 1, [new ElementChange(ChangeType.Create, "forged", forged)]))).Ok);
        Assert.Null((await BoardAsync(w, Elena))["forged"].AsyncSession);

        Assert.True((await OpenAsync(w, TimeSpan.Zero, TimeSpan.FromHours(1))).Ok);
        var added = await ContributeAsync(w, Ivan, "kept", "Kept across restarts");
        Assert.True(added.Ok, added.Message);
        await fixture.Cluster.DeactivateAsync(w.Board);
        await fixture.Cluster.DeactivateAsync(w.Session);

        Assert.Equal(sessionId, (await BoardAsync(w, Elena))[added.Value!.ElementId].AsyncSession);
        var view = (await w.Session.ViewAsync(Ivan, w.LabId)).Value!;
        Assert.True(view.Contributions!.Open);
        Assert.Equal(1, view.Contributions.Notes);
        var summary = await w.Session.SummaryAsync(w.LabId);
        Assert.Equal(view.Contributions.ClosesAt, summary!.Contributions!.ClosesAt);
        Assert.Equal(w.Board.GetPrimaryKeyString(), summary.BoardId);
    }
}

public sealed class SessionContributionTestsOnEmbedded(EmbeddedManualClockFixture fixture) : SessionContributionTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class SessionContributionTestsOnAzure(AzureManualClockFixture fixture) : SessionContributionTests(fixture), IClassFixture<AzureManualClockFixture>;
