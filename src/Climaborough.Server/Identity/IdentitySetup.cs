namespace Climaborough.Server.Identity;

using Climaborough.Contracts;
using System.Security.Claims;
using System.Security.Cryptography;
using Climaborough.Abstractions.Storage;
using Climaborough.Abstractions.Users;
using Climaborough.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

/// <summary>Sign-in settings (section <c>Auth</c>).</summary>
public sealed class AuthSettings
{
    /// <summary>The API's audience: access tokens for this platform carry it.</summary>
    public const string Audience = "climaborough-api";

    /// <summary>The scope that asks for <see cref="Audience"/>.</summary>
    public const string ApiScope = "climaborough-api";

    /// <summary>The web app's client id (a public client: code + PKCE).</summary>
    public const string WebClientId = "climaborough-web";

    /// <summary>An external OpenID Connect issuer whose access tokens the API and hubs accept instead of the built-in server's.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The built-in server's issuer (its public URL); by default taken from each request.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Access token lifetime (short: the web app renews it with its refresh token).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Refresh token lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Failed sign-ins before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether people may register without an invitation.</summary>
    public bool SelfRegistration { get; set; }

    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = Climaborough.Abstractions.Labs.LabOptions.DefaultInvitationLifetime;

    /// <summary>PostgreSQL connection string for users (cluster mode); SQLite in the data folder when empty.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Whether an external authority is configured.</summary>
    public bool External => Authority is not null;
}

/// <summary>The live check behind every authorized endpoint and hub method: the account still holds the <c>member</c> role.</summary>
public sealed class ActiveMemberRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="ActiveMemberRequirement"/> and <see cref="PlatformRoleRequirement"/> against the
/// account's <see cref="IUserGrain"/> (never the token's copy of the roles), reading it once per request.
/// </summary>
public sealed class AccountAccessHandler(IGrainFactory grains, AuthSettings settings) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = context.PendingRequirements.Where(r => r is ActiveMemberRequirement or PlatformRoleRequirement).ToList();
        if (pending.Count == 0 || CurrentUser.Id(context.User) is not { } id)
        {
            return;
        }

        // On an HTTP request the account is read once, for this check and the endpoint's CurrentActor alike.
        var access = context.Resource is HttpContext http
            ? await Endpoints.CurrentActor.AccessAsync(http, id, grains)
            : await grains.GetGrain<IUserGrain>(id).GetAccessAsync();
        foreach (var requirement in pending)
        {
            var met = requirement is PlatformRoleRequirement role
                ? access.Roles.Intersect(role.Roles).Any()
                : access.Roles.Contains(PlatformRoles.Member) || access.Roles.Contains(PlatformRoles.Service) || (!access.Known && settings.External);
            if (met)
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>Who is calling, from the authenticated principal only.</summary>
public static class CurrentUser
{
    /// <summary>The account id: the token's <c>sub</c> (or the name identifier of other schemes).</summary>
    public static string? Id(ClaimsPrincipal? user) =>
        user?.FindFirstValue(Claims.Subject) ?? user?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The display name.</summary>
    public static string Name(ClaimsPrincipal? user) =>
        user?.FindFirstValue(Claims.Name) ?? user?.FindFirstValue(ClaimTypes.Name) ?? Id(user) ?? "?";
}

/// <summary>SignalR's user id is the token's <c>sub</c>.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => CurrentUser.Id(connection.User);
}

/// <summary>Registration of sign-in: ASP.NET Core Identity, the OpenIddict server, token validation and the policy.</summary>
public static class IdentitySetup
{
    /// <summary>The scheme API calls and hubs authenticate with: bearer tokens.</summary>
    public const string ApiScheme = "climaborough";

    /// <summary>Registers everything; <paramref name="storage"/> says where SQLite lives.</summary>
    public static WebApplicationBuilder AddClimaboroughIdentity(this WebApplicationBuilder builder, StorageOptions storage)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);

        builder.Services.AddDbContext<IdentityDb>(o =>
        {
            if (!string.IsNullOrWhiteSpace(settings.PostgreSql))
            {
                o.UseNpgsql(settings.PostgreSql);
            }
            else
            {
                Directory.CreateDirectory(storage.FullDataPath);
                o.UseSqlite($"Data Source={Path.Combine(storage.FullDataPath, "identity.db")}");
            }

            o.UseOpenIddict();
        });

        builder.Services.AddIdentity<ClimaboroughUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = settings.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "climaborough.signin";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        var openIddict = builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>());
        openIddict.AddServer(o =>
        {
            if (settings.Issuer is not null)
            {
                o.SetIssuer(settings.Issuer);
            }

            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout")
                .SetUserInfoEndpointUris("connect/userinfo");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                .AllowRefreshTokenFlow()
                .AllowClientCredentialsFlow();
            // PKCE with S256 only: "plain" would let an intercepted code be redeemed.
            o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            o.RegisterScopes(Scopes.Profile, Scopes.Email, Scopes.Roles, AuthSettings.ApiScope);
            o.SetAccessTokenLifetime(settings.AccessTokenLifetime);
            o.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

            // Plain signed JWTs, so any API (and a second node) can validate them from the discovery document.
            o.DisableAccessTokenEncryption();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .DisableTransportSecurityRequirement(); // TLS ends at the reverse proxy in production; see docs/security.md
        });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IFileStore>((o, files) => SigningKeys.AddTo(o, files));

        openIddict.AddValidation(o =>
        {
            if (settings.Authority is { } authority)
            {
                o.SetIssuer(authority);
                o.UseSystemNetHttp();
            }
            else
            {
                o.UseLocalServer();
            }

            o.AddAudiences(AuthSettings.Audience);
            o.UseAspNetCore().DisableAccessTokenExtractionFromQueryString();
        });

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = ApiScheme;
                o.DefaultAuthenticateScheme = ApiScheme;
                o.DefaultChallengeScheme = ApiScheme;
                o.DefaultForbidScheme = ApiScheme;
            })
            .AddPolicyScheme(ApiScheme, "Bearer tokens", o => o.ForwardDefaultSelector = _ => OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);

        builder.Services.AddAntiforgery(o => o.Cookie.Name = "climaborough.antiforgery");
        builder.Services.AddAccountPages();
        builder.Services.AddSingleton<IAuthorizationHandler, AccountAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(ApiScheme).RequireAuthenticatedUser().AddRequirements(new ActiveMemberRequirement()).Build())
            .AddPolicy(PlatformRoles.Admin, p => p.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser().AddRequirements(new ActiveMemberRequirement(), new PlatformRoleRequirement(PlatformRoles.Admin)))
            .AddPolicy(PlatformRoles.CityCoordinator, p => p.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser().AddRequirements(new ActiveMemberRequirement(), new PlatformRoleRequirement(PlatformRoles.Admin, PlatformRoles.CityCoordinator)));
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddHostedService<IdentityStartup>();

        // Tokens in query strings are only accepted on hub paths (browsers cannot set headers on
        // WebSockets); request logs never carry them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }

    /// <summary>Moves <c>?access_token=</c> into the Authorization header on hub paths only (before authentication runs).</summary>
    public static IApplicationBuilder UseHubAccessTokens(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs")
                && context.Request.Query.TryGetValue("access_token", out var token)
                && !string.IsNullOrEmpty(token)
                && !context.Request.Headers.ContainsKey("Authorization"))
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }

            return next(context);
        });
}

/// <summary>One of the platform roles, read live from the account's <see cref="IUserGrain"/>.</summary>
public sealed class PlatformRoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    /// <summary>Any of these.</summary>
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// The server's signing and encryption keys: RSA keys kept in the file store (the data folder, or the
/// blob container in cluster mode, so every node signs with the same key), made on first start.
/// </summary>
internal static class SigningKeys
{
    public static void AddTo(OpenIddictServerOptions options, IFileStore files)
    {
        var signing = Load(files, "identity/signing-key.pem");
        var encryption = Load(files, "identity/encryption-key.pem");
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private static RsaSecurityKey Load(IFileStore files, string name)
    {
        var stored = files.GetAsync(name).GetAwaiter().GetResult();
        var rsa = RSA.Create();
        if (stored is null)
        {
            rsa.KeySize = 2048;
            var pem = rsa.ExportRSAPrivateKeyPem();
            using var content = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(pem));
            files.PutAsync(name, content, "application/x-pem-file").GetAwaiter().GetResult();
        }
        else
        {
            rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(stored.Content));
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = id };
    }
}
