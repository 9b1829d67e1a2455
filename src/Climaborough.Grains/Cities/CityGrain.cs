namespace Climaborough.Grains.Cities;

using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>One partner city.</summary>
public sealed class CityGrain(
    [PersistentState("city")] IPersistentState<CityState> state,
    TimeProvider time,
    ILogger<CityGrain> logger) : TopicGrain(logger), ICityGrain
{

    private string Id => this.GetPrimaryKeyString();

    public Task<CityInfo?> GetAsync() => Task.FromResult(ToInfo());

    public async Task<CityInfo> UpsertAsync(CityProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!CityIds.IsValid(Id))
        {
            throw new ArgumentException($"'{Id}' is not a valid city id.");
        }

        var isNew = state.State.Profile is null;
        state.State.Profile = profile;
        state.State.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        if (isNew)
        {
            await GrainFactory.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).AddAsync(Id);
        }

        var info = ToInfo()!;
        Watchers.Publish(new CityChanged(TopicNames.City(Id), info));
        return info;
    }

    public Task<IReadOnlyList<string>> ListLabsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Labs]);

    public async Task<string> ClaimLabIdAsync(string userId, string requestId, string newLabId)
    {
        var id = Abstractions.Labs.RequestIds.Claim(state.State.LabRequests, userId + "\n" + requestId, newLabId, out var added);
        if (added)
        {
            await state.WriteStateAsync();
        }

        return id;
    }

    public async Task AddLabAsync(string labId)
    {
        if (!state.State.Labs.Contains(labId))
        {
            state.State.Labs.Add(labId);
            await state.WriteStateAsync();
        }
    }

    private CityInfo? ToInfo() =>
        state.State.Profile is { } profile ? new CityInfo(Id, profile, state.State.UpdatedAt) : null;
}

/// <summary>The network's list of cities.</summary>
public sealed class CityDirectoryGrain(
    [PersistentState("cities")] IPersistentState<CityDirectoryState> state) : Grain, ICityDirectoryGrain
{
    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.CityIds]);

    public async Task AddAsync(string cityId)
    {
        if (state.State.CityIds.Add(cityId))
        {
            await state.WriteStateAsync();
        }
    }
}
