namespace Climaborough.Contracts;

/// <summary>An earlier version of a corrected measurement, with who had entered it and when.</summary>
public sealed record MeasurementVersionView(double Value, DateOnly Date, string Source, string? Note, string EnteredBy, DateTimeOffset EnteredAt);

/// <summary>An indicator on the network dashboard: baseline, target, the latest measurement and progress to target in %.</summary>
public sealed record DashboardIndicator(string IndicatorId, string Name, string Unit, IndicatorDirection Direction, IndicatorPoint Baseline, IndicatorPoint Target, IndicatorPoint? Latest, double? Progress);

/// <summary>A late milestone on the network dashboard.</summary>
public sealed record DashboardMilestone(string Id, string Title, DateOnly Due, MilestoneStatus Status);

/// <summary>A pilot on the network dashboard.</summary>
public sealed record DashboardPilot(PilotSummary Summary, IReadOnlyList<DashboardIndicator> Indicators, IReadOnlyList<DashboardMilestone> LateMilestones);

/// <summary>
/// The answer of <c>GET /api/dashboard</c>: the pilots the caller may read (for anyone not signed in, the
/// public ones: <see cref="Public"/>), filtered by hub, city, stage and status.
/// </summary>
public sealed record DashboardView(IReadOnlyList<DashboardPilot> Pilots, bool Public);

/// <summary>A public pilot in the open data (<c>/api/open-data/pilots.*</c>), CC BY 4.0.</summary>
public sealed record OpenPilot(string Id, string Url, string Title, string CityId, string HubId, string Stage, string Status, string Challenge, DateTimeOffset UpdatedAt);

/// <summary>A milestone of a public pilot in the open data.</summary>
public sealed record OpenMilestone(string PilotId, string Id, string Title, DateOnly Due, string Owner, string Status, bool Late);

/// <summary>An indicator of a public pilot in the open data, with its baseline, target and progress.</summary>
public sealed record OpenIndicator(string PilotId, string IndicatorId, string Name, string Unit, string Direction, double BaselineValue, DateOnly BaselineDate, double TargetValue, DateOnly TargetDate, double? Progress);

/// <summary>A measurement of a public pilot's indicator in the open data (its current version).</summary>
public sealed record OpenMeasurement(string PilotId, string IndicatorId, string Id, DateOnly Date, double Value, string Unit, string Source, string? Note);

/// <summary>A Climate Sandbox barrier of a public pilot in the open data, with the date of its latest step.</summary>
public sealed record OpenSandboxEntry(string PilotId, string Id, string Title, string Kind, string Rule, string Description, string Status, DateOnly StatusDate, string? Outcome, string? LessonId);

/// <summary>The whole public picture as one JSON document (<c>/api/open-data/pilots.json</c>).</summary>
public sealed record OpenPilotsDocument(string Licence, IReadOnlyList<OpenPilot> Pilots, IReadOnlyList<OpenMilestone> Milestones, IReadOnlyList<OpenIndicator> Indicators, IReadOnlyList<OpenMeasurement> Measurements, IReadOnlyList<OpenSandboxEntry> Sandbox, IReadOnlyList<OpenTender> Tenders);

/// <summary>A tender of a public pilot in the open data (<c>pilots.json</c>), with its lots; budgets in euro.</summary>
public sealed record OpenTender(string PilotId, string Id, string Title, string Procedure, string Status, DateOnly? PublishedOn, DateOnly? Deadline, DateOnly? AwardedOn, IReadOnlyList<TenderLot> Lots, decimal TotalBudgetEur);

/// <summary>
/// One row of <c>tenders.csv</c>: one lot of a public pilot's tender (lots numbered from 1), the tender's own
/// columns repeated on each of its lots; budgets in euro with a decimal point.
/// </summary>
public sealed record OpenTenderLotRow(string PilotId, string TenderId, string Title, string Procedure, string Status, DateOnly? PublishedOn, DateOnly? Deadline, DateOnly? AwardedOn, decimal TotalBudgetEur, int Lot, string LotTitle, decimal LotBudgetEur, string? AwardedTo);
