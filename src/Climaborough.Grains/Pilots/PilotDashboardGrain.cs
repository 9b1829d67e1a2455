namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Realtime;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>See <see cref="IPilotDashboardGrain"/>. Status, late milestones and progress are derived on every read, so a milestone becomes late without a write.</summary>
public sealed class PilotDashboardGrain(
    [PersistentState("pilot-dashboard")] IPersistentState<PilotDashboardState> state,
    TimeProvider time,
    ILogger<PilotDashboardGrain> logger) : TopicGrain(logger), IPilotDashboardGrain
{
    public async Task UpsertAsync(DashboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Entries[entry.PilotId] = entry;
        await state.WriteStateAsync();

        // Only the hub: the dashboard's watchers include people who may not read this pilot.
        Watchers.Publish(new PilotDashboardChanged(TopicNames.PilotDashboard(this.GetPrimaryKeyString()), this.GetPrimaryKeyString()));
    }

    public Task<IReadOnlyList<DashboardPilot>> ListAsync()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return Task.FromResult<IReadOnlyList<DashboardPilot>>([.. state.State.Entries.Values.OrderBy(e => e.Title, StringComparer.CurrentCulture).Select(e => ToView(e, today))]);
    }

    private static DashboardPilot ToView(DashboardEntry e, DateOnly today)
    {
        var summary = PilotIndexGrain.Summary(new PilotIndexEntry(e.PilotId, e.LabId, e.CityId, e.HubId, e.Title, e.Stage, [.. e.Milestones.Select(m => new MilestonePlan(m.Due, m.Status))], e.UpdatedAt, e.StatusOverride), today);
        return new DashboardPilot(
            summary,
            [.. e.Indicators.Select(i => new DashboardIndicator(
                i.IndicatorId,
                i.Name,
                i.Unit,
                i.Direction,
                new IndicatorPoint(i.BaselineValue, i.BaselineDate),
                new IndicatorPoint(i.TargetValue, i.TargetDate),
                i.LatestValue is { } v && i.LatestDate is { } d ? new IndicatorPoint(v, d) : null,
                i.LatestValue is { } latest ? PilotRules.Progress(i.BaselineValue, i.TargetValue, latest) : null))],
            [.. e.Milestones.Where(m => PilotRules.IsLate(m.Due, m.Status, today)).OrderBy(m => m.Due).Select(m => new DashboardMilestone(m.Id, m.Title, m.Due, m.Status))]);
    }
}
