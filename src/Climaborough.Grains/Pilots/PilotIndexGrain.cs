namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>See <see cref="IPilotIndexGrain"/>. Status is derived on every read from the stored milestone plan, so a milestone becomes late without a write.</summary>
public sealed class PilotIndexGrain(
    [PersistentState("pilot-index")] IPersistentState<PilotIndexState> state,
    TimeProvider time) : Grain, IPilotIndexGrain
{
    public async Task UpsertAsync(PilotIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Entries[entry.PilotId] = entry;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<PilotSummary>> ListAsync()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return Task.FromResult<IReadOnlyList<PilotSummary>>([.. state.State.Entries.Values.OrderBy(e => e.Title, StringComparer.CurrentCulture).Select(e => Summary(e, today))]);
    }

    /// <summary>A list entry as of <paramref name="today"/>.</summary>
    public static PilotSummary Summary(PilotIndexEntry e, DateOnly today) => new(
        e.PilotId,
        e.LabId,
        e.CityId,
        e.HubId,
        e.Title,
        e.Stage,
        e.StatusOverride ?? PilotRules.Status(e.Milestones.Select(m => (m.Due, m.Status)), today),
        e.Milestones.Count(m => PilotRules.IsLate(m.Due, m.Status, today)),
        e.UpdatedAt);
}
