namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Realtime;

/// <summary>A pilot's page follows it live: topic <c>pilot:{id}</c>, whose watch reads the pilot as its caller (readers of the lab).</summary>
[LiveTopic(TopicNames.PilotKind)]
public partial interface IPilotGrain : ITopicGrain;

/// <summary>A watched pilot changed; watchers read it again (the event carries nothing of it but its id).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-changed.v1")]
public sealed record PilotChanged(string Topic, [property: Id(0)] string PilotId) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).PilotChanged(PilotId);
}

/// <summary>
/// A pilot of a watched ClimHub changed; dashboards read themselves again. It names only the hub, since the
/// dashboard's watchers include people who may not read that pilot.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-dashboard-changed.v1")]
public sealed record PilotDashboardChanged(string Topic, [property: Id(0)] string HubId) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).PilotDashboardChanged(HubId);
}
