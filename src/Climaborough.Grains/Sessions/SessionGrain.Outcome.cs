namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Climaborough.Grains.Text;

/// <summary>
/// A workshop's outcome. Ending it keeps, in the same write as the end, what would otherwise drift: the
/// top-voted items with their text (and, for a frame, its notes) as the board stood, and attendance. The
/// agenda's timings and the votes are already stored and no longer change once ended, so the record reads
/// them from the state. A second "end" is refused by the run-sheet, so there is one record per workshop.
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<Outcome<SessionOutcomeView>> OutcomeAsync(Actor? actor, string labId) =>
        await RefuseAsync(actor, labId, LabAction.Read) ?? new Outcome<SessionOutcomeView>(OutcomeView());

    public async Task<Outcome<SessionOutcomeView>> SetDecisionsAsync(Actor actor, string labId, DecisionsRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        var decisions = request?.Decisions ?? string.Empty;
        if (decisions.Length > OutcomeLimits.MaxDecisionsLength)
        {
            return new Refusal(ErrorCodes.Invalid, $"decisions: at most {OutcomeLimits.MaxDecisionsLength} characters.");
        }

        if (decisions != S.Decisions)
        {
            S.Decisions = decisions;
            S.DecisionsHtml = MarkdownRenderer.ToSafeHtml(decisions);
            S.Version++;
            await PersistAsync();
            Watchers.Publish(new SessionChanged(Abstractions.Realtime.TopicNames.Session(Id), Id, View(time.GetUtcNow())));
        }

        return new(OutcomeView());
    }

    /// <summary>Called by "end" before its write: keeps the record's moving parts as they are now.</summary>
    private async Task KeepOutcomeAsync(Actor actor, DateTimeOffset now)
    {
        var (participants, observers) = AttendanceForOutcome();
        S.Outcome = new StoredOutcome
        {
            EndedAt = now,
            EndedBy = actor.Name,
            TopItems = await TopItemsAsync(actor),
            Participants = participants,
            Observers = observers,
        };
    }

    /// <summary>
    /// The numbers of people who took part (facilitators and participants) and who watched (observers), from
    /// the attendance the session keeps; a person with two tabs or several stays counts once.
    /// </summary>
    private (int? Participants, int? Observers) AttendanceForOutcome()
    {
        var present = S.Attendance.Where(a => a.Stays.Count > 0).ToList();
        return (present.Count(a => a.Role != AttendanceRole.Observer), present.Count(a => a.Role == AttendanceRole.Observer));
    }

    /// <summary>
    /// The items ranked up to <see cref="OutcomeLimits.TopRanks"/> in the last closed vote that got dots, with
    /// the text each had; a frame brings the notes inside it, read from the board with the moderator's access.
    /// </summary>
    private async Task<List<StoredTopItem>> TopItemsAsync(Actor actor)
    {
        var vote = S.Votes.LastOrDefault(v => v.ClosedAt is not null && v.Dots.Values.Any(d => d.Count > 0));
        if (vote is null)
        {
            return [];
        }

        var top = Ranking(vote).Where(r => r.Dots > 0 && r.Rank <= OutcomeLimits.TopRanks).ToList();
        IReadOnlyList<BoardElement> elements = [];
        if (S.BoardId is { } boardId)
        {
            var export = await GrainFactory.GetGrain<IBoardGrain>(boardId).ExportAsync(actor);
            if (export.Ok)
            {
                elements = [.. export.Value!.Elements.Where(e => !e.Deleted)];
            }
        }

        var byId = elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
        return [.. top.Select(r =>
        {
            var element = byId.GetValueOrDefault(r.Id);
            var notes = element is { Kind: ElementKind.Frame }
                ? elements.Where(e => e.Kind is ElementKind.Note or ElementKind.Text && BoardGeometry.IsInside(e, element) && e.Text.Trim().Length > 0)
                    .OrderBy(e => e.Y).ThenBy(e => e.X)
                    .Take(OutcomeLimits.MaxClusterNotes)
                    .Select(e => e.Text.Trim())
                    .ToList()
                : [];
            return new StoredTopItem
            {
                Rank = r.Rank,
                Id = r.Id,
                Text = r.Text,
                Dots = r.Dots,
                Tied = r.Tied,
                Kind = element?.Kind ?? ElementKind.Note,
                Notes = notes,
            };
        })];
    }

    private SessionOutcomeView OutcomeView()
    {
        var kept = S.Phase == SessionPhase.Ended ? S.Outcome : null;
        return new SessionOutcomeView(
            Id,
            S.LabId,
            S.BoardId,
            S.Title,
            S.Purpose,
            S.PurposeHtml,
            kept is not null,
            S.StartedAt,
            kept?.EndedAt ?? S.EndedAt,
            kept?.EndedBy,
            [.. S.Steps.Select((s, i) => new OutcomeStepView(i, s.Title, s.Kind, (int)s.Duration.TotalMinutes, s.StartedAt, s.EndedAt, s.Skipped))],
            [.. S.Votes.Where(v => v.ClosedAt is not null).Select(v => new OutcomeVoteView(
                v.Id,
                v.StepIndex,
                v.StepIndex >= 0 && v.StepIndex < S.Steps.Count ? S.Steps[v.StepIndex].Title : string.Empty,
                v.ClosedAt!.Value,
                Voters(v),
                v.Dots.Values.Sum(d => d.Count),
                Ranking(v)))],
            [.. (kept?.TopItems ?? []).Select(t => new OutcomeTopItem(t.Rank, t.Id, t.Text, t.Dots, t.Tied, t.Kind, [.. t.Notes]))],
            kept is { Participants: { } p } ? new OutcomeAttendance(p, kept.Observers ?? 0) : null,
            S.Decisions,
            S.DecisionsHtml,
            S.Version,
            S.AsyncNotes.Count);
    }
}
