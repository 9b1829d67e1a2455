namespace Climaborough.Grains.Users;

using Climaborough.Abstractions.Users;
using Orleans.Runtime;

/// <summary>See <see cref="IUserGrain"/>.</summary>
public sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> state) : Grain, IUserGrain
{
    public Task<UserAccess> GetAccessAsync() =>
        Task.FromResult(new UserAccess(state.State.Profile is not null, state.State.Profile, [.. state.State.Roles]));

    public async Task SetAsync(UserProfile profile, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(roles);
        var sorted = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (state.State.Profile == profile && state.State.Roles.SequenceEqual(sorted))
        {
            return;
        }

        state.State.Profile = profile;
        state.State.Roles = sorted;
        await state.WriteStateAsync();
    }
}
