namespace Climaborough.Server.Endpoints;

using System.Reflection;
using System.Security.Claims;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Server.Identity;

/// <summary>
/// The acting person of one HTTP request, from the authenticated identity only (name and city from the
/// account's live record): an endpoint takes it as a parameter, and it is resolved once per request (the
/// account is read once, shared with the authorization check). <see cref="Actor"/> is null for nobody
/// signed in and for a suspended account — nobody, everywhere and at once, whatever the token says.
/// </summary>
public sealed class CurrentActor : IBindableFromHttpContext<CurrentActor>
{
    private static readonly object AccessKey = new();
    private static readonly object ActorKey = new();

    private CurrentActor(Actor? actor) => Actor = actor;

    /// <summary>The caller, or null (anonymous or suspended).</summary>
    public Actor? Actor { get; }

    /// <summary>The caller on a route that requires an active account (its authorization already checked that there is one).</summary>
    public Actor Required => Actor ?? throw new InvalidOperationException("An authorized request has an actor.");

    /// <inheritdoc/>
    public static async ValueTask<CurrentActor?> BindAsync(HttpContext context, ParameterInfo parameter) => await OfAsync(context);

    /// <summary>The caller of <paramref name="http"/>'s request, resolved once.</summary>
    public static async Task<CurrentActor> OfAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(ActorKey, out var known) && known is CurrentActor actor)
        {
            return actor;
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var resolved = new CurrentActor(await ResolveAsync(http.User, id => AccessAsync(http, id, grains)));
        http.Items[ActorKey] = resolved;
        return resolved;
    }

    /// <summary>The account's live record for this request, read once (the authorization handler and the actor share it).</summary>
    public static Task<UserAccess> AccessAsync(HttpContext http, string userId, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        if (http.Items.TryGetValue(AccessKey, out var known) && known is (string id, Task<UserAccess> read) && id == userId)
        {
            return read;
        }

        var access = grains.GetGrain<IUserGrain>(userId).GetAccessAsync();
        http.Items[AccessKey] = (userId, access);
        return access;
    }

    /// <summary>The actor of any authenticated principal (the hub resolves its callers with it).</summary>
    public static Task<Actor?> ResolveAsync(ClaimsPrincipal? user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return ResolveAsync(user, id => grains.GetGrain<IUserGrain>(id).GetAccessAsync());
    }

    private static async Task<Actor?> ResolveAsync(ClaimsPrincipal? user, Func<string, Task<UserAccess>> access)
    {
        if (user?.Identity?.IsAuthenticated != true || CurrentUser.Id(user) is not { } id)
        {
            return null;
        }

        var account = await access(id);
        if (account.Known && !PlatformRoles.IsActive(account.Roles))
        {
            // Suspended: nobody, everywhere and at once (also on routes open to everyone), whatever the token says.
            return null;
        }

        return new Actor(id, account.Profile?.DisplayName ?? CurrentUser.Name(user), account.Profile?.CityId ?? user.FindFirstValue("city"), account.Profile?.UserName ?? user.FindFirstValue("preferred_username"));
    }
}
