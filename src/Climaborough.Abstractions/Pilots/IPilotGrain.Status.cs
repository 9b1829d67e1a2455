namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

public partial interface IPilotGrain
{
    /// <summary>
    /// Overrides the status derived from the milestones with <see cref="PilotStatusRequest.Status"/> and a
    /// reason, or (status <c>null</c>) goes back to the derived one (managers). Who and when are kept.
    /// </summary>
    Task<Outcome<PilotView>> SetStatusOverrideAsync(Actor actor, PilotStatusRequest request);
}

/// <summary>A manager's status override, as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-status-override.v1")]
public sealed record StoredStatusOverride(
    [property: Id(0)] PilotStatus Status,
    [property: Id(1)] string Reason,
    [property: Id(2)] string ById,
    [property: Id(3)] string ByName,
    [property: Id(4)] DateTimeOffset At);

public sealed partial class PilotState
{
    /// <summary>The status a manager set in place of the derived one, with the reason; <c>null</c> when derived.</summary>
    [Id(70)] public StoredStatusOverride? StatusOverride { get; set; }
}
