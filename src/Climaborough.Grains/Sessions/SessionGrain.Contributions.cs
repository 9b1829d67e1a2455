namespace Climaborough.Grains.Sessions;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>
/// Contributions without attending: the window is stored with the session and checked on the server's clock for every
/// note; the board places and marks the note (<see cref="IBoardContributionGrain"/>). A window opens only before the start
/// or after the end, and while the workshop runs live (paused included) nothing comes in through it: people are on the board.
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<Outcome<SessionView>> OpenContributionsAsync(Actor actor, string labId, ContributionWindowRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        if (request is null)
        {
            return new Refusal(ErrorCodes.Invalid, "request: the step, when it opens and when it closes.");
        }

        if (S.Phase is SessionPhase.Running or SessionPhase.Paused)
        {
            return Conflict("The workshop is running live: open a window for contributions before it starts or after it ended.");
        }

        if (S.BoardId is null)
        {
            return Conflict("This workshop has no board for the notes to go on.");
        }

        if (request.StepIndex < 0 || request.StepIndex >= S.Steps.Count)
        {
            return new Refusal(ErrorCodes.Invalid, $"stepIndex: a step of this workshop, 0 to {S.Steps.Count - 1}.");
        }

        if (S.Steps[request.StepIndex].Kind != SessionStepKind.Brainstorm)
        {
            return new Refusal(ErrorCodes.Invalid, "stepIndex: only a brainstorm step takes contributions without attending.");
        }

        if (request.ClosesAt <= request.OpensAt)
        {
            return new Refusal(ErrorCodes.Invalid, "closesAt: after opensAt.");
        }

        if (request.ClosesAt <= now)
        {
            return new Refusal(ErrorCodes.Invalid, "closesAt: in the future.");
        }

        if (request.ClosesAt - request.OpensAt > TimeSpan.FromDays(ContributionLimits.MaxWindowDays))
        {
            return new Refusal(ErrorCodes.Invalid, string.Create(CultureInfo.InvariantCulture, $"closesAt: at most {ContributionLimits.MaxWindowDays} days after opensAt."));
        }

        S.Contributions = new StoredContributionWindow { StepIndex = request.StepIndex, OpensAt = request.OpensAt, ClosesAt = request.ClosesAt, OpenedBy = actor.Name };
        return new(await ChangedAsync(now));
    }

    public async Task<Outcome<SessionView>> CloseContributionsAsync(Actor actor, string labId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        if (S.Contributions is null)
        {
            return new(View(now));
        }

        S.Contributions = null;
        return new(await ChangedAsync(now));
    }

    public async Task<Outcome<ContributionAnswer>> ContributeAsync(Actor actor, string labId, ContributeRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Contribute) is { } refused)
        {
            return refused.Code == ErrorCodes.Forbidden ? refused with { Message = "Contributing needs the member role in this lab; observers watch." } : refused;
        }

        if (request is null || string.IsNullOrEmpty(request.RequestId) || request.RequestId.Length > ContributionLimits.MaxRequestIdLength || !request.RequestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return new Refusal(ErrorCodes.Invalid, $"requestId: 1 to {ContributionLimits.MaxRequestIdLength} letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > BoardLimits.MaxTextLength)
        {
            return new Refusal(ErrorCodes.Invalid, $"text: 1 to {BoardLimits.MaxTextLength} characters.");
        }

        if (TextRules.HasControlCharacters(request.Text))
        {
            return new Refusal(ErrorCodes.Invalid, "text: no control characters.");
        }

        var now = time.GetUtcNow();
        if (ClosedProblem(now) is { } closed)
        {
            return new Refusal(ErrorCodes.ContributionsClosed, closed);
        }

        if (S.AsyncNotes.Count >= ContributionLimits.MaxNotes)
        {
            return new Refusal(ErrorCodes.LimitExceeded, $"This workshop has collected {ContributionLimits.MaxNotes} notes, as many as it takes.");
        }

        var window = S.Contributions!;
        var step = S.Steps[window.StepIndex];
        var answer = await GrainFactory.GetGrain<IBoardContributionGrain>(S.BoardId!).ContributeAsync(actor, Id, request.RequestId, request.Text.Trim(), request.Color, step.FrameId);
        if (!answer.Result.Ok || answer.ElementId is null)
        {
            var code = answer.Result.ErrorCode == ErrorCodes.NoSuchBoard ? ErrorCodes.Conflict : answer.Result.ErrorCode ?? ErrorCodes.Unavailable;
            return new Refusal(code, answer.Result.Error ?? "The board did not take the note.");
        }

        if (!S.AsyncNotes.Contains(answer.ElementId, StringComparer.Ordinal))
        {
            S.AsyncNotes.Add(answer.ElementId);
            S.Version++;
            await PersistAsync();
            Watchers.Publish(new SessionChanged(Abstractions.Realtime.TopicNames.Session(Id), Id, View(now)));
        }

        return new(new ContributionAnswer(answer.ElementId, answer.Result.Seq, answer.Result.Duplicate, WindowView(now)!));
    }

    /// <summary>Why nothing may come in through the window at <paramref name="now"/>, or null while it is open.</summary>
    private string? ClosedProblem(DateTimeOffset now)
    {
        var w = S.Contributions;
        if (w is null || S.BoardId is null || w.StepIndex >= S.Steps.Count)
        {
            return "This workshop is not open for contributions.";
        }

        if (now < w.OpensAt)
        {
            return "Contributions open at " + w.OpensAt.ToString("u", CultureInfo.InvariantCulture) + ".";
        }

        if (now >= w.ClosesAt)
        {
            return "Contributions closed at " + w.ClosesAt.ToString("u", CultureInfo.InvariantCulture) + ".";
        }

        return S.Phase is SessionPhase.Running or SessionPhase.Paused ? "The workshop is running live: add your notes on the board." : null;
    }

    /// <summary>The window as readers see it at <paramref name="now"/> (null: none).</summary>
    private ContributionWindowView? WindowView(DateTimeOffset now) =>
        S.Contributions is { } w && w.StepIndex < S.Steps.Count
            ? new ContributionWindowView(w.StepIndex, S.Steps[w.StepIndex].Title, w.OpensAt, w.ClosesAt, w.OpenedBy, ClosedProblem(now) is null, S.AsyncNotes.Count)
            : null;

    /// <summary>After an agenda was replaced: a window whose step is gone or no longer a brainstorm goes too.</summary>
    private void KeepWindowSound()
    {
        if (S.Contributions is { } w && (w.StepIndex >= S.Steps.Count || S.Steps[w.StepIndex].Kind != SessionStepKind.Brainstorm || S.BoardId is null))
        {
            S.Contributions = null;
        }
    }

    /// <summary>Stores a change of the window and tells the watchers.</summary>
    private async Task<SessionView> ChangedAsync(DateTimeOffset now)
    {
        S.Version++;
        await PersistAsync();
        var view = View(now);
        Watchers.Publish(new SessionChanged(Abstractions.Realtime.TopicNames.Session(Id), Id, view));
        return view;
    }
}
