namespace Climaborough.Server.Identity;

using Climaborough.Contracts;
using System.Collections.Immutable;
using System.Security.Claims;
using Climaborough.Abstractions.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

/// <summary>The OpenID Connect endpoints the OpenIddict server passes through to us: authorize, token, end session, userinfo.</summary>
public static class ConnectEndpoints
{
    /// <summary>Maps <c>/connect/*</c>.</summary>
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/connect/token", TokenAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], LogoutAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<ClimaboroughUser> users, IGrainFactory grains)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // To the sign-in page, in the language the app asked for, and back here afterwards.
            var back = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? [.. context.Request.Form] : [.. context.Request.Query]);
            var language = Resources.AccountStrings.Pick(request.GetParameter(Parameters.UiLocales)?.ToString());
            return Results.Redirect($"/account/login?lang={language}&returnUrl={Uri.EscapeDataString(back)}");
        }

        var identity = await IdentityFor(user, users, grains);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(AuthSettings.Audience);
        identity.SetDestinations(Destinations);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<ClimaboroughUser> users, IOpenIddictApplicationManager applications, IGrainFactory grains)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // The client id and secret were checked by OpenIddict already.
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            var subject = ServiceClients.Subject(request.ClientId!);
            var access = await grains.GetGrain<IUserGrain>(subject).GetAccessAsync();
            if (!access.Roles.Contains(PlatformRoles.Service))
            {
                return Refuse(Errors.InvalidClient, "This client is not registered as a service client.");
            }

            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, subject)
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application) ?? request.ClientId)
                .SetClaims(Claims.Role, [PlatformRoles.Service]);
            identity.SetScopes(request.GetScopes());
            identity.SetResources(AuthSettings.Audience);
            identity.SetDestinations(static _ => [OpenIddictConstants.Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = result.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            if (user is null || await users.IsLockedOutAsync(user) || !(await users.GetRolesAsync(user)).Contains(PlatformRoles.Member))
            {
                return Refuse(Errors.InvalidGrant, "The sign-in is no longer valid.");
            }

            // Fresh name and roles on every refresh; scopes and audience as granted.
            var identity = await IdentityFor(user, users, grains);
            identity.SetScopes(result.Principal!.GetScopes());
            identity.SetResources(result.Principal!.GetResources());
            identity.SetDestinations(Destinations);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, SignInManager<ClimaboroughUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<ClimaboroughUser> users)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = result.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = user.Id,
            [Claims.Name] = user.DisplayName,
            [Claims.PreferredUsername] = user.UserName,
            [Claims.Email] = user.Email,
            [Claims.Locale] = user.Language,
            ["city"] = user.CityId,
            [Claims.Role] = await users.GetRolesAsync(user),
        });
    }

    /// <summary>The claims of a signed-in person; also refreshes their live access record.</summary>
    private static async Task<ClaimsIdentity> IdentityFor(ClimaboroughUser user, UserManager<ClimaboroughUser> users, IGrainFactory grains)
    {
        var roles = await users.GetRolesAsync(user);
        await grains.GetGrain<IUserGrain>(user.Id).SetAsync(new UserProfile(user.DisplayName, user.CityId, user.UserName), [.. roles]);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Locale, user.Language)
            .SetClaim("city", user.CityId)
            .SetClaims(Claims.Role, [.. roles]);
        return identity;
    }

    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername or Claims.Locale or "city" => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when claim.Subject?.HasScope(Scopes.Email) == true => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        "AspNet.Identity.SecurityStamp" => [],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
