namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>The session grain's run-sheet, timer and lab rules, on each storage backend, with a clock moved by hand.</summary>
public abstract class SessionGrainTests(ManualClockClusterFixture fixture)
{
    private static readonly Actor Maria = new("u-maria", "Maria", "sofia");
    private static readonly Actor Elena = new("u-elena", "Elena", "sofia");
    private static readonly Actor Ivan = new("u-ivan", "Ivan", "sofia");
    private static readonly Actor Stefan = new("u-stefan", "Stefan", "sofia");

    private static readonly IReadOnlyList<SessionStepRequest> Agenda =
    [
        new("Welcome", "Why we are here: **safer** school streets.", 5, SessionStepKind.Present),
        new("Ideas", "One idea per note.", 10, SessionStepKind.PrivateBrainstorm),
        new("Vote", null, 5, SessionStepKind.Vote),
    ];

    private ManualClock Clock => fixture.Clock;

    /// <summary>A private lab of Maria's where Elena moderates and Ivan is a member.</summary>
    private async Task<string> NewLabAsync()
    {
        var labId = LabIds.New();
        var lab = fixture.Grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Safer school streets", LabThemes.EnergyAndMobility, "Lyulin", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        return labId;
    }

    private async Task<(string LabId, ISessionGrain Session)> NewSessionAsync()
    {
        var labId = await NewLabAsync();
        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", "Make the way to school **safe**.", Clock.GetUtcNow().AddDays(1), null, Agenda));
        Assert.True(created.Ok, created.Message);
        return (labId, session);
    }

    private static async Task<SessionView> Do(ISessionGrain session, string labId, SessionCommand command, int? minutes = null, Actor? actor = null)
    {
        var outcome = await session.ControlAsync(actor ?? Elena, labId, new SessionControlRequest(command, minutes));
        Assert.True(outcome.Ok, $"{command}: {outcome.Message}");
        return outcome.Value!;
    }

    [Fact]
    public async Task A_moderator_prepares_a_session_that_the_lab_lists_and_its_readers_see_in_the_lobby()
    {
        var (labId, session) = await NewSessionAsync();

        var view = (await session.ViewAsync(Ivan, labId)).Value!;
        Assert.Equal(SessionPhase.Scheduled, view.Phase);
        Assert.Null(view.CurrentStep);
        Assert.Null(view.EndsAt);
        Assert.Equal(["Welcome", "Ideas", "Vote"], view.Steps.Select(s => s.Title));
        Assert.Equal([SessionStepKind.Present, SessionStepKind.PrivateBrainstorm, SessionStepKind.Vote], view.Steps.Select(s => s.Kind));
        Assert.Contains("<strong>safer</strong>", view.Steps[0].InstructionsHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>safe</strong>", view.PurposeHtml, StringComparison.Ordinal);
        Assert.Equal("Elena", view.CreatedBy);

        var lab = (await fixture.Grains.GetGrain<ILabGrain>(labId).ViewAsync(Ivan)).Value!;
        Assert.Contains(lab.Contents, c => c.Kind == "session" && c.Id == view.Id && c.Title == "Lyulin workshop");
        Assert.Equal(3, (await session.SummaryAsync(labId))!.StepCount);
        Assert.Null(await session.SummaryAsync(LabIds.New()));
    }

    [Fact]
    public async Task Only_moderators_create_and_run_sessions_and_who_may_not_read_hears_not_found()
    {
        var (labId, session) = await NewSessionAsync();

        var byMember = await fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New()).CreateAsync(Ivan, labId, new CreateSessionRequest("Mine", null, null, null, Agenda));
        Assert.Equal(ErrorCodes.Forbidden, byMember.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await session.ControlAsync(Ivan, labId, new SessionControlRequest(SessionCommand.Start))).Code);

        // Stefan is in no lab of this private lab: exactly what a session that does not exist answers.
        var missing = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var missingAnswer = await missing.ViewAsync(Elena, labId);
        var seenByStefan = await session.ViewAsync(Stefan, labId);
        Assert.Equal(ErrorCodes.NotFound, seenByStefan.Code);
        Assert.Equal(missingAnswer.Message!.Replace(missing.GetPrimaryKeyString(), "ID", StringComparison.Ordinal), seenByStefan.Message!.Replace(session.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.NotFound, (await session.ControlAsync(Stefan, labId, new SessionControlRequest(SessionCommand.Start))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await session.ViewAsync(null, labId)).Code);

        // Asked under another lab's id (even one Elena moderates): no such session there.
        var otherLab = await NewLabAsync();
        Assert.Equal(ErrorCodes.NotFound, (await session.ViewAsync(Elena, otherLab)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await session.ControlAsync(Elena, otherLab, new SessionControlRequest(SessionCommand.Start))).Code);
        Assert.Equal(SessionPhase.Scheduled, (await session.ViewAsync(Elena, labId)).Value!.Phase);
    }

    [Fact]
    public async Task A_moderator_replaces_the_agenda_until_the_start_and_watchers_hear_of_it()
    {
        var (labId, session) = await NewSessionAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await session.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(observer));
        var shorter = new CreateSessionRequest("Lyulin workshop (short)", null, null, null, [new("Ideas", "*Go*", 15, SessionStepKind.Brainstorm)]);

        Assert.Equal(ErrorCodes.Forbidden, (await session.UpdateAsync(Ivan, labId, shorter)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await session.UpdateAsync(Stefan, labId, shorter)).Code);
        Assert.Equal(ErrorCodes.Invalid, (await session.UpdateAsync(Elena, labId, shorter with { Steps = [] })).Code);
        var updated = await session.UpdateAsync(Maria, labId, shorter);
        Assert.True(updated.Ok, updated.Message);
        Assert.Equal(["Ideas"], updated.Value!.Steps.Select(s => s.Title));
        Assert.Equal("<p><em>Go</em></p>", updated.Value.Steps[0].InstructionsHtml.Trim());
        Assert.Equal(2, (await observer.NextAsync<SessionChanged>(_ => true)).View.Version);
        Assert.Equal("Lyulin workshop (short)", (await session.SummaryAsync(labId))!.Title);

        await Do(session, labId, SessionCommand.Start);
        Assert.Equal(ErrorCodes.Conflict, (await session.UpdateAsync(Elena, labId, shorter)).Code);
        Assert.Equal(SessionPhase.Running, (await session.ViewAsync(Ivan, labId)).Value!.Phase);
    }

    [Fact]
    public async Task Bad_run_sheets_are_refused_and_nothing_is_made()
    {
        var labId = await NewLabAsync();
        var cases = new CreateSessionRequest[]
        {
            new(" ", null, null, null, Agenda),
            new("No steps", null, null, null, []),
            new("Too long", null, null, null, [new("Forever", null, SessionLimits.MaxStepMinutes + 1, SessionStepKind.Discuss)]),
            new("Untitled step", null, null, null, [new(string.Empty, null, 5, SessionStepKind.Discuss)]),
            new("Foreign board", null, null, "bnosuchboard1", Agenda),
        };
        foreach (var request in cases)
        {
            var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
            var outcome = await session.CreateAsync(Elena, labId, request);
            Assert.True(outcome.Code == ErrorCodes.Invalid, $"{request.Title}: {outcome.Code} {outcome.Message}");
            Assert.Null(await session.SummaryAsync(labId));
        }
    }

    [Fact]
    public async Task The_run_sheet_moves_forward_back_and_skips_and_ends()
    {
        var (labId, session) = await NewSessionAsync();
        Assert.Equal(ErrorCodes.Conflict, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Next))).Code);

        var started = await Do(session, labId, SessionCommand.Start);
        Assert.Equal(SessionPhase.Running, started.Phase);
        Assert.Equal(0, started.CurrentStep);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(5), started.EndsAt);
        Assert.Equal(started.Version, (await Do(session, labId, SessionCommand.Start)).Version); // starting again changes nothing

        Clock.Advance(TimeSpan.FromMinutes(4));
        var second = await Do(session, labId, SessionCommand.Next);
        Assert.Equal(1, second.CurrentStep);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(10), second.EndsAt);
        Assert.NotNull(second.Steps[0].EndedAt);

        var back = await Do(session, labId, SessionCommand.Previous);
        Assert.Equal(0, back.CurrentStep);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(5), back.EndsAt);
        Assert.Equal(ErrorCodes.Conflict, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Previous))).Code);

        // A second "next" meant for the step that was already left changes nothing.
        Assert.Equal(1, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Next, ExpectedStep: 0))).Value!.CurrentStep);
        var twice = await session.ControlAsync(Maria, labId, new SessionControlRequest(SessionCommand.Next, ExpectedStep: 0));
        Assert.Equal(ErrorCodes.Conflict, twice.Code);

        var skipped = await Do(session, labId, SessionCommand.Skip);
        Assert.Equal(2, skipped.CurrentStep);
        Assert.True(skipped.Steps[1].Skipped);
        Assert.Equal(ErrorCodes.Conflict, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Next))).Code);

        var ended = await Do(session, labId, SessionCommand.End);
        Assert.Equal(SessionPhase.Ended, ended.Phase);
        Assert.Null(ended.EndsAt);
        Assert.Equal(Clock.GetUtcNow(), ended.EndedAt);
        Assert.Equal(ErrorCodes.Conflict, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Start))).Code);
    }

    [Fact]
    public async Task Pause_keeps_the_time_left_and_extensions_add_minutes_from_now_once_time_is_up()
    {
        var (labId, session) = await NewSessionAsync();
        await Do(session, labId, SessionCommand.Start);

        Clock.Advance(TimeSpan.FromMinutes(2));
        var paused = await Do(session, labId, SessionCommand.Pause);
        Assert.Equal(SessionPhase.Paused, paused.Phase);
        Assert.Null(paused.EndsAt);
        Assert.Equal(180, paused.PausedRemainingSeconds);

        // Time passing while paused costs the step nothing; +1 while paused adds to what is left.
        Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(240, (await Do(session, labId, SessionCommand.Extend, 1)).PausedRemainingSeconds);
        var resumed = await Do(session, labId, SessionCommand.Resume);
        Assert.Equal(SessionPhase.Running, resumed.Phase);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(4), resumed.EndsAt);

        Assert.Equal(Clock.GetUtcNow().AddMinutes(9), (await Do(session, labId, SessionCommand.Extend, 5)).EndsAt);

        // Once the time is up, more minutes count from now.
        Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(1), (await Do(session, labId, SessionCommand.Extend, 1)).EndsAt);

        Assert.Equal(ErrorCodes.Invalid, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Extend, 0))).Code);
        Assert.Equal(ErrorCodes.Invalid, (await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Extend, SessionLimits.MaxExtendMinutes + 1))).Code);
    }

    [Fact]
    public async Task A_reactivated_session_keeps_its_step_and_end_instant_and_a_paused_one_its_time_left()
    {
        var (labId, session) = await NewSessionAsync();
        await Do(session, labId, SessionCommand.Start);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var running = await Do(session, labId, SessionCommand.Next);

        await fixture.Cluster.DeactivateAsync(session);
        Clock.Advance(TimeSpan.FromMinutes(3));
        var reloaded = (await session.ViewAsync(Ivan, labId)).Value!;
        Assert.Equal(1, reloaded.CurrentStep);
        Assert.Equal(SessionPhase.Running, reloaded.Phase);
        Assert.Equal(running.EndsAt, reloaded.EndsAt);
        Assert.Equal(running.Version, reloaded.Version);
        Assert.Equal(Clock.GetUtcNow(), reloaded.ServerNow);

        var paused = await Do(session, labId, SessionCommand.Pause);
        Assert.Equal(420, paused.PausedRemainingSeconds);
        await fixture.Cluster.DeactivateAsync(session);
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(420, (await session.ViewAsync(Ivan, labId)).Value!.PausedRemainingSeconds);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(7), (await Do(session, labId, SessionCommand.Resume)).EndsAt);
    }

    [Fact]
    public async Task Watching_nodes_get_each_change_with_a_growing_version()
    {
        var (labId, session) = await NewSessionAsync();
        var observer = new Realtime.RecordingNodeObserver();
        await session.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(observer));

        var started = await Do(session, labId, SessionCommand.Start);
        var first = await observer.NextAsync<SessionChanged>(_ => true);
        var extended = await Do(session, labId, SessionCommand.Extend, 1);
        var second = await observer.NextAsync<SessionChanged>(e => e.View.Version == extended.Version);

        Assert.Equal(TopicNames.Session(session.GetPrimaryKeyString()), first.Topic);
        Assert.Equal(started.Version, first.View.Version);
        Assert.Equal(started.EndsAt, first.View.EndsAt);
        Assert.True(second.View.Version > first.View.Version);
        Assert.Equal(extended.EndsAt, second.View.EndsAt);
    }
}

public sealed class SessionGrainTestsOnEmbedded(EmbeddedManualClockFixture fixture) : SessionGrainTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class SessionGrainTestsOnAzure(AzureManualClockFixture fixture) : SessionGrainTests(fixture), IClassFixture<AzureManualClockFixture>;
