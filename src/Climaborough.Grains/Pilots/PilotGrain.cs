namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions;
using System.Globalization;
using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Text;
using Climaborough.Abstractions.Realtime;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>
/// See <see cref="IPilotGrain"/>. Each call asks the pilot's lab once, before anything else; refused and
/// invalid calls change nothing. Invalid input is answered with one line per field (<c>field: reason</c>).
/// </summary>
public sealed partial class PilotGrain(
    [PersistentState("pilot")] IPersistentState<PilotState> state,
    TimeProvider time,
    ILogger<PilotGrain> logger) : TopicGrain(logger), IPilotGrain
{
    private enum Need
    {
        Read,
        Contribute,
        Manage,
    }

    private string Id => this.GetPrimaryKeyString();

    private PilotState S => state.State;

    private string NotFoundMessage => $"There is no pilot '{Id}'.";

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<PilotView>> CreateAsync(Actor actor, CreatePilotRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This pilot exists already.");
        }

        if (request is null || !LabIds.IsValid(request.LabId))
        {
            return new Refusal(ErrorCodes.NotFound, "There is no such lab.");
        }

        var access = await GrainFactory.GetGrain<ILabGrain>(request.LabId).AccessAsync(actor);
        if (!access.Read || access.Summary is null)
        {
            return new Refusal(ErrorCodes.NotFound, "There is no such lab.");
        }

        if (!access.Moderate && !await IsCoordinatorOfAsync(actor, access.Summary.CityId))
        {
            return new Refusal(ErrorCodes.Forbidden, "Creating a pilot needs the moderator role in this lab, or the city coordinator role in the lab's city.");
        }

        var errors = new List<string>();
        if (ClimHubs.Find(request.HubId) is null)
        {
            errors.Add($"hubId: one of {string.Join(", ", ClimHubs.All.Select(h => h.Id))}.");
        }

        CheckText(errors, "title", request.Title, PilotLimits.MaxTitleLength, required: true);
        CheckText(errors, "challenge", request.Challenge, PilotLimits.MaxChallengeLength, required: false, multiline: true);
        if (!Enum.IsDefined(request.Stage))
        {
            errors.Add($"stage: one of {string.Join(", ", Enum.GetNames<PilotStage>())}.");
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        S.Created = true;
        S.LabId = request.LabId;
        S.CityId = access.Summary.CityId;
        S.HubId = request.HubId;
        S.Title = request.Title.Trim();
        S.Challenge = request.Challenge ?? string.Empty;
        S.ChallengeHtml = MarkdownRenderer.ToSafeHtml(S.Challenge);
        S.Stage = request.Stage;
        S.StageHistory[request.Stage] = now;
        S.CreatedAt = now;
        await SaveAsync(now);
        return new(View(access, manage: true));
    }

    public async Task<Outcome<PilotView>> ViewAsync(Actor? actor)
    {
        var (refused, access, manage) = await CheckAsync(actor, Need.Read);
        return refused ?? new Outcome<PilotView>(View(access, manage));
    }

    public async Task<Outcome<PilotView>> SetStageAsync(Actor actor, PilotStage stage)
    {
        var (refused, access, _) = await CheckAsync(actor, Need.Manage);
        if (refused is not null)
        {
            return refused;
        }

        if (!Enum.IsDefined(stage))
        {
            return new Refusal(ErrorCodes.Invalid, $"stage: one of {string.Join(", ", Enum.GetNames<PilotStage>())}.");
        }

        if (stage != S.Stage)
        {
            var now = time.GetUtcNow();
            S.Stage = stage;
            S.StageHistory[stage] = now;
            await SaveAsync(now);
        }

        return new(View(access, manage: true));
    }

    public async Task<Outcome<MilestoneView>> AddMilestoneAsync(Actor actor, MilestoneRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var errors = CheckMilestone(request);
        var (details, ownerName) = await CheckDetailsAsync(actor, request, null, errors);
        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (S.Milestones.Count >= PilotLimits.MaxMilestones)
        {
            return new Refusal(ErrorCodes.Conflict, $"A pilot holds at most {PilotLimits.MaxMilestones} milestones.");
        }

        var now = time.GetUtcNow();
        var milestone = new StoredMilestone(NextId("m"), request.Title.Trim(), request.Due, ownerName ?? request.Owner.Trim(), request.Status, now, actor.UserId);
        S.Milestones.Add(milestone);
        S.MilestoneDetails[milestone.Id] = details;
        await SaveAsync(now);
        await SendRemindersAsync();
        return new(ToView(milestone));
    }

    public async Task<Outcome<MilestoneView>> UpdateMilestoneAsync(Actor actor, string milestoneId, MilestoneRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var index = S.Milestones.FindIndex(m => m.Id == milestoneId);
        if (index < 0)
        {
            return new Refusal(ErrorCodes.Invalid, "milestoneId: there is no such milestone in this pilot.");
        }

        var errors = CheckMilestone(request);
        var before = S.Milestones[index];
        var (details, ownerName) = await CheckDetailsAsync(actor, request, S.MilestoneDetails.GetValueOrDefault(before.Id), errors);
        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var changed = before with { Title = request.Title.Trim(), Due = request.Due, Owner = ownerName ?? request.Owner.Trim(), Status = request.Status, ChangedAt = now, ChangedBy = actor.UserId };
        S.Milestones[index] = changed;
        if (changed.Due != before.Due || details.OwnerId != S.MilestoneDetails.GetValueOrDefault(before.Id)?.OwnerId)
        {
            // A new date or a new owner: the reminders start again.
            S.RemindersSent.Remove(before.Id + Soon);
            S.RemindersSent.Remove(before.Id + Overdue);
        }

        S.MilestoneDetails[before.Id] = details;
        await SaveAsync(now);
        await SendRemindersAsync();
        return new(ToView(changed));
    }

    public async Task<Outcome<PilotIndicatorView>> AdoptIndicatorAsync(Actor actor, AdoptIndicatorRequest request)
    {
        if ((await CheckAsync(actor, Need.Manage)).Refused is { } refused)
        {
            return refused;
        }

        var errors = new List<string>();
        var definition = request?.IndicatorId is { Length: > 0 and <= 64 } id ? await GrainFactory.GetGrain<IIndicatorCatalogueGrain>(IIndicatorCatalogueGrain.NetworkKey).GetAsync(id) : null;
        if (definition is null)
        {
            errors.Add("indicatorId: there is no such indicator in the catalogue.");
        }
        else if (S.Indicators.Any(i => i.IndicatorId == definition.Id))
        {
            errors.Add("indicatorId: this pilot has adopted this indicator already.");
        }

        CheckPoint(errors, "baseline", request?.Baseline);
        CheckPoint(errors, "target", request?.Target);
        if (request?.Baseline is { } b && request.Target is { } t && errors.Count == 0)
        {
            if (t.Date <= b.Date)
            {
                errors.Add($"target.date: after the baseline's date ({b.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
            }

            if (definition!.Direction == IndicatorDirection.HigherIsBetter ? t.Value <= b.Value : t.Value >= b.Value)
            {
                errors.Add($"target.value: {(definition.Direction == IndicatorDirection.HigherIsBetter ? "above" : "below")} the baseline ({b.Value.ToString(CultureInfo.InvariantCulture)}): for this indicator {(definition.Direction == IndicatorDirection.HigherIsBetter ? "higher" : "lower")} is better.");
            }
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (S.Indicators.Count >= PilotLimits.MaxIndicators)
        {
            return new Refusal(ErrorCodes.Conflict, $"A pilot adopts at most {PilotLimits.MaxIndicators} indicators.");
        }

        var adopted = new StoredPilotIndicator
        {
            IndicatorId = definition!.Id,
            Definition = new StoredDefinition(definition.Id, definition.Name, definition.Unit, definition.Direction, definition.Method, definition.Source),
            BaselineValue = request!.Baseline.Value,
            BaselineDate = request.Baseline.Date,
            TargetValue = request.Target.Value,
            TargetDate = request.Target.Date,
        };
        S.Indicators.Add(adopted);
        S.PlannedIndicators.RemoveAll(d => d.Id == adopted.IndicatorId);
        await SaveAsync(time.GetUtcNow());
        return new(ToView(adopted));
    }

    public async Task<Outcome<MeasurementView>> AddMeasurementAsync(Actor actor, string indicatorId, MeasurementRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var errors = new List<string>();
        var indicator = S.Indicators.FirstOrDefault(i => i.IndicatorId == indicatorId);
        if (indicator is null)
        {
            errors.Add("indicatorId: this pilot has not adopted this indicator.");
        }

        if (request is null)
        {
            errors.Add("value: a number is required.");
        }
        else
        {
            CheckMeasurement(errors, request.Value, request.Date, request.Source, request.Note);
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (indicator!.Measurements.Count >= PilotLimits.MaxMeasurements)
        {
            return new Refusal(ErrorCodes.Conflict, $"An indicator holds at most {PilotLimits.MaxMeasurements} measurements.");
        }

        var now = time.GetUtcNow();
        var measurement = NewMeasurement(actor, request!.Value, request.Date, request.Source, request.Note, now);
        indicator.Measurements.Add(measurement);
        await SaveAsync(now);
        return new(ToView(measurement));
    }

    public async Task<Outcome<MeasurementImportView>> ImportMeasurementsAsync(Actor actor, string indicatorId, string csv, bool dryRun)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var indicator = S.Indicators.FirstOrDefault(i => i.IndicatorId == indicatorId);
        if (indicator is null)
        {
            return new Refusal(ErrorCodes.Invalid, "indicatorId: this pilot has not adopted this indicator.");
        }

        if (csv is null || csv.Length > PilotLimits.MaxImportBytes)
        {
            return new Refusal(ErrorCodes.Invalid, $"file: at most {PilotLimits.MaxImportBytes / 1024 / 1024} MiB.");
        }

        var read = MeasurementCsv.Read(csv);
        if (read.FileError is { } fileError)
        {
            return new Refusal(ErrorCodes.Invalid, "file: " + fileError);
        }

        // The same rules as one measurement, on what each row could be read as.
        foreach (var row in read.Rows)
        {
            if (row.Value is { } value && row.Date is { } date)
            {
                CheckMeasurement(row.Errors, value, date, row.Source, row.Note);
            }
            else
            {
                CheckText(row.Errors, "source", row.Source, PilotLimits.MaxShortText, required: true);
                CheckText(row.Errors, "note", row.Note, PilotLimits.MaxNoteLength, required: false, multiline: true);
            }
        }

        var view = new MeasurementImportView(read.Separator, [.. read.Rows.Select(r => new MeasurementImportRow(r.Number, r.Date, r.Value, r.Source, r.Note, r.Errors.ToArray()))], Stored: false);
        if (dryRun)
        {
            return new(view);
        }

        if (view.BadRows > 0)
        {
            return new Refusal(ErrorCodes.Invalid, string.Join('\n', read.Rows.SelectMany(r => r.Errors.Select(e => e.StartsWith("row: ", StringComparison.Ordinal) ? $"rows[{r.Number}]: {e[5..]}" : $"rows[{r.Number}].{e}"))));
        }

        if (indicator.Measurements.Count + read.Rows.Count > PilotLimits.MaxMeasurements)
        {
            return new Refusal(ErrorCodes.Conflict, $"An indicator holds at most {PilotLimits.MaxMeasurements} measurements; it has {indicator.Measurements.Count} and the file {read.Rows.Count}.");
        }

        var now = time.GetUtcNow();
        indicator.Measurements.AddRange(read.Rows.Select(r => NewMeasurement(actor, r.Value!.Value, r.Date!.Value, r.Source, r.Note, now)));
        await SaveAsync(now);
        return new(view with { Stored = true });
    }

    private StoredMeasurement NewMeasurement(Actor actor, double value, DateOnly date, string source, string? note, DateTimeOffset now) =>
        new(NextId("v"), value, date, source.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor.UserId, actor.Name, now);

    /// <summary>The rules of one measurement, whether entered alone or read from a file.</summary>
    private void CheckMeasurement(List<string> errors, double value, DateOnly date, string? source, string? note)
    {
        if (!double.IsFinite(value))
        {
            errors.Add("value: a finite number.");
        }

        if (date < PilotLimits.MinDate || date > Today)
        {
            errors.Add($"date: from {PilotLimits.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to today (no measurement from the future).");
        }

        CheckText(errors, "source", source, PilotLimits.MaxShortText, required: true);
        CheckText(errors, "note", note, PilotLimits.MaxNoteLength, required: false, multiline: true);
    }

    /// <summary>
    /// The lab's answer for <paramref name="actor"/>, asked once: who may not read gets the missing pilot's
    /// answer; managing needs the lab's moderator role or the coordinator role in the pilot's city.
    /// </summary>
    private async Task<(Refusal? Refused, LabAccess Access, bool Manage)> CheckAsync(Actor? actor, Need need)
    {
        var access = S.Created ? await GrainFactory.GetGrain<ILabGrain>(S.LabId).AccessAsync(actor) : LabAccess.None;
        if (!access.Read)
        {
            return (new Refusal(ErrorCodes.NotFound, NotFoundMessage), access, false);
        }

        var manage = access.Moderate || await IsCoordinatorOfAsync(actor, S.CityId);
        var refused = need switch
        {
            Need.Contribute when !access.Contribute && !manage => new Refusal(ErrorCodes.Forbidden, "Adding to this pilot needs the member role in its lab."),
            Need.Manage when !manage => new Refusal(ErrorCodes.Forbidden, "Managing this pilot needs the moderator role in its lab, or the city coordinator role in its city."),
            _ => null,
        };
        return (refused, access, manage);
    }

    /// <summary>Whether <paramref name="actor"/> coordinates <paramref name="cityId"/> (the platform role, read live from the account's grain).</summary>
    private async Task<bool> IsCoordinatorOfAsync(Actor? actor, string cityId)
    {
        if (actor is null || actor.CityId != cityId)
        {
            return false;
        }

        var account = await GrainFactory.GetGrain<IUserGrain>(actor.UserId).GetAccessAsync();
        return account.Roles.Contains(PlatformRoles.CityCoordinator) && PlatformRoles.IsActive(account.Roles);
    }

    private async Task SaveAsync(DateTimeOffset now)
    {
        S.UpdatedAt = now;
        await state.WriteStateAsync();
        var entry = new PilotIndexEntry(Id, S.LabId, S.CityId, S.HubId, S.Title, S.Stage, [.. S.Milestones.Select(m => new MilestonePlan(m.Due, m.Status))], now, S.StatusOverride?.Status);
        await Task.WhenAll(
            GrainFactory.GetGrain<IPilotIndexGrain>(PilotIndexKeys.Hub(S.HubId)).UpsertAsync(entry),
            GrainFactory.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City(S.CityId)).UpsertAsync(entry),
            UpdateDashboardAsync(now));

        // Watchers read the pilot again, each as who they are.
        Watchers.Publish(new PilotChanged(TopicNames.Pilot(Id), Id));
    }

    private string NextId(string prefix) => prefix + (++S.LastNumber).ToString(CultureInfo.InvariantCulture);

    private static List<string> CheckMilestone(MilestoneRequest? request)
    {
        var errors = new List<string>();
        if (request is null)
        {
            errors.Add("title: required.");
            return errors;
        }

        CheckText(errors, "title", request.Title, PilotLimits.MaxShortText, required: true);
        CheckText(errors, "owner", request.Owner, PilotLimits.MaxShortText, required: true);
        CheckDate(errors, "due", request.Due);
        if (!Enum.IsDefined(request.Status))
        {
            errors.Add($"status: one of {string.Join(", ", Enum.GetNames<MilestoneStatus>())}.");
        }

        return errors;
    }

    private static void CheckPoint(List<string> errors, string field, IndicatorPoint? point)
    {
        if (point is null)
        {
            errors.Add($"{field}: a value and a date are required.");
            return;
        }

        if (!double.IsFinite(point.Value))
        {
            errors.Add($"{field}.value: a finite number.");
        }

        CheckDate(errors, field + ".date", point.Date);
    }

    private static void CheckDate(List<string> errors, string field, DateOnly date)
    {
        if (date < PilotLimits.MinDate || date > PilotLimits.MaxDate)
        {
            errors.Add($"{field}: from {PilotLimits.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {PilotLimits.MaxDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
        }
    }

    private static void CheckText(List<string> errors, string field, string? text, int max, bool required, bool multiline = false)
    {
        var length = text?.Trim().Length ?? 0;
        if ((required && length == 0) || length > max)
        {
            errors.Add($"{field}: {(required ? 1 : 0)} to {max} characters.");
        }
        else if (TextRules.HasControlCharacters(text) || (!multiline && text is not null && text.AsSpan().IndexOfAny('\n', '\r') >= 0))
        {
            errors.Add($"{field}: no control characters{(multiline ? string.Empty : " or line breaks")}.");
        }
    }

    /// <summary>An invalid-input answer, one <c>field: reason</c> line per problem.</summary>
    private static Refusal? Invalid(List<string> errors) => errors.Count == 0 ? null : Refusal.Invalid(string.Join('\n', errors));

    private PilotView View(LabAccess access, bool manage)
    {
        var today = Today;
        return new PilotView(
            Summary(today),
            S.Challenge,
            S.ChallengeHtml,
            [.. S.Milestones.OrderBy(m => m.Due).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => ToView(m, today))],
            [.. S.Indicators.Select(ToView)],
            S.CreatedAt,
            access.Contribute || manage,
            manage,
            StatusOverrideView(),
            PilotRules.Status(S.Milestones.Select(m => (m.Due, m.Status)), today),
            StageDates(),
            [.. S.Attachments.Select(a => a.ToView())]);
    }

    private PilotSummary Summary(DateOnly today) =>
        PilotIndexGrain.Summary(new PilotIndexEntry(Id, S.LabId, S.CityId, S.HubId, S.Title, S.Stage, [.. S.Milestones.Select(m => new MilestonePlan(m.Due, m.Status))], S.UpdatedAt, S.StatusOverride?.Status), today);

    private MilestoneView ToView(StoredMilestone m) => ToView(m, Today);

    private MilestoneView ToView(StoredMilestone m, DateOnly today) => WithDetails(new(m.Id, m.Title, m.Due, m.Owner, m.Status, PilotRules.IsLate(m.Due, m.Status, today)));

    private PilotIndicatorView ToView(StoredPilotIndicator i)
    {
        var measurements = i.Measurements.OrderBy(m => m.Date).ThenBy(m => m.EnteredAt).Select(ToView).ToList();
        return new PilotIndicatorView(
            IndicatorCatalogueGrain.ToView(i.Definition),
            new IndicatorPoint(i.BaselineValue, i.BaselineDate),
            new IndicatorPoint(i.TargetValue, i.TargetDate),
            measurements,
            measurements.Count == 0 ? null : PilotRules.Progress(i.BaselineValue, i.TargetValue, measurements[^1].Value));
    }

    private MeasurementView ToView(StoredMeasurement m) => new(m.Id, m.Value, m.Date, m.Source, m.Note, m.EnteredBy, m.EnteredAt, EarlierVersions(m.Id));

}
