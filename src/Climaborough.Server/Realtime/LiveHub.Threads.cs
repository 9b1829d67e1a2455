namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>Threads and notifications on the hub: following a thread needs read access to its lab; notifications are one's own.</summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a thread's new posts and reactions live (read access to its lab); answers the thread.</summary>
    [AllowAnonymous]
    public async Task<ThreadView> WatchThread(string labId, string threadId)
    {
        var thread = LabIds.IsValid(labId) && ThreadIds.IsValid(threadId) ? grains.GetGrain<IThreadGrain>(threadId) : null;
        var actor = await Endpoints.LabsApi.ActorAsync(Context.User, grains);
        if (thread is null || !(await thread.ViewAsync(actor, labId)).Ok)
        {
            throw new HubException($"{HubErrorCodes.NotFound}: there is no thread '{threadId}'.");
        }

        var topic = TopicNames.Thread(threadId);
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        await subscriptions.WatchAsync(Context.ConnectionId, topic);

        // Read after subscribing, so that no post falls between the answer and the first event.
        return (await thread.ViewAsync(actor, labId)).Value ?? throw new HubException($"{HubErrorCodes.NotFound}: there is no thread '{threadId}'.");
    }

    /// <summary>Stops following a thread live.</summary>
    [AllowAnonymous]
    public async Task UnwatchThread(string threadId)
    {
        if (ThreadIds.IsValid(threadId))
        {
            var topic = TopicNames.Thread(threadId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
            await subscriptions.UnwatchAsync(Context.ConnectionId, topic);
        }
    }

    /// <summary>Receives the caller's own notifications live; answers the current ones.</summary>
    [Authorize]
    public async Task<NotificationList> WatchNotifications()
    {
        var topic = TopicNames.User(UserId);
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        await subscriptions.WatchAsync(Context.ConnectionId, topic);
        return await grains.GetGrain<INotificationGrain>(UserId).ListAsync();
    }
}
