namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Grains.Text;
using Orleans.Runtime;

/// <summary>
/// See <see cref="ISandboxRegisterGrain"/>. The search index is a <see cref="TextIndex"/>, as the lessons library's (Lucene.NET in memory,
/// each barrier's words indexed with the English and the Bulgarian analysers); it holds nothing that is not in
/// the stored state, so it is built on activation and rebuilt after each change.
/// </summary>
public sealed class SandboxRegisterGrain(
    [PersistentState("sandbox-register")] IPersistentState<SandboxRegisterState> state) : Grain, ISandboxRegisterGrain, IDisposable
{
    private TextIndex? index;

    public async Task UpsertAsync(SandboxPilotEntries entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        state.State.Pilots[entries.PilotId] = entries;
        await state.WriteStateAsync();
        index?.Dispose();
        index = null;
    }

    public Task<IReadOnlyList<SandboxRegisterHit>> SearchAsync(string? text)
    {
        var all = state.State.Pilots.Values
            .SelectMany(p => p.Entries.Select(e => (Key: p.PilotId + "/" + e.Id, Hit: new SandboxRegisterHit(p.LabId, new SandboxHit(e, p.PilotTitle, p.CityId, p.HubId)))))
            .ToDictionary(x => x.Key, x => x.Hit, StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult<IReadOnlyList<SandboxRegisterHit>>([.. all.Values.OrderByDescending(h => h.Hit.Entry.UpdatedAt)]);
        }

        index ??= TextIndex.Build(state.State.Pilots.Values.SelectMany(p => p.Entries.Select(e => (p.PilotId + "/" + e.Id, Words(p, e)))));
        return Task.FromResult<IReadOnlyList<SandboxRegisterHit>>([.. index.Search(text).Where(all.ContainsKey).Select(k => all[k])]);
    }

    public void Dispose() => index?.Dispose();

    private static string Words(SandboxPilotEntries pilot, SandboxEntryView e) =>
        string.Join("\n", [e.Title, e.Rule, e.Description, e.Outcome ?? string.Empty, e.Kind.ToString(), pilot.PilotTitle, pilot.CityId, .. e.History.Select(h => h.Outcome ?? string.Empty)]);
}
