namespace Climaborough.Abstractions.Users;

/// <summary>
/// One account's live access (keyed by the token's <c>sub</c>): its platform roles, read on every
/// authorized call so that a removed role takes effect at once, on every node, also for open hub
/// connections. The identity database is the record; this grain mirrors what authorization needs.
/// </summary>
[Realtime.LiveTopic(Realtime.TopicNames.AccountKind)]
public interface IUserGrain : IGrainWithStringKey, Realtime.ITopicGrain
{
    /// <summary>What the account may do now.</summary>
    Task<UserAccess> GetAccessAsync();

    /// <summary>
    /// Replaces the profile and platform roles (on registration, role changes, start-up sync). Removing the
    /// <c>member</c> role suspends the account: every node drops its live connections before this returns.
    /// </summary>
    Task SetAsync(UserProfile profile, IReadOnlyList<string> roles);

    /// <summary>The labs the account belongs to, with its role in each.</summary>
    Task<IReadOnlyDictionary<string, Contracts.LabRole>> GetLabsAsync();

    /// <summary>Records the account's role in a lab (<c>null</c>: no longer a member).</summary>
    Task SetLabRoleAsync(string labId, Contracts.LabRole? role);

    /// <summary>Open invitations to labs.</summary>
    Task<IReadOnlyList<Contracts.LabInvitation>> GetInvitationsAsync();

    /// <summary>Adds an open invitation (idempotent by id).</summary>
    Task AddInvitationAsync(Contracts.LabInvitation invitation);

    /// <summary>Drops an invitation (accepted or withdrawn).</summary>
    Task RemoveInvitationAsync(string invitationId);
}

/// <summary>How an account is shown and where it belongs.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.user-profile.v1")]
public sealed record UserProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? CityId,
    [property: Id(2)] string? UserName = null);

/// <summary>An account's access: <see cref="Known"/> is false for an account this platform never registered (an external authority's user).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.user-access.v1")]
public sealed record UserAccess(
    [property: Id(0)] bool Known,
    [property: Id(1)] UserProfile? Profile,
    [property: Id(2)] IReadOnlyList<string> Roles);

/// <summary>Stored state of <see cref="IUserGrain"/>.</summary>
[GenerateSerializer, Alias("climaborough.user-state.v1")]
public sealed class UserState
{
    /// <summary>Profile, once registered.</summary>
    [Id(0)]
    public UserProfile? Profile { get; set; }

    /// <summary>Platform roles.</summary>
    [Id(1)]
    public List<string> Roles { get; set; } = [];

    /// <summary>Labs and the role in each.</summary>
    [Id(2)]
    public Dictionary<string, Contracts.LabRole> Labs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Open lab invitations.</summary>
    [Id(3)]
    public List<Contracts.LabInvitation> Invitations { get; set; } = [];
}
