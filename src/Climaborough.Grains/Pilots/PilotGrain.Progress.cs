namespace Climaborough.Grains.Pilots;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>Milestone owners, evidence and reminders; replication (see <see cref="IPilotGrain"/>).</summary>
public sealed partial class PilotGrain
{
    private const string Soon = ":soon";
    private const string Overdue = ":overdue";

    public async Task<int> SendRemindersAsync()
    {
        if (!S.Created)
        {
            return 0;
        }

        var today = Today;
        var toSend = new List<(StoredMilestone Milestone, string OwnerId, NotificationKind Kind)>();
        foreach (var m in S.Milestones)
        {
            if (m.Status == MilestoneStatus.Done || !S.MilestoneDetails.TryGetValue(m.Id, out var details) || details.OwnerId is not { } owner)
            {
                continue;
            }

            if (PilotRules.IsLate(m.Due, m.Status, today))
            {
                // An owner who first hears of a milestone once it is overdue is told that, not also that it is due soon.
                S.RemindersSent.Add(m.Id + Soon);
                if (S.RemindersSent.Add(m.Id + Overdue))
                {
                    toSend.Add((m, owner, NotificationKind.MilestoneOverdue));
                }
            }
            else if (m.Due.DayNumber - today.DayNumber <= PilotProgressLimits.ReminderDaysBefore && S.RemindersSent.Add(m.Id + Soon))
            {
                toSend.Add((m, owner, NotificationKind.MilestoneDueSoon));
            }
        }

        if (toSend.Count == 0)
        {
            return 0;
        }

        // Stored before sending: a crash in between loses a reminder rather than repeating one after the restart.
        await state.WriteStateAsync();
        foreach (var (m, owner, kind) in toSend)
        {
            await GrainFactory.GetGrain<INotificationGrain>(owner).NotifyAsync(kind, S.Title, m.Title, m.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "/pilots/" + Id);
        }

        return toSend.Count;
    }

    public async Task<Outcome<PilotView>> ReplicateAsync(Actor actor, string leaderPilotId, ReplicatePilotRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This pilot exists already.");
        }

        if (!PilotIds.IsValid(leaderPilotId) || leaderPilotId == Id)
        {
            return new Refusal(ErrorCodes.NotFound, $"There is no pilot '{leaderPilotId}'.");
        }

        var leader = GrainFactory.GetGrain<IPilotGrain>(leaderPilotId);
        var template = await leader.ReplicationTemplateAsync(actor);
        if (template.Refusal is { } refused)
        {
            return refused;
        }

        var t = template.Value!;
        if (request is null || !LabIds.IsValid(request.LabId))
        {
            return new Refusal(ErrorCodes.NotFound, "There is no such lab.");
        }

        var summary = await GrainFactory.GetGrain<ILabGrain>(request.LabId).SummaryAsync(actor);
        if (summary is not null && summary.CityId == t.CityId)
        {
            return new Refusal(ErrorCodes.Conflict, "labId: a replication is another city's pilot; this lab belongs to the leader pilot's city.");
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? t.Title : request.Title;
        var created = await CreateAsync(actor, new CreatePilotRequest(request.LabId, t.HubId, title, t.Challenge, PilotStage.CoCreate));
        if (!created.Ok)
        {
            return created;
        }

        // The plan keeps the leader's spacing, counted from today; the replicating coordinator owns it until they hand milestones over.
        var now = time.GetUtcNow();
        var start = Today;
        foreach (var m in t.Milestones.Take(PilotLimits.MaxMilestones))
        {
            var due = start.AddDays(Math.Clamp(m.OffsetDays, 0, PilotLimits.MaxDate.DayNumber - start.DayNumber));
            var milestone = new StoredMilestone(NextId("m"), m.Title, due, actor.Name, MilestoneStatus.Planned, now, actor.UserId);
            S.Milestones.Add(milestone);
            S.MilestoneDetails[milestone.Id] = new StoredMilestoneDetails(actor.UserId, []);
        }

        S.PlannedIndicators = [.. t.Indicators];
        S.ReplicatesId = leaderPilotId;
        await SaveAsync(now);
        await leader.AcceptReplicationAsync(Id);
        await SendRemindersAsync();
        return await ViewAsync(actor);
    }

    public async Task<Outcome<ReplicationTemplate>> ReplicationTemplateAsync(Actor actor)
    {
        if ((await CheckAsync(actor, Need.Read)).Refused is { } refused)
        {
            return refused;
        }

        var created = DateOnly.FromDateTime(S.CreatedAt.UtcDateTime);
        var start = S.Milestones.Count > 0 && S.Milestones.Min(m => m.Due) < created ? S.Milestones.Min(m => m.Due) : created;
        return new Outcome<ReplicationTemplate>(new ReplicationTemplate(
            Id,
            S.CityId,
            S.HubId,
            S.Title,
            S.Challenge,
            [.. S.Milestones.OrderBy(m => m.Due).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => new TemplateMilestone(m.Title, m.Due.DayNumber - start.DayNumber))],
            [.. S.Indicators.Select(i => i.Definition)]));
    }

    public async Task AcceptReplicationAsync(string replicaPilotId)
    {
        if (!S.Created || !PilotIds.IsValid(replicaPilotId) || S.ReplicationIds.Contains(replicaPilotId) || S.ReplicationIds.Count >= PilotProgressLimits.MaxReplications)
        {
            return;
        }

        // Only a pilot that says it replicates this one is listed.
        if (await GrainFactory.GetGrain<IPilotGrain>(replicaPilotId).ReplicatesAsync() != Id)
        {
            return;
        }

        S.ReplicationIds.Add(replicaPilotId);
        await state.WriteStateAsync();
        Watchers.Publish(new PilotChanged(Abstractions.Realtime.TopicNames.Pilot(Id), Id)); // the leader's page lists it
    }

    public Task<string?> ReplicatesAsync() => Task.FromResult(S.Created ? S.ReplicatesId : null);

    public async Task<Outcome<PilotReplicationsView>> ReplicationsAsync(Actor? actor)
    {
        if ((await CheckAsync(actor, Need.Read)).Refused is { } refused)
        {
            return refused;
        }

        var leader = S.ReplicatesId is { } leaderId ? GrainFactory.GetGrain<IPilotGrain>(leaderId).ProgressAsync(actor) : Task.FromResult<PilotProgressView?>(null);
        var replications = await Task.WhenAll(S.ReplicationIds.Select(id => GrainFactory.GetGrain<IPilotGrain>(id).ProgressAsync(actor)));
        var adopted = S.Indicators.Select(i => i.IndicatorId).ToHashSet(StringComparer.Ordinal);
        return new Outcome<PilotReplicationsView>(new PilotReplicationsView(
            Progress(),
            await leader,
            [.. replications.OfType<PilotProgressView>()],
            [.. S.PlannedIndicators.Where(d => !adopted.Contains(d.Id)).Select(IndicatorCatalogueGrain.ToView)]));
    }

    public async Task<PilotProgressView?> ProgressAsync(Actor? actor) =>
        (await CheckAsync(actor, Need.Read)).Refused is null ? Progress() : null;

    private PilotProgressView Progress()
    {
        var today = Today;
        return new PilotProgressView(
            Summary(today),
            S.Milestones.Count(m => m.Status == MilestoneStatus.Done),
            S.Milestones.Count,
            [.. S.Indicators.Select(i =>
            {
                var latest = i.Measurements.OrderBy(m => m.Date).ThenBy(m => m.EnteredAt).LastOrDefault();
                return new IndicatorProgressView(i.IndicatorId, i.Definition.Name, i.Definition.Unit, latest is null ? null : new IndicatorPoint(latest.Value, latest.Date), latest is null ? null : PilotRules.Progress(i.BaselineValue, i.TargetValue, latest.Value));
            })]);
    }

    /// <summary>
    /// Checks a milestone's owner account and evidence links, adding <c>field: reason</c> lines to <paramref name="errors"/>:
    /// the owner must be a member of the pilot's lab (asked as <paramref name="actor"/>, who contributes). Answers the
    /// details to store and the owner's name as the lab knows them (null: keep the typed name).
    /// </summary>
    private async Task<(StoredMilestoneDetails Details, string? OwnerName)> CheckDetailsAsync(Actor actor, MilestoneRequest? request, StoredMilestoneDetails? existing, List<string> errors)
    {
        string? ownerName = null;
        string? ownerId = null;
        if (request?.OwnerId is { Length: > 0 } id)
        {
            var lab = await GrainFactory.GetGrain<ILabGrain>(S.LabId).ViewAsync(actor);
            var member = lab.Value?.Members.FirstOrDefault(m => m.UserId == id);
            if (member is null)
            {
                errors.Add("ownerId: a member of the pilot's lab.");
            }
            else
            {
                (ownerId, ownerName) = (member.UserId, member.Name);
            }
        }

        var evidence = existing?.Evidence ?? [];
        if (request?.Evidence is { } links)
        {
            if (links.Count > PilotProgressLimits.MaxEvidence)
            {
                errors.Add($"evidence: at most {PilotProgressLimits.MaxEvidence} links.");
            }

            for (var i = 0; i < links.Count && i < PilotProgressLimits.MaxEvidence; i++)
            {
                CheckText(errors, $"evidence[{i}].title", links[i]?.Title, PilotLimits.MaxShortText, required: true);
                if (!PilotProgressLimits.IsEvidenceUrl(links[i]?.Url?.Trim()))
                {
                    errors.Add($"evidence[{i}].url: an http(s) address or an app path such as /labs/… (at most {PilotProgressLimits.MaxUrlLength} characters).");
                }
            }

            evidence = [.. links.Where(l => l is not null).Select(l => new StoredEvidence(l.Title?.Trim() ?? string.Empty, l.Url?.Trim() ?? string.Empty))];
        }

        return (new StoredMilestoneDetails(ownerId, evidence), ownerName);
    }

    private MilestoneView WithDetails(MilestoneView view) =>
        S.MilestoneDetails.TryGetValue(view.Id, out var d)
            ? view with { OwnerId = d.OwnerId, Evidence = [.. d.Evidence.Select(e => new EvidenceLink(e.Title, e.Url))], Attachments = AttachmentsOf(view.Id) }
            : view with { Evidence = [], Attachments = AttachmentsOf(view.Id) };
}
