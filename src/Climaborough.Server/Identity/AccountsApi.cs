namespace Climaborough.Server.Identity;

using System.Security.Claims;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

/// <summary>Accounts over REST: who am I, invitations, platform roles, service clients.</summary>
public static class AccountsApi
{
    /// <summary>Maps <c>/api/me</c>, <c>/api/invitations</c>, <c>/api/users</c>, <c>/api/service-clients</c>.</summary>
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapGet("/me", MeAsync).RequireAuthorization().WithName("GetMe").WithSummary("The signed-in account: name, city, platform roles.");
        api.MapPost("/invitations", InviteAsync).RequireAuthorization(PlatformRoles.CityCoordinator).WithName("CreateInvitation")
            .WithSummary("Creates an invitation link to pass on (no mail is sent). Coordinators invite to their own city; administrators anywhere, with roles.");
        api.MapGet("/users", UsersAsync).RequireAuthorization(PlatformRoles.Admin).WithName("ListUsers").WithSummary("Every account with its platform roles (administrators).");
        api.MapPut("/users/{userId}/roles", SetRolesAsync).RequireAuthorization(PlatformRoles.Admin).WithName("SetUserRoles")
            .WithSummary("Replaces an account's platform roles (administrators); takes effect on the account's next call, also on open hub connections.");
        api.MapPost("/service-clients", RegisterClientAsync).RequireAuthorization(PlatformRoles.CityCoordinator).WithName("RegisterServiceClient")
            .WithSummary("Registers a service client for the caller's city (client credentials); the secret is shown once.");
        return app;
    }

    private static async Task<Ok<Me>> MeAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = CurrentUser.Id(user)!;
        var access = await grains.GetGrain<IUserGrain>(id).GetAccessAsync();
        return TypedResults.Ok(new Me(id, access.Profile?.DisplayName ?? CurrentUser.Name(user), access.Profile?.CityId, access.Roles));
    }

    private static async Task<Results<Ok<InvitationLink>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        InvitationRequest request, ClaimsPrincipal user, HttpContext http, IdentityDb db, IGrainFactory grains, AuthSettings settings, TimeProvider time)
    {
        var me = await grains.GetGrain<IUserGrain>(CurrentUser.Id(user)!).GetAccessAsync();
        var admin = me.Roles.Contains(PlatformRoles.Admin);
        var errors = new Dictionary<string, string[]>();
        if (request?.Email is { Length: > 256 })
        {
            errors["email"] = ["An email is at most 256 characters."];
        }

        var roles = request?.Roles ?? [];
        if (roles.Any(r => !PlatformRoles.Assignable.Contains(r)))
        {
            errors["roles"] = [$"Platform roles are {string.Join(", ", PlatformRoles.Assignable)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var city = request!.CityId;
        if (!admin)
        {
            // A coordinator invites people of their own city, as members.
            if ((city is not null && city != me.Profile?.CityId) || roles.Any(r => r != PlatformRoles.Member))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "A city coordinator invites members of their own city.");
            }

            city = me.Profile?.CityId;
        }

        var token = Invitations.NewToken();
        var invitation = new Invitation
        {
            TokenHash = Invitations.Hash(token),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            CityId = city,
            Roles = string.Join(',', roles),
            CreatedBy = CurrentUser.Id(user)!,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = time.GetUtcNow() + settings.InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/account/register?invitation={token}";
        return TypedResults.Ok(new InvitationLink(link, invitation.ExpiresAt));
    }

    private static async Task<Ok<List<UserSummary>>> UsersAsync(UserManager<ClimaboroughUser> users)
    {
        var list = new List<UserSummary>();
        foreach (var u in await users.Users.OrderBy(u => u.UserName).Take(1000).ToListAsync())
        {
            list.Add(new UserSummary(u.Id, u.UserName!, u.DisplayName, u.Email, u.CityId, [.. await users.GetRolesAsync(u)]));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(
        string userId, RolesRequest request, ClaimsPrincipal caller, UserManager<ClimaboroughUser> users, IGrainFactory grains)
    {
        if (request?.Roles is null || request.Roles.Any(r => !PlatformRoles.Assignable.Contains(r)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = [$"Platform roles are {string.Join(", ", PlatformRoles.Assignable)}."] });
        }

        if (userId.Length > 64 || await users.FindByIdAsync(userId) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account");
        }

        if (userId == CurrentUser.Id(caller) && !request.Roles.Contains(PlatformRoles.Admin))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused", detail: "Administrators cannot remove their own admin role (another administrator can).");
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(request.Roles));
        await users.AddToRolesAsync(user, request.Roles.Except(current).Distinct());
        var roles = await users.GetRolesAsync(user);
        await grains.GetGrain<IUserGrain>(user.Id).SetAsync(new UserProfile(user.DisplayName, user.CityId, user.UserName), [.. roles]);
        return TypedResults.Ok(new UserSummary(user.Id, user.UserName!, user.DisplayName, user.Email, user.CityId, [.. roles]));
    }

    private static async Task<Results<Created<ServiceClient>, ValidationProblem>> RegisterClientAsync(
        ServiceClientRequest request, ClaimsPrincipal user, HttpContext http, IOpenIddictApplicationManager applications, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request?.Name) || request.Name.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name is 1 to 100 characters."] });
        }

        var me = await grains.GetGrain<IUserGrain>(CurrentUser.Id(user)!).GetAccessAsync();
        var clientId = "svc-" + Guid.NewGuid().ToString("N")[..16];
        var secret = Invitations.NewToken();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.Name.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + AuthSettings.ApiScope,
            },
        });
        await grains.GetGrain<IUserGrain>(ServiceClients.Subject(clientId)).SetAsync(new UserProfile(request.Name.Trim(), me.Profile?.CityId), [PlatformRoles.Service]);
        var tokenEndpoint = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/connect/token";
        return TypedResults.Created($"/api/service-clients/{clientId}", new ServiceClient(clientId, secret, tokenEndpoint));
    }
}

/// <summary>Service clients' subjects.</summary>
public static class ServiceClients
{
    /// <summary>The <c>sub</c> of a service client's tokens.</summary>
    public static string Subject(string clientId) => "client:" + clientId;
}
