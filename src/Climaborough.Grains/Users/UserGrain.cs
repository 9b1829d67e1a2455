namespace Climaborough.Grains.Users;

using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>See <see cref="IUserGrain"/>. Nodes watch it for each signed-in connection, to drop them on suspension.</summary>
public sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> state, ILogger<UserGrain> logger) : TopicGrain(logger), IUserGrain
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

        var wasActive = Active(state.State.Roles);
        state.State.Profile = profile;
        state.State.Roles = sorted;
        await state.WriteStateAsync();
        if (wasActive && !Active(sorted))
        {
            // Suspended: at once on every node, not when the token expires.
            await Watchers.RevokeAsync(o => o.AccountSuspendedAsync(this.GetPrimaryKeyString()));
        }
    }

    private static bool Active(List<string> roles) => PlatformRoles.IsActive(roles);

    public Task<IReadOnlyDictionary<string, LabRole>> GetLabsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, LabRole>>(new Dictionary<string, LabRole>(state.State.Labs, StringComparer.Ordinal));

    public async Task SetLabRoleAsync(string labId, LabRole? role)
    {
        var changed = role is { } r ? !state.State.Labs.TryGetValue(labId, out var old) || old != r : state.State.Labs.ContainsKey(labId);
        if (!changed)
        {
            return;
        }

        if (role is { } value)
        {
            state.State.Labs[labId] = value;
        }
        else
        {
            state.State.Labs.Remove(labId);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<LabInvitation>> GetInvitationsAsync() => Task.FromResult<IReadOnlyList<LabInvitation>>([.. state.State.Invitations]);

    public async Task AddInvitationAsync(LabInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (state.State.Invitations.All(i => i.Id != invitation.Id))
        {
            state.State.Invitations.Add(invitation);
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveInvitationAsync(string invitationId)
    {
        if (state.State.Invitations.RemoveAll(i => i.Id == invitationId) > 0)
        {
            await state.WriteStateAsync();
        }
    }
}
