namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// One pilot: a city's experiment in a ClimHub, kept in one of its living labs. Every method takes the
/// acting person as the server authenticated them and asks the pilot's lab once
/// (<see cref="ILabGrain.AccessAsync"/>) before anything else: who may not read the lab gets exactly
/// the answer for a pilot that does not exist. Readers see it; contributors add milestones and
/// measurements; the lab's moderators and the city's coordinators manage it (stage, indicators).
/// </summary>
public partial interface IPilotGrain : IGrainWithStringKey
{
    /// <summary>Creates the pilot in <see cref="CreatePilotRequest.LabId"/> (the lab's moderators or a coordinator of the lab's city).</summary>
    Task<Outcome<PilotView>> CreateAsync(Actor actor, CreatePilotRequest request);

    /// <summary>The pilot as <paramref name="actor"/> may see it.</summary>
    Task<Outcome<PilotView>> ViewAsync(Actor? actor);

    /// <summary>Moves the pilot along the five-step method (managers).</summary>
    Task<Outcome<PilotView>> SetStageAsync(Actor actor, PilotStage stage);

    /// <summary>Adds a milestone (contributors).</summary>
    Task<Outcome<MilestoneView>> AddMilestoneAsync(Actor actor, MilestoneRequest request);

    /// <summary>Changes a milestone (contributors), e.g. to mark it done.</summary>
    Task<Outcome<MilestoneView>> UpdateMilestoneAsync(Actor actor, string milestoneId, MilestoneRequest request);

    /// <summary>Adopts a catalogue indicator with a baseline and a target (managers).</summary>
    Task<Outcome<PilotIndicatorView>> AdoptIndicatorAsync(Actor actor, AdoptIndicatorRequest request);

    /// <summary>Adds a measurement to an adopted indicator (contributors).</summary>
    Task<Outcome<MeasurementView>> AddMeasurementAsync(Actor actor, string indicatorId, MeasurementRequest request);

    /// <summary>
    /// Reads a CSV of measurements for an adopted indicator (contributors) and checks each row with the
    /// rules of <see cref="AddMeasurementAsync"/>. A dry run stores nothing and answers every row with its
    /// values or problems; otherwise all rows are stored together, or none: any bad row refuses the file
    /// with one <c>rows[N].field: reason</c> line per problem.
    /// </summary>
    Task<Outcome<MeasurementImportView>> ImportMeasurementsAsync(Actor actor, string indicatorId, string csv, bool dryRun);
}

/// <summary>
/// The pilots of one hub or one city (keys from <see cref="PilotIndexKeys"/>), so that a list reads
/// one grain instead of every pilot. Pilot grains keep it current; status is derived when read.
/// </summary>
public interface IPilotIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a pilot's entry.</summary>
    Task UpsertAsync(PilotIndexEntry entry);

    /// <summary>Every entry, with status and late milestones as of now (no access check: the caller asks each entry's lab).</summary>
    Task<IReadOnlyList<PilotSummary>> ListAsync();
}

/// <summary>The network's catalogue of indicator definitions (one activation, key <see cref="NetworkKey"/>), seeded on first use.</summary>
public interface IIndicatorCatalogueGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    public const string NetworkKey = "network";

    /// <summary>Every definition, in catalogue order.</summary>
    Task<IReadOnlyList<IndicatorDefinition>> ListAsync();

    /// <summary>One definition, or null.</summary>
    Task<IndicatorDefinition?> GetAsync(string indicatorId);
}

/// <summary>A milestone's due date and status, as an index needs them to derive a pilot's status.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.milestone-plan.v1")]
public sealed record MilestonePlan([property: Id(0)] DateOnly Due, [property: Id(1)] MilestoneStatus Status);

/// <summary>A pilot as its indices keep it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-index-entry.v1")]
public sealed record PilotIndexEntry(
    [property: Id(0)] string PilotId,
    [property: Id(1)] string LabId,
    [property: Id(2)] string CityId,
    [property: Id(3)] string HubId,
    [property: Id(4)] string Title,
    [property: Id(5)] PilotStage Stage,
    [property: Id(6)] IReadOnlyList<MilestonePlan> Milestones,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(70)] PilotStatus? StatusOverride = null);

/// <summary>Stored state of a pilot.</summary>
[GenerateSerializer, Alias("climaborough.pilot-state.v1")]
public sealed partial class PilotState
{
    /// <summary>Whether the pilot was created.</summary>
    [Id(0)] public bool Created { get; set; }

    /// <summary>The lab it lives in (its access rule).</summary>
    [Id(1)] public string LabId { get; set; } = string.Empty;

    /// <summary>The lab's city.</summary>
    [Id(2)] public string CityId { get; set; } = string.Empty;

    /// <summary>The ClimHub.</summary>
    [Id(3)] public string HubId { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    [Id(4)] public string Title { get; set; } = string.Empty;

    /// <summary>Challenge statement (Markdown).</summary>
    [Id(5)] public string Challenge { get; set; } = string.Empty;

    /// <summary>The challenge as safe HTML (rendered once when saved).</summary>
    [Id(6)] public string ChallengeHtml { get; set; } = string.Empty;

    /// <summary>Stage along the method.</summary>
    [Id(7)] public PilotStage Stage { get; set; }

    /// <summary>When each stage was entered.</summary>
    [Id(8)] public Dictionary<PilotStage, DateTimeOffset> StageHistory { get; set; } = new();

    /// <summary>Milestones, in the order added.</summary>
    [Id(9)] public List<StoredMilestone> Milestones { get; set; } = [];

    /// <summary>Adopted indicators, in the order adopted.</summary>
    [Id(10)] public List<StoredPilotIndicator> Indicators { get; set; } = [];

    /// <summary>When created.</summary>
    [Id(11)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When last changed.</summary>
    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last number handed out for milestone and measurement ids.</summary>
    [Id(13)] public int LastNumber { get; set; }
}

/// <summary>A milestone as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-milestone.v1")]
public sealed record StoredMilestone(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] string Owner,
    [property: Id(4)] MilestoneStatus Status,
    [property: Id(5)] DateTimeOffset ChangedAt,
    [property: Id(6)] string ChangedBy);

/// <summary>An adopted indicator as stored (the definition is kept as adopted, so a pilot stays readable if the catalogue changes).</summary>
[GenerateSerializer, Alias("climaborough.pilot-indicator.v1")]
public sealed class StoredPilotIndicator
{
    /// <summary>The catalogue id.</summary>
    [Id(0)] public string IndicatorId { get; set; } = string.Empty;

    /// <summary>Name, unit, direction, method and source when adopted.</summary>
    [Id(1)] public StoredDefinition Definition { get; set; } = new(string.Empty, string.Empty, string.Empty, default, string.Empty, string.Empty);

    /// <summary>Baseline value.</summary>
    [Id(2)] public double BaselineValue { get; set; }

    /// <summary>Baseline date.</summary>
    [Id(3)] public DateOnly BaselineDate { get; set; }

    /// <summary>Target value.</summary>
    [Id(4)] public double TargetValue { get; set; }

    /// <summary>Target date.</summary>
    [Id(5)] public DateOnly TargetDate { get; set; }

    /// <summary>Measurements, in the order entered.</summary>
    [Id(6)] public List<StoredMeasurement> Measurements { get; set; } = [];
}

/// <summary>An indicator definition as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.indicator-definition.v1")]
public sealed record StoredDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] IndicatorDirection Direction,
    [property: Id(4)] string Method,
    [property: Id(5)] string Source);

/// <summary>A measurement as stored, with who entered it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-measurement.v1")]
public sealed record StoredMeasurement(
    [property: Id(0)] string Id,
    [property: Id(1)] double Value,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string Source,
    [property: Id(4)] string? Note,
    [property: Id(5)] string EnteredById,
    [property: Id(6)] string EnteredBy,
    [property: Id(7)] DateTimeOffset EnteredAt);

/// <summary>Stored state of a pilot index.</summary>
[GenerateSerializer, Alias("climaborough.pilot-index-state.v1")]
public sealed class PilotIndexState
{
    /// <summary>Entries by pilot id.</summary>
    [Id(0)] public Dictionary<string, PilotIndexEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Stored state of the indicator catalogue.</summary>
[GenerateSerializer, Alias("climaborough.indicator-catalogue-state.v1")]
public sealed class IndicatorCatalogueState
{
    /// <summary>Whether the first definitions were written.</summary>
    [Id(0)] public bool Seeded { get; set; }

    /// <summary>Definitions in catalogue order.</summary>
    [Id(1)] public List<StoredDefinition> Definitions { get; set; } = [];
}

/// <summary>Keys of <see cref="IPilotIndexGrain"/>.</summary>
public static class PilotIndexKeys
{
    /// <summary>The key of a hub's index.</summary>
    public static string Hub(string hubId) => "hub:" + hubId;

    /// <summary>The key of a city's index.</summary>
    public static string City(string cityId) => "city:" + cityId;
}

/// <summary>Pilot ids.</summary>
public static class PilotIds
{
    /// <summary>A new id: <c>pl</c> and 12 hex digits.</summary>
    public static string New() => "pl" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (the same shape as lab ids).</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);
}
