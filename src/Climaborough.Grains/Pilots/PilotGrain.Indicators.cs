namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>Measurement corrections with history, and the pilot's entry on its hub's dashboard.</summary>
public sealed partial class PilotGrain
{
    public async Task<Outcome<MeasurementView>> CorrectMeasurementAsync(Actor actor, string indicatorId, string measurementId, MeasurementRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var errors = new List<string>();
        var indicator = S.Indicators.FirstOrDefault(i => i.IndicatorId == indicatorId);
        var index = indicator?.Measurements.FindIndex(m => m.Id == measurementId) ?? -1;
        if (indicator is null)
        {
            errors.Add("indicatorId: this pilot has not adopted this indicator.");
        }
        else if (index < 0)
        {
            errors.Add("measurementId: there is no such measurement of this indicator.");
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

        var current = indicator!.Measurements[index];
        var history = S.MeasurementHistory.TryGetValue(measurementId, out var kept) ? kept : S.MeasurementHistory[measurementId] = [];
        if (history.Count >= PilotLimits.MaxMeasurementVersions)
        {
            return new Refusal(ErrorCodes.Conflict, $"A measurement keeps at most {PilotLimits.MaxMeasurementVersions} earlier versions.");
        }

        var now = time.GetUtcNow();
        var corrected = NewMeasurement(actor, request!.Value, request.Date, request.Source, request.Note, now) with { Id = current.Id };
        history.Add(current);
        indicator.Measurements[index] = corrected;
        await SaveAsync(now);
        return new(ToView(corrected));
    }

    private IReadOnlyList<MeasurementVersionView>? EarlierVersions(string measurementId) =>
        S.MeasurementHistory.TryGetValue(measurementId, out var history) && history.Count > 0
            ? [.. history.Select(h => new MeasurementVersionView(h.Value, h.Date, h.Source, h.Note, h.EnteredBy, h.EnteredAt))]
            : null;

    /// <summary>Keeps the pilot's entry on its hub's dashboard current (called by every write).</summary>
    private Task UpdateDashboardAsync(DateTimeOffset now)
    {
        var entry = new DashboardEntry(
            Id,
            S.LabId,
            S.CityId,
            S.HubId,
            S.Title,
            S.Stage,
            [.. S.Milestones.Select(m => new DashboardMilestoneEntry(m.Id, m.Title, m.Due, m.Status))],
            [.. S.Indicators.Select(i =>
            {
                var latest = i.Measurements.OrderBy(m => m.Date).ThenBy(m => m.EnteredAt).LastOrDefault();
                return new DashboardIndicatorEntry(i.IndicatorId, i.Definition.Name, i.Definition.Unit, i.Definition.Direction, i.BaselineValue, i.BaselineDate, i.TargetValue, i.TargetDate, latest?.Value, latest?.Date);
            })],
            now,
            S.StatusOverride?.Status);
        return GrainFactory.GetGrain<IPilotDashboardGrain>(S.HubId).UpsertAsync(entry);
    }
}
