namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Orleans.Concurrency;

/// <summary>Milestone reminders and replication (issue 14, "progress").</summary>
public partial interface IPilotGrain
{
    /// <summary>
    /// Sends the reminders that are due as of the grain's clock: to each milestone's owner (an account),
    /// once <see cref="PilotProgressLimits.ReminderDaysBefore"/> days or fewer before the due date, and once when
    /// it becomes overdue. What was sent is stored before it is sent, so a restart never repeats one. Called by
    /// each node's sweep and after every milestone change; answers how many were sent.
    /// </summary>
    Task<int> SendRemindersAsync();

    /// <summary>
    /// Creates this (new) pilot as a replication of <paramref name="leaderPilotId"/> in <see cref="ReplicatePilotRequest.LabId"/>:
    /// the same hub, the leader's milestone plan with the same spacing from today, its indicators to adopt
    /// (definitions without values), and a "replicates" link both ways. The actor needs to read the leader's
    /// pilot and to be allowed to create a pilot in the lab; the lab's city must not be the leader's.
    /// </summary>
    Task<Outcome<PilotView>> ReplicateAsync(Actor actor, string leaderPilotId, ReplicatePilotRequest request);

    /// <summary>The plan a replication copies (readers of this pilot; not-found otherwise).</summary>
    Task<Outcome<ReplicationTemplate>> ReplicationTemplateAsync(Actor actor);

    /// <summary>Records that <paramref name="replicaPilotId"/> replicates this pilot, once that pilot confirms it.</summary>
    Task AcceptReplicationAsync(string replicaPilotId);

    /// <summary>The id of the pilot this one replicates, or null.</summary>
    /// <remarks>Interleaves: a pilot asks its leader or replications while they may be waiting on it.</remarks>
    [AlwaysInterleave]
    Task<string?> ReplicatesAsync();

    /// <summary>This pilot's progress, its leader and its replications side by side (readers; each linked pilot only if the caller may read it).</summary>
    Task<Outcome<PilotReplicationsView>> ReplicationsAsync(Actor? actor);

    /// <summary>This pilot's progress in brief, or null when <paramref name="actor"/> may not read it.</summary>
    /// <remarks>Interleaves: a pilot asks its leader or replications while they may be waiting on it.</remarks>
    [AlwaysInterleave]
    Task<PilotProgressView?> ProgressAsync(Actor? actor);
}

/// <summary>What a replication copies from the leader's pilot.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-replication-template.v1")]
public sealed record ReplicationTemplate(
    [property: Id(0)] string PilotId,
    [property: Id(1)] string CityId,
    [property: Id(2)] string HubId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Challenge,
    [property: Id(5)] IReadOnlyList<TemplateMilestone> Milestones,
    [property: Id(6)] IReadOnlyList<StoredDefinition> Indicators);

/// <summary>A milestone of a replication plan: its title and how many days after the plan's start it is due.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-template-milestone.v1")]
public sealed record TemplateMilestone([property: Id(0)] string Title, [property: Id(1)] int OffsetDays);

/// <summary>A milestone's owner account and evidence links (kept beside <see cref="StoredMilestone"/>, by milestone id).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-milestone-details.v1")]
public sealed record StoredMilestoneDetails(
    [property: Id(0)] string? OwnerId,
    [property: Id(1)] IReadOnlyList<StoredEvidence> Evidence);

/// <summary>An evidence link as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-evidence.v1")]
public sealed record StoredEvidence([property: Id(0)] string Title, [property: Id(1)] string Url);

/// <summary>Stored state of a pilot: the progress part of issue 14 (ids 80-99).</summary>
public sealed partial class PilotState
{
    /// <summary>The pilot this one replicates, if any.</summary>
    [Id(80)] public string? ReplicatesId { get; set; }

    /// <summary>Pilots that replicate this one, in the order they did.</summary>
    [Id(81)] public List<string> ReplicationIds { get; set; } = [];

    /// <summary>Reminders sent: <c>{milestoneId}:soon</c> and <c>{milestoneId}:overdue</c> (cleared for a milestone when its due date or owner changes).</summary>
    [Id(82)] public HashSet<string> RemindersSent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Owner accounts and evidence links, by milestone id.</summary>
    [Id(83)] public Dictionary<string, StoredMilestoneDetails> MilestoneDetails { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Indicators a replication plan asks this pilot to adopt (removed once adopted).</summary>
    [Id(84)] public List<StoredDefinition> PlannedIndicators { get; set; } = [];
}
