namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// The browser's hub. Thin: validate, call one grain, return. City profiles are public (the network's
/// partner list), so watching them needs no sign-in; board methods need a signed-in user, whose id
/// comes from the authenticated identity only.
/// </summary>
public sealed partial class LiveHub(IGrainFactory grains, TopicSubscriptions subscriptions, Microsoft.Extensions.Options.IOptions<BoardOptions> boardOptions) : Hub<ILiveClient>, ILiveHub
{
    [AllowAnonymous]
    public async Task<CityDto> WatchCity(string cityId)
    {
        if (!CityIds.IsValid(cityId))
        {
            throw new HubException($"{HubErrorCodes.InvalidArgument}: a city id is 2 to 40 lower-case letters, digits or dashes.");
        }

        var city = grains.GetGrain<ICityGrain>(cityId);
        if (await city.GetAsync() is null)
        {
            throw new HubException($"{HubErrorCodes.NotFound}: there is no city '{cityId}'.");
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
            throw new HubException($"{HubErrorCodes.InvalidArgument}: a city id is 2 to 40 lower-case letters, digits or dashes.");
        }

        var topic = TopicNames.City(cityId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
        await subscriptions.UnwatchAsync(Context.ConnectionId, topic);
    }

    public override Task OnConnectedAsync()
    {
        HubMetrics.Connections.Add(1);
        return base.OnConnectedAsync();
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
        }

        await subscriptions.DisconnectedAsync(Context.ConnectionId);
        (Context.Items.TryGetValue(RateLimiterKey, out var limiter) ? limiter as IDisposable : null)?.Dispose();
        await base.OnDisconnectedAsync(exception);
    }
}
