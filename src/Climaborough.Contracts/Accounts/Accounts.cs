namespace Climaborough.Contracts;

/// <summary>The signed-in account (<c>GET /api/me</c>).</summary>
public sealed record Me(string Id, string Name, string? CityId, IReadOnlyList<string> Roles);

/// <summary>Body of <c>POST /api/invitations</c>: optional email (pre-filled on the form), city (administrators only) and platform roles.</summary>
public sealed record InvitationRequest(string? Email, string? CityId = null, IReadOnlyList<string>? Roles = null);

/// <summary>An invitation link to pass on (no mail is sent).</summary>
public sealed record InvitationLink(string Link, DateTimeOffset ExpiresAt);

/// <summary>An account as administrators see it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, string? Email, string? CityId, IReadOnlyList<string> Roles);

/// <summary>Body of <c>PUT /api/users/{id}/roles</c>.</summary>
public sealed record RolesRequest(IReadOnlyList<string> Roles);

/// <summary>Body of <c>POST /api/service-clients</c>.</summary>
public sealed record ServiceClientRequest(string Name);

/// <summary>A registered service client; the secret is never shown again.</summary>
public sealed record ServiceClient(string ClientId, string ClientSecret, string TokenEndpoint);

/// <summary>Platform roles (a person's role in a living lab is the lab's own: <see cref="LabRole"/>).</summary>
public static class PlatformRoles
{
    /// <summary>Every registered account; removing it suspends the account everywhere at once.</summary>
    public const string Member = "member";

    /// <summary>Platform administrator: assigns platform roles, invites anyone.</summary>
    public const string Admin = "admin";

    /// <summary>Coordinates a partner city: invites its people, registers its service clients.</summary>
    public const string CityCoordinator = "city-coordinator";

    /// <summary>A service client (client credentials), not a person.</summary>
    public const string Service = "service";

    /// <summary>Roles an administrator may assign.</summary>
    public static readonly IReadOnlyList<string> Assignable = [Member, Admin, CityCoordinator];

    /// <summary>Whether an account with these roles may act at all (a person holding <see cref="Member"/>, or a service client).</summary>
    public static bool IsActive(IEnumerable<string> roles) => roles.Contains(Member) || roles.Contains(Service);
}
