namespace Climaborough.Server.Identity;

using Climaborough.Contracts;
using Climaborough.Abstractions.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

/// <summary>
/// At start-up: creates the identity database, the platform roles and the web app's client; in
/// Development (with demo data on) also the demo users, whose passwords it prints. Once the server
/// listens, the web app's redirect addresses are set to the node's own addresses (and
/// <c>Auth:PublicOrigins</c>).
/// </summary>
public sealed class IdentityStartup(
    IServiceProvider services,
    IHostEnvironment environment,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<IdentityStartup> logger) : IHostedService
{
    /// <summary>DEVELOPMENT-ONLY demo accounts: user name, display name, city, roles. Their password is <c>{user name}-demo-2026</c>.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string? City, string[] Roles)> DemoUsers =
    [
        ("admin", "Platform admin", null, [PlatformRoles.Member, PlatformRoles.Admin]),
        ("maria", "Maria Petrova", "sofia", [PlatformRoles.Member, PlatformRoles.CityCoordinator]),
        ("elena", "Elena Dimitrova", "sofia", [PlatformRoles.Member]),
        ("ivan", "Ivan Georgiev", "sofia", [PlatformRoles.Member]),
        ("giulia", "Giulia Rossi", "torino", [PlatformRoles.Member]),
        ("olga", "Olga Novak", "maribor", [PlatformRoles.Member]),
    ];

    /// <summary>The DEVELOPMENT-ONLY password of a demo account.</summary>
    public static string DemoPassword(string userName) => userName + "-demo-2026";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await db.Database.EnsureCreatedAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PlatformRoles.Assignable)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (environment.IsDevelopment() && configuration.GetValue("DemoData:Enabled", true))
        {
            await SeedDemoUsersAsync(scope.ServiceProvider);
        }

        lifetime.ApplicationStarted.Register(() => _ = RegisterWebClientAsync());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedDemoUsersAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<ClimaboroughUser>>();
        var grains = provider.GetRequiredService<IGrainFactory>();
        var people = new Dictionary<string, Abstractions.Labs.Actor>(StringComparer.Ordinal);
        foreach (var (userName, displayName, city, roles) in DemoUsers)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new ClimaboroughUser { UserName = userName, Email = $"{userName}@demo.climaborough.example", EmailConfirmed = true, DisplayName = displayName, CityId = city };
                var created = await users.CreateAsync(user, DemoPassword(userName));
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {userName}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }

                await users.AddToRolesAsync(user, roles);
            }

            await grains.GetGrain<IUserGrain>(user.Id).SetAsync(new UserProfile(user.DisplayName, user.CityId, user.UserName), [.. await users.GetRolesAsync(user)]);
            people[userName] = new Abstractions.Labs.Actor(user.Id, user.DisplayName, user.CityId);
        }

        if (configuration.GetValue("DemoData:Content", true))
        {
            await Demo.DemoContent.SeedAsync(grains, people, logger);
        }

        logger.LogWarning(
            "Development demo accounts (never created outside Development): {Accounts}",
            string.Join(", ", DemoUsers.Select(u => $"{u.UserName} / {DemoPassword(u.UserName)}")));
    }

    private async Task RegisterWebClientAsync()
    {
        try
        {
            var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
                origins.Add($"{uri.Scheme}://{uri.Authority}");
                if (uri.Host is "localhost" or "127.0.0.1")
                {
                    origins.Add($"{uri.Scheme}://localhost:{uri.Port}");
                    origins.Add($"{uri.Scheme}://127.0.0.1:{uri.Port}");
                }
            }

            foreach (var origin in configuration.GetSection("Auth:PublicOrigins").Get<string[]>() ?? [])
            {
                origins.Add(origin.TrimEnd('/'));
            }

            await using var scope = services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = AuthSettings.WebClientId,
                ClientType = ClientTypes.Public,
                ApplicationType = ApplicationTypes.Web,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "Climaborough web app",
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Roles,
                    Permissions.Prefixes.Scope + AuthSettings.ApiScope,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var origin in origins)
            {
                descriptor.RedirectUris.Add(new Uri($"{origin}/authentication/login-callback"));
                descriptor.PostLogoutRedirectUris.Add(new Uri($"{origin}/authentication/logout-callback"));
            }

            if (await applications.FindByClientIdAsync(AuthSettings.WebClientId) is { } existing)
            {
                await applications.PopulateAsync(existing, descriptor);
                await applications.UpdateAsync(existing);
            }
            else
            {
                await applications.CreateAsync(descriptor);
            }

            logger.LogInformation("Web app sign-in registered for {Origins}", string.Join(", ", origins));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Registering the web app's sign-in failed");
        }
    }
}
