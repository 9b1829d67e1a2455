namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// The browser's hub. Thin: authenticate, call one grain, translate the answer. The grains decide who
/// may do what (they ask the lab's access rule themselves); the hub only says who is asking. City
/// profiles are public (the network's partner list), so watching them needs no sign-in.
/// </summary>
public sealed partial class LiveHub(IGrainFactory grains, TopicSubscriptions subscriptions, Microsoft.Extensions.Options.IOptions<BoardOptions> boardOptions) : Hub<ILiveClient>, ILiveHub
{
    private const string ActorKey = "actor";

    private Task<Actor?>? caller;

    [AllowAnonymous]
    public async Task<CityDto> WatchCity(string cityId)
    {
        if (!CityIds.IsValid(cityId))
        {
            throw Refused(ErrorCodes.InvalidArgument, "a city id is 2 to 40 lower-case letters, digits or dashes.");
        }

        var city = grains.GetGrain<ICityGrain>(cityId);
        if (await city.GetAsync() is null)
        {
            throw Refused(ErrorCodes.NotFound, $"there is no city '{cityId}'.");
        }

        var topic = TopicNames.City(cityId);
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        await subscriptions.WatchAsync(Context.ConnectionId, topic);

        // Read after subscribing, so that no change falls between the answer and the first event.
        var current = await city.GetAsync();
        return current!.ToDto();
    }

    [AllowAnonymous]
    public async Task UnwatchCity(string cityId)
    {
        if (!CityIds.IsValid(cityId))
        {
            throw Refused(ErrorCodes.InvalidArgument, "a city id is 2 to 40 lower-case letters, digits or dashes.");
        }

        await StopWatchingAsync(TopicNames.City(cityId));
    }

    /// <summary>
    /// Where the protocol sends an invocation whose arguments could not be bound (wrong types or shapes),
    /// so that it fails with a coded error like every other refusal (see <see cref="CodedJsonHubProtocol"/>).
    /// </summary>
    [AllowAnonymous]
    public Task RefuseArguments(string method) =>
        throw Refused(ErrorCodes.InvalidArgument, $"the arguments of '{method}' do not have the types it takes (see docs/protocol.md).");

    public override async Task OnConnectedAsync()
    {
        HubMetrics.Connections.Add(1);
        var actor = await CallerAsync();
        Context.Items[ActorKey] = actor;
        await subscriptions.ConnectedAsync(Context.ConnectionId, actor?.UserId, actor?.CityId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        HubMetrics.Connections.Add(-1);
        foreach (var topic in subscriptions.TopicsOf(Context.ConnectionId))
        {
            if (TopicNames.TryParse(topic, out var kind, out var id) && kind == TopicNames.BoardKind)
            {
                await grains.GetGrain<IBoardGrain>(id).LeaveAsync(Context.ConnectionId);
            }
            else if (kind == TopicNames.SessionKind)
            {
                // Ends the workshop stay of this connection (nothing when it only watched).
                await grains.GetGrain<Abstractions.Sessions.ISessionGrain>(id).LeaveWorkshopAsync(Context.ConnectionId);
            }
        }

        await subscriptions.DisconnectedAsync(Context.ConnectionId);
        (Context.Items.TryGetValue(RateLimiterKey, out var limiter) ? limiter as IDisposable : null)?.Dispose();
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The caller as the grains see them, for methods that require an active account (the authorization
    /// handler checked that on this very call): read once per connection. A suspension also ends the
    /// connection's watches at once (<see cref="NodeObserver"/>).
    /// </summary>
    private async Task<Actor> SignedInActorAsync()
    {
        if (Context.Items.TryGetValue(ActorKey, out var known) && known is Actor actor && actor.UserId == Context.UserIdentifier
            && subscriptions.PersonOf(Context.ConnectionId).UserId == actor.UserId)
        {
            return actor;
        }

        var fresh = await CallerAsync() ?? throw Refused(ErrorCodes.Unauthorized, "sign in first.");
        Context.Items[ActorKey] = fresh;
        await RegisterAgainAsync(fresh);
        return fresh;
    }

    /// <summary>
    /// The caller for methods open to everyone: resolved once per hub call (a hub instance serves one
    /// call), so a suspended account is nobody at once.
    /// </summary>
    private async Task<Actor?> AnyActorAsync()
    {
        var actor = await CallerAsync();
        await RegisterAgainAsync(actor);
        return actor;
    }

    /// <summary>
    /// A suspension made this connection nobody on the node (and dropped its watch of the account); when
    /// the account is active again on the same connection, the node learns who it is again, so that its new
    /// watches belong to the person and a next suspension is heard.
    /// </summary>
    private async Task RegisterAgainAsync(Actor? actor)
    {
        if (actor is not null && subscriptions.PersonOf(Context.ConnectionId).UserId != actor.UserId)
        {
            Context.Items[ActorKey] = actor;
            await subscriptions.ConnectedAsync(Context.ConnectionId, actor.UserId, actor.CityId);
        }
    }

    private Task<Actor?> CallerAsync() => caller ??= CurrentActor.ResolveAsync(Context.User, grains);

    /// <summary>A refusal to raise from a hub method; <see cref="CodedErrorsFilter"/> answers it as the coded hub error.</summary>
    private static RefusalException Refused(string code, string message) => new(new Refusal(code, message));

    /// <summary>
    /// Watches an object of lab <paramref name="labId"/> that its grain just let the caller read:
    /// subscribes, then reads it again (so no change falls between the answer and the first event) and
    /// stops again if access ended in between (so a revocation cannot be missed).
    /// </summary>
    private async Task<T> WatchReadableAsync<T>(string topic, string labId, Func<Task<T?>> read, string notFound)
        where T : class
    {
        await StartWatchingAsync(topic, labId);
        if (await read() is { } current)
        {
            return current;
        }

        await StopWatchingAsync(topic);
        throw Refused(ErrorCodes.NotFound, notFound);
    }

    private async Task StartWatchingAsync(string topic, string? labId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        await subscriptions.WatchAsync(Context.ConnectionId, topic, labId);
    }

    private async Task StopWatchingAsync(string topic)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
        await subscriptions.UnwatchAsync(Context.ConnectionId, topic);
    }
}
