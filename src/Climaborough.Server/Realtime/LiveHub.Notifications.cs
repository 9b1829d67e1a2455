namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;

/// <summary>The notifications' part of the hub (<see cref="INotificationsHub"/>): a signed-in person's own notifications.</summary>
public sealed partial class LiveHub
{
    /// <summary>Receives the caller's own notifications live; answers the current ones.</summary>
    [Authorize]
    public async Task<NotificationList> WatchNotifications()
    {
        var actor = await SignedInActorAsync();
        await StartWatchingAsync(TopicNames.User(actor.UserId), null);
        return await grains.GetGrain<INotificationGrain>(actor.UserId).ListAsync();
    }
}
