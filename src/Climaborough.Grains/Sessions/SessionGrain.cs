namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Climaborough.Grains.Text;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>
/// See <see cref="ISessionGrain"/>. The timer is an end instant from <see cref="TimeProvider"/> (or the time
/// left, while paused), stored with every change: nothing ticks on the server, and a reactivation on
/// any node answers the same end instant.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    TimeProvider time,
    ILogger<SessionGrain> logger) : TopicGrain(logger), ISessionGrain
{
    private string Id => this.GetPrimaryKeyString();

    private SessionState S => state.State;

    private string NotFoundMessage => $"There is no session '{Id}'.";

    public async Task<Outcome<SessionView>> CreateAsync(Actor actor, string labId, CreateSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var lab = GrainFactory.GetGrain<ILabGrain>(labId);
        var access = await lab.AccessAsync(actor);
        if (access.Refuse(LabAction.Moderate, "There is no such lab.", "Preparing a workshop needs the moderator role in this lab.") is { } refused)
        {
            return refused;
        }

        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This session exists already.");
        }

        if (await InvalidAsync(actor, labId, request) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        var now = time.GetUtcNow();
        S.Created = true;
        S.LabId = labId;
        S.CreatedAt = now;
        S.CreatedBy = actor.Name;
        Prepare(request);
        S.Phase = SessionPhase.Scheduled;
        S.CurrentStep = -1;
        S.Version = 1;
        await state.WriteStateAsync();
        await lab.AddContentAsync(actor, new LabContent("session", Id, S.Title, now));
        return new(View(now));
    }

    public async Task<Outcome<SessionView>> UpdateAsync(Actor actor, string labId, CreateSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (S.Phase != SessionPhase.Scheduled)
        {
            return Conflict("The workshop has started: its agenda can no longer be replaced.");
        }

        if (await InvalidAsync(actor, labId, request) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        Prepare(request);
        KeepWindowSound();
        S.Version++;
        await state.WriteStateAsync();
        var now = time.GetUtcNow();
        var view = View(now);
        Watchers.Publish(new SessionChanged(Abstractions.Realtime.TopicNames.Session(Id), Id, view));
        return new(view);
    }

    /// <summary>Takes a valid request's fields (title, purpose, start, board, run-sheet).</summary>
    private void Prepare(CreateSessionRequest request)
    {
        S.BoardId = request.BoardId;
        S.Title = request.Title.Trim();
        S.Purpose = request.Purpose ?? string.Empty;
        S.PurposeHtml = MarkdownRenderer.ToSafeHtml(S.Purpose);
        S.ScheduledStart = request.ScheduledStart;
        S.Steps = [.. request.Steps!.Select(s => new StoredStep
        {
            Title = s.Title.Trim(),
            Instructions = s.Instructions ?? string.Empty,
            InstructionsHtml = MarkdownRenderer.ToSafeHtml(s.Instructions),
            Duration = TimeSpan.FromMinutes(s.DurationMinutes),
            Kind = s.Kind,
            FrameId = s.FrameId,
        })];
    }

    private async Task<string?> InvalidAsync(Actor actor, string labId, CreateSessionRequest? request)
    {
        if (Invalid(request) is { } problem)
        {
            return problem;
        }

        if (request!.BoardId is { } boardId)
        {
            // The board must be one of this lab's, and readable by the moderator.
            var board = BoardIds.IsValid(boardId) ? await GrainFactory.GetGrain<IBoardGrain>(boardId).ViewAsync(actor) : null;
            if (board is not { Ok: true } || board.Value!.LabId != labId)
            {
                return "boardId: there is no such board in this lab.";
            }
        }

        return await FrameProblemAsync(actor, request);
    }

    public async Task<Outcome<SessionView>> ViewAsync(Actor? actor, string labId) =>
        await RefuseAsync(actor, labId, LabAction.Read) ?? new Outcome<SessionView>(View(time.GetUtcNow()));

    public Task<SessionSummary?> SummaryAsync(string labId) =>
        Task.FromResult(S.Created && S.LabId == labId ? new SessionSummary(Id, S.LabId, S.Title, S.ScheduledStart, S.Phase, S.Steps.Count, S.CreatedAt, S.BoardId, WindowView(time.GetUtcNow())) : null);

    public async Task<Outcome<SessionView>> ControlAsync(Actor actor, string labId, SessionControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (request is null || !Enum.IsDefined(request.Command))
        {
            return new Refusal(ErrorCodes.Invalid, "command: one of " + string.Join(", ", Enum.GetNames<SessionCommand>()) + ".");
        }

        if (request.ExpectedStep is { } expected && expected != S.CurrentStep)
        {
            return new Refusal(ErrorCodes.Conflict, $"The session is at step {S.CurrentStep + 1} now, not {expected + 1}: nothing was changed.");
        }

        var now = time.GetUtcNow();
        await CloseIfTimeUpAsync(now);
        var wasPrivate = InPrivateStep;
        var outcome = Apply(request, now);
        if (outcome is not null)
        {
            closedNow.Clear();
            return outcome;
        }

        if (request.Command == SessionCommand.End)
        {
            await KeepOutcomeAsync(actor, now); // SessionGrain.Outcome: written with the end
        }

        S.Version++;
        await PersistAsync();
        var view = View(now);
        Watchers.Publish(new SessionChanged(Abstractions.Realtime.TopicNames.Session(Id), Id, view));
        AfterControl(now);
        await SyncPrivateRoundAsync(actor, wasPrivate);
        return new(view);
    }

    /// <summary>Changes the state in memory for one command; an outcome when refused (nothing changed).</summary>
    private Outcome<SessionView>? Apply(SessionControlRequest request, DateTimeOffset now)
    {
        if (S.Phase == SessionPhase.Ended)
        {
            return Conflict("This session has ended.");
        }

        var started = S.Phase is SessionPhase.Running or SessionPhase.Paused;
        switch (request.Command)
        {
            case SessionCommand.Start:
                if (started)
                {
                    return new(View(now)); // already started: nothing to do, and nothing is published
                }

                if (S.Steps.Count == 0)
                {
                    return Conflict("This session has no steps to run.");
                }

                S.StartedAt = now;
                Enter(0, now);
                return null;

            case SessionCommand.Next or SessionCommand.Skip:
                if (!started)
                {
                    return Conflict("Start the session first.");
                }

                if (S.CurrentStep >= S.Steps.Count - 1)
                {
                    return Conflict("This is the last step: end the session instead.");
                }

                Leave(now, skipped: request.Command == SessionCommand.Skip);
                Enter(S.CurrentStep + 1, now);
                return null;

            case SessionCommand.Previous:
                if (!started)
                {
                    return Conflict("Start the session first.");
                }

                if (S.CurrentStep <= 0)
                {
                    return Conflict("This is the first step.");
                }

                Leave(now, skipped: false);
                Enter(S.CurrentStep - 1, now);
                return null;

            case SessionCommand.Pause:
                if (!started)
                {
                    return Conflict("Start the session first.");
                }

                if (S.Phase == SessionPhase.Paused)
                {
                    return new(View(now));
                }

                S.PausedRemaining = Remaining(now);
                S.EndsAt = null;
                S.Phase = SessionPhase.Paused;
                return null;

            case SessionCommand.Resume:
                if (!started)
                {
                    return Conflict("Start the session first.");
                }

                if (S.Phase == SessionPhase.Running)
                {
                    return new(View(now));
                }

                S.EndsAt = now + (S.PausedRemaining ?? TimeSpan.Zero);
                S.PausedRemaining = null;
                S.Phase = SessionPhase.Running;
                return null;

            case SessionCommand.Extend:
                if (!started)
                {
                    return Conflict("Start the session first.");
                }

                if (request.Minutes is not (>= 1 and <= SessionLimits.MaxExtendMinutes))
                {
                    return new Refusal(ErrorCodes.Invalid, $"minutes: 1 to {SessionLimits.MaxExtendMinutes}.");
                }

                // Time that is up is not owed: more minutes count from now.
                var more = TimeSpan.FromMinutes(request.Minutes.Value);
                if (S.Phase == SessionPhase.Paused)
                {
                    S.PausedRemaining = (S.PausedRemaining ?? TimeSpan.Zero) + more;
                }
                else
                {
                    S.EndsAt = (S.EndsAt is { } end && end > now ? end : now) + more;
                }

                return null;

            case SessionCommand.End:
                if (started)
                {
                    Leave(now, skipped: false);
                }

                S.Phase = SessionPhase.Ended;
                S.EndsAt = null;
                S.PausedRemaining = null;
                S.EndedAt = now;
                return null;

            default:
                return new Refusal(ErrorCodes.Invalid, "command: unknown.");
        }
    }

    private void Enter(int index, DateTimeOffset now)
    {
        var step = S.Steps[index];
        S.CurrentStep = index;
        step.StartedAt ??= now;
        step.Skipped = false;
        S.EndsAt = now + step.Duration;
        S.PausedRemaining = null;
        S.Phase = SessionPhase.Running;
    }

    private void Leave(DateTimeOffset now, bool skipped)
    {
        CloseVoteOfStep(now);
        var step = S.Steps[S.CurrentStep];
        step.EndedAt = now;
        step.Skipped = skipped;
    }

    private TimeSpan Remaining(DateTimeOffset now) => S.EndsAt is { } end && end > now ? end - now : TimeSpan.Zero;

    private static Outcome<SessionView> Conflict(string message) => new Refusal(ErrorCodes.Conflict, message);

    /// <summary>
    /// The lab decides, before anything else: who may not read it hears exactly what a missing session
    /// answers; a session of another lab is missing too; readers who may not do <paramref name="action"/> are forbidden.
    /// </summary>
    private async Task<Refusal?> RefuseAsync(Actor? actor, string labId, LabAction action)
    {
        var access = LabIds.IsValid(labId) ? await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor) : LabAccess.None;
        if (!access.Read || !S.Created || S.LabId != labId)
        {
            return new Refusal(ErrorCodes.NotFound, NotFoundMessage);
        }

        return access.Refuse(action, NotFoundMessage, "Running a workshop needs the moderator role in this lab.");
    }

    private static string? Invalid(CreateSessionRequest? request)
    {
        if (string.IsNullOrWhiteSpace(request?.Title) || request.Title.Trim().Length > SessionLimits.MaxTitleLength)
        {
            return $"title: 1 to {SessionLimits.MaxTitleLength} characters.";
        }

        if (TextRules.HasControlCharacters(request.Title))
        {
            return "title: no control characters.";
        }

        if (request.Purpose is { Length: > SessionLimits.MaxPurposeLength })
        {
            return $"purpose: at most {SessionLimits.MaxPurposeLength} characters.";
        }

        if (request.Steps is not { Count: >= 1 and <= SessionLimits.MaxSteps })
        {
            return $"steps: 1 to {SessionLimits.MaxSteps} steps.";
        }

        for (var i = 0; i < request.Steps.Count; i++)
        {
            var step = request.Steps[i];
            if (step is null || string.IsNullOrWhiteSpace(step.Title) || step.Title.Trim().Length > SessionLimits.MaxTitleLength || TextRules.HasControlCharacters(step.Title))
            {
                return $"steps: step {i + 1} needs a title of 1 to {SessionLimits.MaxTitleLength} characters.";
            }

            if (step.Instructions is { Length: > SessionLimits.MaxInstructionsLength })
            {
                return $"steps: the instructions of step {i + 1} are at most {SessionLimits.MaxInstructionsLength} characters.";
            }

            if (step.DurationMinutes is < 1 or > SessionLimits.MaxStepMinutes)
            {
                return $"steps: step {i + 1} lasts 1 to {SessionLimits.MaxStepMinutes} minutes.";
            }

            if (!Enum.IsDefined(step.Kind))
            {
                return $"steps: the kind of step {i + 1} is one of " + string.Join(", ", Enum.GetNames<SessionStepKind>()) + ".";
            }
        }

        return null;
    }

    private SessionView View(DateTimeOffset now) => new(
        Id,
        S.LabId,
        S.BoardId,
        S.Title,
        S.Purpose,
        S.PurposeHtml,
        S.ScheduledStart,
        S.Phase,
        S.CurrentStep >= 0 ? S.CurrentStep : null,
        [.. S.Steps.Select((s, i) => new SessionStepView(i, s.Title, s.Instructions, s.InstructionsHtml, (int)s.Duration.TotalMinutes, s.Kind, s.StartedAt, s.EndedAt, s.Skipped, s.FrameId))],
        S.Phase == SessionPhase.Running ? S.EndsAt : null,
        S.Phase == SessionPhase.Paused ? (int)Math.Ceiling((S.PausedRemaining ?? TimeSpan.Zero).TotalSeconds) : null,
        now,
        S.CreatedAt,
        S.CreatedBy,
        S.StartedAt,
        S.EndedAt,
        S.Version,
        S.CurrentStep >= 0 ? S.Votes.LastOrDefault(v => v.StepIndex == S.CurrentStep)?.Id : null,
        WindowView(now));
}
