namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Climaborough.Web.Sessions;

/// <summary>Workshop mode on the board page (the workshop bar, its lobby, step, timer and tools), in English and Bulgarian.</summary>
public abstract class WorkshopBarTests(string culture) : WebTestContext(culture)
{
    private static readonly DateTimeOffset DeviceNow = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The server's clock runs an hour ahead of this device's: the countdown must not care.</summary>
    private static readonly DateTimeOffset ServerNow = DeviceNow.AddHours(1);

    protected abstract string Lobby { get; }

    protected abstract string TimeUpCue { get; }

    protected abstract string Present { get; }

    protected abstract string LockedNotice { get; }

    protected abstract string BringEveryone { get; }

    protected abstract string ObserverRole { get; }

    private static SessionView View(SessionPhase phase, int? step, long version, TimeSpan? left = null, string? frame = null) =>
        Workshop.View(phase, step, version) with
        {
            ServerNow = ServerNow,
            EndsAt = phase == SessionPhase.Running ? ServerNow + (left ?? TimeSpan.FromMinutes(5)) : null,
            Steps = [.. Workshop.View(phase, step, version).Steps.Select(s => s with { FrameId = s.Index == 1 ? frame : null })],
        };

    private static WorkshopPresence PresenceOf(long version, params PresentPerson[] people) => new("s1", people.Length, people, version);

    private IRenderedComponent<WorkshopBar> RenderBar(SessionView view, bool moderator = false, FacilitatorLocks? locks = null, Action<SummonView>? summoned = null, Action<string>? frame = null, string user = "u-ivan", LiveState state = LiveState.Connected)
    {
        Live.SetState(state);
        Live.Serve(LiveTopics.Session("l1", "s1"), view);
        Live.WorkshopJoinAnswer = new WorkshopJoin(view, PresenceOf(1, new PresentPerson("u-ivan", "Ivan", AttendanceRole.Participant, null)));
        return Render<WorkshopBar>(p => p
            .Add(b => b.LabId, "l1")
            .Add(b => b.SessionId, "s1")
            .Add(b => b.BoardId, "b1")
            .Add(b => b.UserId, user)
            .Add(b => b.CanModerate, moderator)
            .Add(b => b.CanContribute, true)
            .Add(b => b.Locks, locks)
            .Add(b => b.Now, () => DeviceNow)
            .Add(b => b.CurrentView, () => new BoardViewport(10, 20, 800, 600))
            .Add(b => b.OnSummoned, s => summoned?.Invoke(s))
            .Add(b => b.OnStepFrame, f => frame?.Invoke(f)));
    }

    [Fact]
    public async Task A_page_loaded_while_the_connection_still_says_connecting_is_counted_present()
    {
        // The real connection serves its watches before it reports "connected" (first start, restart):
        // a participant who reloads the page then must still join the workshop.
        var cut = RenderBar(View(SessionPhase.Running, 0, 2), state: LiveState.Connecting);
        await cut.InvokeAsync(Live.GoOnlineWatchesFirstAsync);

        cut.WaitForAssertion(() => Assert.Contains(string.Format(System.Globalization.CultureInfo.CurrentCulture, Present, 1), cut.Find("[data-testid=workshop-present]").TextContent, StringComparison.Ordinal));
        Assert.Contains((nameof(ILiveHub.JoinWorkshop), (object?)"s1"), Live.FacilitationCalls);
    }

    [Fact]
    public void Before_the_start_the_lobby_shows_the_purpose_and_agenda_and_the_person_is_counted_present()
    {
        var cut = RenderBar(View(SessionPhase.Scheduled, null, 1));

        cut.WaitForAssertion(() => Assert.Contains(Lobby, cut.Find("[data-testid=workshop-lobby]").TextContent, StringComparison.Ordinal));
        Assert.Contains("<strong>safe</strong>", cut.Find("[data-testid=lobby-purpose]").InnerHtml, StringComparison.Ordinal);
        Assert.Equal(["Welcome", "Ideas", "Wrap-up"], cut.FindAll("[data-testid=lobby-agenda] li span:first-child").Select(s => s.TextContent));
        Assert.Contains((nameof(ILiveHub.JoinWorkshop), (object?)"s1"), Live.FacilitationCalls);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.CurrentCulture, Present, 1), cut.Find("[data-testid=workshop-present]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=step-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=session-controls]"));
    }

    [Fact]
    public async Task The_step_shows_its_instructions_and_counts_down_from_the_servers_end_instant_with_the_clock_offset()
    {
        var cut = RenderBar(View(SessionPhase.Running, 1, 2, TimeSpan.FromSeconds(272)));

        cut.WaitForAssertion(() => Assert.Equal("4:32", cut.Find("[data-testid=countdown]").TextContent.Trim()));
        Assert.Equal("Ideas", cut.Find("[data-testid=step-banner] h2").TextContent);
        Assert.Contains("<em>per</em>", cut.Find("[data-testid=step-instructions]").InnerHtml, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=time-up-cue]"));

        // The moderator gives more time: the newer view wins, an older one arriving late is ignored.
        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", View(SessionPhase.Running, 1, 4, TimeSpan.FromSeconds(572)));
        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", View(SessionPhase.Running, 1, 3, TimeSpan.FromSeconds(10)));
        cut.WaitForAssertion(() => Assert.Equal("9:32", cut.Find("[data-testid=countdown]").TextContent.Trim()));
    }

    [Fact]
    public async Task At_zero_the_cue_is_visible_and_a_tone_plays_only_after_the_person_turned_sound_on()
    {
        var cut = RenderBar(View(SessionPhase.Running, 0, 2, TimeSpan.FromSeconds(-1)));

        cut.WaitForAssertion(() => Assert.Contains(TimeUpCue, cut.Find("[data-testid=time-up-cue]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "climaborough.chime");

        await cut.Find("[data-testid=sound-toggle]").ClickAsync(new());
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "climaborough.chime");
        Assert.Equal("true", cut.Find("[data-testid=sound-toggle]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Moderators_run_summon_and_lock_and_participants_get_hands_and_reactions_only()
    {
        var member = RenderBar(View(SessionPhase.Running, 0, 2));
        member.WaitForAssertion(() => Assert.NotNull(member.Find("[data-testid=hand]")));
        Assert.Empty(member.FindAll("[data-testid=session-controls]"));
        Assert.Empty(member.FindAll("[data-testid=summon-bring]"));
        Assert.Empty(member.FindAll("[data-testid=lock-board]"));
        await member.Find("[data-testid=hand]").ClickAsync(new());
        await member.FindAll("[data-testid=react]")[0].ClickAsync(new());
        Assert.Contains((nameof(ILiveHub.SetHand), (object?)true), Live.FacilitationCalls);
        Assert.Contains((nameof(ILiveHub.React), (object?)FacilitationLimits.Reactions[0]), Live.FacilitationCalls);
        member.Dispose();

        var moderator = RenderBar(View(SessionPhase.Running, 0, 2), moderator: true, user: "u-elena");
        moderator.WaitForAssertion(() => Assert.Equal(BringEveryone, moderator.Find("[data-testid=summon-bring]").TextContent.Trim()));
        Assert.NotNull(moderator.Find("[data-testid=cmd-next]"));
        Assert.True(moderator.Find("[data-testid=summon-spotlight]").HasAttribute("disabled"));
        await moderator.Find("[data-testid=summon-bring]").ClickAsync(new());
        await moderator.Find("[data-testid=lock-board]").ClickAsync(new());
        var summon = Assert.IsType<SummonRequest>(Live.FacilitationCalls.Last(c => c.Method == nameof(ILiveHub.Summon)).Argument);
        Assert.Equal(new BoardViewport(10, 20, 800, 600), summon.View);
        Assert.True(Assert.IsType<FacilitatorLocks>(Live.FacilitationCalls.Last(c => c.Method == nameof(ILiveHub.SetBoardLocks)).Argument).Board);
    }

    [Fact]
    public async Task A_summon_reaches_the_page_a_framed_step_shows_its_frame_and_raised_hands_are_listed_for_the_moderator_to_lower()
    {
        var summons = new List<SummonView>();
        var frames = new List<string>();
        var cut = RenderBar(View(SessionPhase.Running, 0, 2), moderator: true, user: "u-elena", summoned: summons.Add, frame: frames.Add);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=step-banner]")));

        await Live.RaiseAsync(LiveEvents.Summoned, "s1", new SummonView("s1", SummonKind.Follow, "u-maria", "Maria", "c-maria", null, null, ServerNow));
        await Live.RaiseAsync(LiveEvents.Summoned, "s1", new SummonView("s1", SummonKind.Bring, "u-elena", "Elena", null, new BoardViewport(0, 0, 10, 10), null, ServerNow));
        Assert.Equal(["c-maria"], summons.Select(s => s.LeaderConnection)); // one's own summon does not move one's own view

        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", View(SessionPhase.Running, 1, 3, frame: "f1"));
        await Live.RaiseAsync(LiveEvents.SessionChanged, "s1", View(SessionPhase.Paused, 1, 4, frame: "f1"));
        Assert.Equal(["f1"], frames); // once per step start, not on every change

        await Live.RaiseAsync(LiveEvents.WorkshopPresenceChanged, "s1", PresenceOf(5,
            new PresentPerson("u-giulia", "Giulia", AttendanceRole.Observer, ServerNow),
            new PresentPerson("u-ivan", "Ivan", AttendanceRole.Participant, null)));
        cut.WaitForAssertion(() => Assert.Contains("Giulia", cut.Find("[data-testid=workshop-hands]").TextContent, StringComparison.Ordinal));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.CurrentCulture, Present, 2), cut.Find("[data-testid=workshop-present]").TextContent, StringComparison.Ordinal);
        await cut.Find("[data-testid=lower-hand]").ClickAsync(new());
        Assert.Contains((nameof(ILiveHub.LowerHand), (object?)"u-giulia"), Live.FacilitationCalls);
    }

    [Fact]
    public void A_participant_sees_a_locked_board_as_locked_and_the_board_tools_are_disabled()
    {
        var cut = RenderBar(View(SessionPhase.Running, 0, 2), locks: new FacilitatorLocks(true, []));
        cut.WaitForAssertion(() => Assert.Contains(LockedNotice, cut.Find("[data-testid=workshop-locked]").TextContent, StringComparison.Ordinal));

        // The board's own tools follow the same rule: locked for a participant, free for a facilitator.
        var board = new BoardInfo("b1", "Lyulin map", "l1", "u-maria", false, DateTimeOffset.UnixEpoch, 1, 1, new FacilitatorLocks(true, []));
        var participant = new BoardPermissions(board, "u-ivan", LabRole.Member, true, false, false, FacilitatorLocked: true);
        var toolbar = Render<BoardToolbar>(p => p.Add(t => t.State, new BoardCommandState(participant, 0, 0, 100, false)).Add(t => t.Colour, "#fff59d"));
        Assert.True(toolbar.Find("[data-testid=tool-note]").HasAttribute("disabled"));
        Assert.Equal(ReadOnlyReason.FacilitatorLocked, participant.Reason);

        var facilitator = participant with { LabRole = LabRole.Moderator, FacilitatorLocked = false };
        toolbar.Render(p => p.Add(t => t.State, new BoardCommandState(facilitator, 0, 0, 100, false)));
        Assert.False(toolbar.Find("[data-testid=tool-note]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_moderator_reads_who_came_for_how_long_and_as_what()
    {
        var joined = ServerNow.AddMinutes(-30);
        Live.AttendanceAnswer = new AttendanceRecord("s1", 1,
        [
            new AttendanceEntry("u-giulia", "Giulia", AttendanceRole.Observer, [new AttendanceStay(joined, joined.AddMinutes(20))], 20 * 60),
            new AttendanceEntry("u-ivan", "Ivan", AttendanceRole.Participant, [new AttendanceStay(joined, null)], 30 * 60),
        ]);
        var cut = RenderBar(View(SessionPhase.Running, 0, 2), moderator: true, user: "u-elena");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=workshop-attendance]")));

        await cut.Find("[data-testid=workshop-attendance]").TriggerEventAsync("ontoggle", EventArgs.Empty);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=attendee]").Count));
        var giulia = cut.FindAll("[data-testid=attendee]")[0].TextContent;
        Assert.Contains("Giulia", giulia, StringComparison.Ordinal);
        Assert.Contains(ObserverRole, giulia, StringComparison.Ordinal);
        Assert.Contains("20", giulia, StringComparison.Ordinal);
    }

    [Fact]
    public void Locked_elements_are_drawn_as_locked_by_their_ids_only()
    {
        var cut = Render<LockedElementsStyle>(p => p.Add(s => s.Ids, ["n1", "f-2", "bad\"]{}"]));
        var css = cut.Find("[data-testid=locked-elements-style]").TextContent;
        Assert.Contains("[data-element-id=\"n1\"]", css, StringComparison.Ordinal);
        Assert.Contains("[data-element-id=\"f-2\"]", css, StringComparison.Ordinal);
        Assert.DoesNotContain("bad", css, StringComparison.Ordinal);
    }
}

public sealed class WorkshopBarTestsInEnglish() : WorkshopBarTests("en")
{
    protected override string Lobby => "Waiting for the moderator to start.";

    protected override string TimeUpCue => "Time is up for this step.";

    protected override string Present => "Present: {0}";

    protected override string LockedNotice => "The facilitator locked the board for now.";

    protected override string BringEveryone => "Bring everyone to me";

    protected override string ObserverRole => "observer";
}

public sealed class WorkshopBarTestsInBulgarian() : WorkshopBarTests("bg")
{
    protected override string Lobby => "Изчаква се модераторът да започне.";

    protected override string TimeUpCue => "Времето за тази стъпка изтече.";

    protected override string Present => "Присъстват: {0}";

    protected override string LockedNotice => "Фасилитаторът временно заключи таблото.";

    protected override string BringEveryone => "Доведи всички при мен";

    protected override string ObserverRole => "наблюдател";
}
