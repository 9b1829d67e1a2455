namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>The programme's five-step method, in order: where a pilot stands.</summary>
[JsonConverter(typeof(StrictEnumConverter<PilotStage>))]
public enum PilotStage
{
    /// <summary>Co-create solutions with stakeholders.</summary>
    CoCreate,

    /// <summary>Connect start-ups/SMEs and cities through public procurement of innovation.</summary>
    Procure,

    /// <summary>Deploy climate services with living-lab techniques.</summary>
    Deploy,

    /// <summary>Monitor progress to climate neutrality.</summary>
    Monitor,

    /// <summary>Mentor replication between cities.</summary>
    Replicate,
}

/// <summary>A city's part in a ClimHub.</summary>
[JsonConverter(typeof(StrictEnumConverter<HubRole>))]
public enum HubRole
{
    /// <summary>Demonstrates.</summary>
    Leader,

    /// <summary>Co-designs, challenges and replicates.</summary>
    Follower,
}

/// <summary>Where a milestone stands, as its owner says.</summary>
[JsonConverter(typeof(StrictEnumConverter<MilestoneStatus>))]
public enum MilestoneStatus
{
    /// <summary>Not started.</summary>
    Planned,

    /// <summary>Being worked on.</summary>
    InProgress,

    /// <summary>Reached.</summary>
    Done,
}

/// <summary>A pilot's status, derived from its milestones (<see cref="PilotRules.Status"/>).</summary>
[JsonConverter(typeof(StrictEnumConverter<PilotStatus>))]
public enum PilotStatus
{
    /// <summary>Nothing late, nothing due soon left unstarted.</summary>
    OnTrack,

    /// <summary>A milestone due within <see cref="PilotRules.AtRiskDays"/> days is not started yet.</summary>
    AtRisk,

    /// <summary>A milestone is past its due date and not done.</summary>
    Late,

    /// <summary>Every milestone is done.</summary>
    Done,
}

/// <summary>Which way an indicator should move.</summary>
[JsonConverter(typeof(StrictEnumConverter<IndicatorDirection>))]
public enum IndicatorDirection
{
    /// <summary>More is better (e.g. renewable energy produced).</summary>
    HigherIsBetter,

    /// <summary>Less is better (e.g. PM2.5).</summary>
    LowerIsBetter,
}

/// <summary>A city in a ClimHub; <see cref="Illustrative"/> marks a city added for the demo, not named publicly by the programme.</summary>
public sealed record HubCity(string CityId, HubRole Role, bool Illustrative);

/// <summary>One of the programme's two thematic hubs.</summary>
/// <param name="Id">The same id as the lab theme (<see cref="LabThemes"/>).</param>
/// <param name="Name">English name (the web app shows its own translation by id).</param>
/// <param name="Cities">Leader and follower cities.</param>
public sealed record ClimHub(string Id, string Name, IReadOnlyList<HubCity> Cities);

/// <summary>The two ClimHubs and their cities, as the programme describes them publicly.</summary>
public static class ClimHubs
{
    /// <summary>From waste to circularity: leaders Cascais, Ioannina, Maribor, Torino; Sofia follows.</summary>
    public static readonly ClimHub WasteToCircularity = new(
        LabThemes.WasteToCircularity,
        "From waste to circularity",
        [
            new("cascais", HubRole.Leader, false),
            new("ioannina", HubRole.Leader, false),
            new("maribor", HubRole.Leader, false),
            new("torino", HubRole.Leader, false),
            new("sofia", HubRole.Follower, false),
        ]);

    /// <summary>From isolated energy and mobility systems to integrated services: leaders Athens, Differdange, Grenoble, Sofia.</summary>
    public static readonly ClimHub EnergyAndMobility = new(
        LabThemes.EnergyAndMobility,
        "From isolated energy and mobility systems to integrated services",
        [
            new("athens", HubRole.Leader, false),
            new("differdange", HubRole.Leader, false),
            new("grenoble", HubRole.Leader, false),
            new("sofia", HubRole.Leader, false),
        ]);

    /// <summary>Both hubs.</summary>
    public static readonly IReadOnlyList<ClimHub> All = [WasteToCircularity, EnergyAndMobility];

    /// <summary>The hub with this id, or null.</summary>
    public static ClimHub? Find(string? id) => All.FirstOrDefault(h => h.Id == id);
}

/// <summary>An indicator of the network's shared catalogue: what is measured and how, so that cities measure the same way.</summary>
public sealed record IndicatorDefinition(string Id, string Name, string Unit, IndicatorDirection Direction, string Method, string Source);

/// <summary>A value on a date (a baseline or a target).</summary>
public sealed record IndicatorPoint(double Value, DateOnly Date);

/// <summary>One measurement of an adopted indicator, with who entered it (for a corrected one, who corrected it) and its earlier versions, oldest first.</summary>
public sealed record MeasurementView(string Id, double Value, DateOnly Date, string Source, string? Note, string EnteredBy, DateTimeOffset EnteredAt, IReadOnlyList<MeasurementVersionView>? Earlier = null);

/// <summary>An indicator a pilot adopted: the definition, baseline, target, measurements (by date) and progress to target in % (null without measurements).</summary>
public sealed record PilotIndicatorView(IndicatorDefinition Definition, IndicatorPoint Baseline, IndicatorPoint Target, IReadOnlyList<MeasurementView> Measurements, double? Progress);

/// <summary>A milestone; <see cref="Late"/> when it is past due and not done.</summary>
/// <remarks><see cref="OwnerId"/> is the owner's account when the owner is a member of the pilot's lab (who gets the reminders); <see cref="Evidence"/> the links that show it was done.</remarks>
public sealed record MilestoneView(string Id, string Title, DateOnly Due, string Owner, MilestoneStatus Status, bool Late, string? OwnerId = null, IReadOnlyList<EvidenceLink>? Evidence = null, IReadOnlyList<FileAttachment>? Attachments = null);

/// <summary>A pilot in lists.</summary>
public sealed record PilotSummary(string Id, string LabId, string CityId, string HubId, string Title, PilotStage Stage, PilotStatus Status, int LateMilestones, DateTimeOffset UpdatedAt);

/// <summary>A pilot's page (<see cref="PilotSummary.Status"/> is a manager's override when there is one, <see cref="DerivedStatus"/> the milestones' status): the challenge (Markdown and its safe HTML), milestones by due date, adopted indicators and what the caller may do.</summary>
public sealed record PilotView(
    PilotSummary Summary,
    string Challenge,
    string ChallengeHtml,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<PilotIndicatorView> Indicators,
    DateTimeOffset CreatedAt,
    bool YouMayContribute,
    bool YouMayManage,
    PilotStatusOverrideView? StatusOverride = null,
    PilotStatus? DerivedStatus = null,
    IReadOnlyList<PilotStageDate>? StageDates = null,
    IReadOnlyList<FileAttachment>? Attachments = null);

/// <summary>When a pilot entered a stage of the method (the last time, if it came back to it).</summary>
public sealed record PilotStageDate(PilotStage Stage, DateTimeOffset Entered);

/// <summary>Body of <c>POST /api/pilots</c>: the pilot's lab decides its city.</summary>
public sealed record CreatePilotRequest(string LabId, string HubId, string Title, string Challenge, PilotStage Stage);

/// <summary>Body of <c>PUT /api/pilots/{id}/stage</c>.</summary>
public sealed record PilotStageRequest(PilotStage Stage);

/// <summary>Body of <c>POST /api/pilots/{id}/milestones</c> and <c>PUT …/milestones/{milestoneId}</c>.</summary>
/// <remarks>With <see cref="OwnerId"/> (a member of the pilot's lab) the owner is that person, named as the lab knows them, and gets the reminders; <see cref="Evidence"/> replaces the milestone's links (null keeps them).</remarks>
public sealed record MilestoneRequest(string Title, DateOnly Due, string Owner, MilestoneStatus Status, string? OwnerId = null, IReadOnlyList<EvidenceLink>? Evidence = null);

/// <summary>Body of <c>POST /api/pilots/{id}/indicators</c>: a catalogue indicator with a baseline and a target.</summary>
public sealed record AdoptIndicatorRequest(string IndicatorId, IndicatorPoint Baseline, IndicatorPoint Target);

/// <summary>Body of <c>POST /api/pilots/{id}/indicators/{indicatorId}/measurements</c>.</summary>
public sealed record MeasurementRequest(double Value, DateOnly Date, string Source, string? Note);

/// <summary>One data row of a measurements CSV as the server read it: its row number (the header is row 1, as in a spreadsheet), the values it could parse, and one <c>field: reason</c> per problem (none when the row is good).</summary>
public sealed record MeasurementImportRow(int Row, DateOnly? Date, double? Value, string? Source, string? Note, IReadOnlyList<string> Errors);

/// <summary>
/// The answer of <c>POST /api/pilots/{id}/indicators/{indicatorId}/measurements/import</c>: every row as read,
/// the separator found in the header row (<c>,</c> or <c>;</c>), and whether the rows were stored (never in a
/// dry run, and never when any row has an error: an import is all or nothing).
/// </summary>
public sealed record MeasurementImportView(string Separator, IReadOnlyList<MeasurementImportRow> Rows, bool Stored)
{
    /// <summary>Rows with at least one problem.</summary>
    public int BadRows => Rows.Count(r => r.Errors.Count > 0);
}

/// <summary>Limits of pilots' fields.</summary>
public static class PilotLimits
{
    /// <summary>Title length.</summary>
    public const int MaxTitleLength = 160;

    /// <summary>Challenge length (Markdown).</summary>
    public const int MaxChallengeLength = 20_000;

    /// <summary>Milestone title, owner and measurement source length.</summary>
    public const int MaxShortText = 200;

    /// <summary>Measurement note length.</summary>
    public const int MaxNoteLength = 1_000;

    /// <summary>Milestones per pilot.</summary>
    public const int MaxMilestones = 200;

    /// <summary>Indicators per pilot.</summary>
    public const int MaxIndicators = 30;

    /// <summary>Measurements per indicator.</summary>
    public const int MaxMeasurements = 5_000;

    /// <summary>Earlier versions kept per corrected measurement.</summary>
    public const int MaxMeasurementVersions = 50;

    /// <summary>Data rows in one CSV import of measurements.</summary>
    public const int MaxImportRows = 2_000;

    /// <summary>Size of one CSV import of measurements, in bytes (1 MiB).</summary>
    public const int MaxImportBytes = 1 << 20;

    /// <summary>Earliest date accepted anywhere in a pilot.</summary>
    public static readonly DateOnly MinDate = new(1990, 1, 1);

    /// <summary>Latest date accepted anywhere in a pilot.</summary>
    public static readonly DateOnly MaxDate = new(2100, 12, 31);
}

/// <summary>How a pilot's status and progress are derived; shared by the grains and the web app.</summary>
public static class PilotRules
{
    /// <summary>A milestone not started and due within this many days puts the pilot at risk.</summary>
    public const int AtRiskDays = 14;

    /// <summary>Whether a milestone is late on <paramref name="today"/>: past its due date and not done.</summary>
    public static bool IsLate(DateOnly due, MilestoneStatus status, DateOnly today) => status != MilestoneStatus.Done && due < today;

    /// <summary>
    /// The status from the milestones on <paramref name="today"/>: late if any is late; done if there are
    /// milestones and all are done; at risk if one due within <see cref="AtRiskDays"/> days is not started; otherwise on track.
    /// </summary>
    public static PilotStatus Status(IEnumerable<(DateOnly Due, MilestoneStatus Status)> milestones, DateOnly today)
    {
        var list = milestones.ToList();
        if (list.Any(m => IsLate(m.Due, m.Status, today)))
        {
            return PilotStatus.Late;
        }

        if (list.Count > 0 && list.All(m => m.Status == MilestoneStatus.Done))
        {
            return PilotStatus.Done;
        }

        return list.Any(m => m.Status == MilestoneStatus.Planned && m.Due <= today.AddDays(AtRiskDays)) ? PilotStatus.AtRisk : PilotStatus.OnTrack;
    }

    /// <summary>
    /// Progress from baseline to target in % (0 at the baseline, 100 at the target, beyond either end as measured;
    /// the direction follows from the two values), or null when baseline and target are equal.
    /// </summary>
    public static double? Progress(double baseline, double target, double latest) =>
        target == baseline ? null : Math.Round((latest - baseline) / (target - baseline) * 100, 1);
}
