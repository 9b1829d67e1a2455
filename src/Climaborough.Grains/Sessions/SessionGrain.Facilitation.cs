namespace Climaborough.Grains.Sessions;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>
/// Facilitation: attendance (stored), presence and raised hands (in memory: they describe the live room and end
/// with it), reactions and summons (relayed, never stored). Every change of who is here is one event to the
/// watching nodes, not a call per connection.
/// </summary>
public sealed partial class SessionGrain
{
    // Connections present now, by connection id; one person may have several (tabs).
    private readonly Dictionary<string, PresentPerson> present = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> hands = new(StringComparer.Ordinal);
    private long presenceVersion;
    private bool staysClosedAfterActivation;

    public async Task<Outcome<WorkshopJoin>> AttendAsync(Actor? actor, string labId, string connectionId)
    {
        var (refused, access) = await AccessOfAsync(actor, labId, LabAction.Read);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        await CloseStaysOfEarlierActivationAsync(now);
        if (actor is not null && !string.IsNullOrEmpty(connectionId) && !present.ContainsKey(connectionId))
        {
            var role = access.Moderate ? AttendanceRole.Facilitator : access.Contribute ? AttendanceRole.Participant : AttendanceRole.Observer;
            var first = !present.Values.Any(p => p.UserId == actor.UserId);
            present[connectionId] = new PresentPerson(actor.UserId, actor.Name, role, null);
            if (first)
            {
                var entry = S.Attendance.FirstOrDefault(a => a.UserId == actor.UserId);
                if (entry is null)
                {
                    entry = new StoredAttendance { UserId = actor.UserId };
                    S.Attendance.Add(entry);
                }

                entry.Name = actor.Name;
                entry.Role = role;
                entry.Stays.Add(new StoredStay { JoinedAt = now });
                await PersistAsync();
            }

            PublishPresence();
        }

        return new Outcome<WorkshopJoin>(new WorkshopJoin(View(now), Presence()));
    }

    public async Task LeaveWorkshopAsync(string connectionId)
    {
        if (connectionId is null || !present.Remove(connectionId, out var gone))
        {
            return;
        }

        if (!present.Values.Any(p => p.UserId == gone.UserId))
        {
            hands.Remove(gone.UserId);
            if (S.Attendance.FirstOrDefault(a => a.UserId == gone.UserId)?.Stays.LastOrDefault() is { LeftAt: null } stay)
            {
                stay.LeftAt = time.GetUtcNow();
                await PersistAsync();
            }
        }

        PublishPresence();
    }

    public async Task<Outcome<WorkshopPresence>> PresenceAsync(Actor? actor, string labId) =>
        await RefuseAsync(actor, labId, LabAction.Read) ?? new Outcome<WorkshopPresence>(Presence());

    public async Task<Outcome<SummonView>> SummonAsync(Actor actor, string labId, string connectionId, SummonRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (request is null || !Enum.IsDefined(request.Kind))
        {
            return new Refusal(ErrorCodes.Invalid, "kind: one of " + string.Join(", ", Enum.GetNames<SummonKind>()) + ".");
        }

        if (request.Kind == SummonKind.Bring && request.View is not { IsValid: true })
        {
            return new Refusal(ErrorCodes.Invalid, "view: bringing everyone needs the view to bring them to (finite, with a positive size).");
        }

        if (request.Kind == SummonKind.Spotlight && (request.ElementId is null || !IsElementId(request.ElementId)))
        {
            return new Refusal(ErrorCodes.Invalid, "elementId: the spotlight needs the id of an element of the board.");
        }

        if (S.Phase == SessionPhase.Ended)
        {
            return Conflict<SummonView>("This session has ended.");
        }

        var summon = new SummonView(
            Id,
            request.Kind,
            actor.UserId,
            actor.Name,
            request.Kind == SummonKind.Follow ? connectionId : null,
            request.Kind == SummonKind.Bring ? request.View : null,
            request.Kind == SummonKind.Spotlight ? request.ElementId : null,
            time.GetUtcNow());
        Watchers.Publish(new WorkshopSummoned(TopicNames.Session(Id), Id, summon));
        return new Outcome<SummonView>(summon);
    }

    public async Task<Outcome<WorkshopPresence>> SetHandAsync(Actor actor, string labId, bool raised)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Participate) is { } refused)
        {
            return refused;
        }

        if (!present.Values.Any(p => p.UserId == actor.UserId))
        {
            return Conflict<WorkshopPresence>("Join the workshop first: only people present raise a hand.");
        }

        var changed = raised ? hands.TryAdd(actor.UserId, time.GetUtcNow()) : hands.Remove(actor.UserId);
        if (changed)
        {
            PublishPresence();
        }

        return new Outcome<WorkshopPresence>(Presence());
    }

    public async Task<Outcome<WorkshopPresence>> LowerHandAsync(Actor actor, string labId, string userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (userId is not null && hands.Remove(userId))
        {
            PublishPresence();
        }

        return new Outcome<WorkshopPresence>(Presence());
    }

    public async Task<Outcome<ReactionView>> ReactAsync(Actor actor, string labId, string reaction)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Participate) is { } refused)
        {
            return refused;
        }

        if (reaction is null || !FacilitationLimits.Reactions.Contains(reaction, StringComparer.Ordinal))
        {
            return new Refusal(ErrorCodes.Invalid, "reaction: one of " + string.Join(" ", FacilitationLimits.Reactions) + ".");
        }

        var view = new ReactionView(Id, actor.UserId, actor.Name, reaction, time.GetUtcNow());
        Watchers.Publish(new WorkshopReacted(TopicNames.Session(Id), Id, view));
        return new Outcome<ReactionView>(view);
    }

    public async Task<Outcome<AttendanceRecord>> AttendanceAsync(Actor actor, string labId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        await CloseStaysOfEarlierActivationAsync(now);
        return new Outcome<AttendanceRecord>(new AttendanceRecord(Id, PresentCount, [.. S.Attendance.Select(a => new AttendanceEntry(
            a.UserId,
            a.Name,
            a.Role,
            [.. a.Stays.Select(s => new AttendanceStay(s.JoinedAt, s.LeftAt))],
            (int)a.Stays.Sum(s => ((s.LeftAt ?? now) - s.JoinedAt).TotalSeconds)))]));
    }

    private int PresentCount => present.Values.Select(p => p.UserId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>One entry per person present (their strongest role), raised hands first in the order they went up.</summary>
    private WorkshopPresence Presence() => new(
        Id,
        PresentCount,
        [.. present.Values.GroupBy(p => p.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Role).First() with { HandRaisedAt = hands.TryGetValue(g.Key, out var at) ? at : null })
            .OrderBy(p => p.HandRaisedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(p => p.Name, StringComparer.CurrentCulture)],
        presenceVersion);

    private void PublishPresence()
    {
        presenceVersion++;
        Watchers.Publish(new WorkshopPresenceChanged(TopicNames.Session(Id), Id, Presence()));
    }

    /// <summary>
    /// Who was present lives in memory: stays left open by an earlier activation (a node restart) are closed at the
    /// first call of this one; people still connected open a new stay when their client joins again after reconnecting.
    /// </summary>
    private async Task CloseStaysOfEarlierActivationAsync(DateTimeOffset now)
    {
        if (staysClosedAfterActivation)
        {
            return;
        }

        staysClosedAfterActivation = true;
        var open = S.Attendance.SelectMany(a => a.Stays).Where(s => s.LeftAt is null).ToList();
        if (open.Count > 0)
        {
            open.ForEach(s => s.LeftAt = now);
            await PersistAsync();
        }
    }

    /// <summary>Like <see cref="RefuseAsync"/>, also answering the access for the role of who joins.</summary>
    private async Task<(Refusal? Refused, LabAccess Access)> AccessOfAsync(Actor? actor, string labId, LabAction action)
    {
        var access = LabIds.IsValid(labId) ? await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor) : LabAccess.None;
        if (!access.Read || !S.Created || S.LabId != labId)
        {
            return (new Refusal(ErrorCodes.NotFound, NotFoundMessage), access);
        }

        return (access.Refuse(action, NotFoundMessage, "Running a workshop needs the moderator role in this lab."), access);
    }

    /// <summary>Each step's frame, if any, must be a frame of the session's board (read with the moderator's own access).</summary>
    private async Task<string?> FrameProblemAsync(Actor actor, CreateSessionRequest request)
    {
        var framed = request.Steps!.Select((s, i) => (s.FrameId, i)).Where(x => x.FrameId is not null).ToList();
        if (framed.Count == 0)
        {
            return null;
        }

        var export = request.BoardId is null ? null : await GrainFactory.GetGrain<Abstractions.Boards.IBoardGrain>(request.BoardId).ExportAsync(actor);
        var frames = export is { Ok: true } ? export.Value!.Elements.Where(e => e.Kind == ElementKind.Frame).Select(e => e.Id).ToHashSet(StringComparer.Ordinal) : [];
        return framed.FirstOrDefault(x => !frames.Contains(x.FrameId!)) is { FrameId: not null } bad
            ? $"steps: the frame of step {bad.i + 1} is not a frame of the session's board."
            : null;
    }

    private static bool IsElementId(string id) => id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static Outcome<T> Conflict<T>(string message) => new Refusal(ErrorCodes.Conflict, message);
}
