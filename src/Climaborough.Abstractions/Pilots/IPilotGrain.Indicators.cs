namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>Measurement corrections, which keep every earlier version.</summary>
public partial interface IPilotGrain
{
    /// <summary>
    /// Corrects a measurement (contributors): the new value, date, source and note replace the current ones,
    /// entered by <paramref name="actor"/>, and the version replaced is kept in the measurement's history.
    /// Checked with the rules of <see cref="AddMeasurementAsync"/>; a refused correction changes nothing.
    /// </summary>
    Task<Outcome<MeasurementView>> CorrectMeasurementAsync(Actor actor, string indicatorId, string measurementId, MeasurementRequest request);
}

/// <summary>Stored state of a pilot: the parts of issue 14's indicator history (ids 60-79).</summary>
public sealed partial class PilotState
{
    /// <summary>Earlier versions of corrected measurements, by measurement id, oldest first.</summary>
    [Id(60)] public Dictionary<string, List<StoredMeasurement>> MeasurementHistory { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The dashboard's picture of the pilots of one hub (key: the hub's id), kept current by each pilot's writes,
/// so that the network dashboard reads two grains, not every pilot. Status, late milestones and progress are
/// derived when read.
/// </summary>
[Realtime.LiveTopic(Realtime.TopicNames.PilotDashboardKind)]
public interface IPilotDashboardGrain : IGrainWithStringKey, Realtime.ITopicGrain
{
    /// <summary>Adds or replaces a pilot's entry.</summary>
    Task UpsertAsync(DashboardEntry entry);

    /// <summary>Every entry as of now (no access check: the caller asks each entry's lab).</summary>
    Task<IReadOnlyList<DashboardPilot>> ListAsync();
}

/// <summary>A milestone as the dashboard keeps it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.dashboard-milestone.v1")]
public sealed record DashboardMilestoneEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] MilestoneStatus Status);

/// <summary>An adopted indicator as the dashboard keeps it: the latest measurement only.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.dashboard-indicator.v1")]
public sealed record DashboardIndicatorEntry(
    [property: Id(0)] string IndicatorId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] IndicatorDirection Direction,
    [property: Id(4)] double BaselineValue,
    [property: Id(5)] DateOnly BaselineDate,
    [property: Id(6)] double TargetValue,
    [property: Id(7)] DateOnly TargetDate,
    [property: Id(8)] double? LatestValue,
    [property: Id(9)] DateOnly? LatestDate);

/// <summary>A pilot as the dashboard keeps it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.dashboard-entry.v1")]
public sealed record DashboardEntry(
    [property: Id(0)] string PilotId,
    [property: Id(1)] string LabId,
    [property: Id(2)] string CityId,
    [property: Id(3)] string HubId,
    [property: Id(4)] string Title,
    [property: Id(5)] PilotStage Stage,
    [property: Id(6)] IReadOnlyList<DashboardMilestoneEntry> Milestones,
    [property: Id(7)] IReadOnlyList<DashboardIndicatorEntry> Indicators,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(70)] PilotStatus? StatusOverride = null);

/// <summary>Stored state of a hub's dashboard.</summary>
[GenerateSerializer, Alias("climaborough.pilot-dashboard-state.v1")]
public sealed class PilotDashboardState
{
    /// <summary>Entries by pilot id.</summary>
    [Id(0)] public Dictionary<string, DashboardEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
