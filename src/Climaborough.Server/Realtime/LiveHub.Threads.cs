namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
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
        var actor = await AnyActorAsync();
        if (thread is null || !(await thread.ViewAsync(actor, labId)).Ok)
        {
            throw Refused(ErrorCodes.NotFound, $"there is no thread '{threadId}'.");
        }

        return await WatchReadableAsync(TopicNames.Thread(threadId), labId, async () => (await thread.ViewAsync(actor, labId)).Value, $"there is no thread '{threadId}'.");
    }

    /// <summary>Stops following a thread live.</summary>
    [AllowAnonymous]
    public async Task UnwatchThread(string threadId)
    {
        if (ThreadIds.IsValid(threadId))
        {
            await StopWatchingAsync(TopicNames.Thread(threadId));
        }
    }

    /// <summary>Receives the caller's own notifications live; answers the current ones.</summary>
    [Authorize]
    public async Task<NotificationList> WatchNotifications()
    {
        var actor = await SignedInActorAsync();
        await StartWatchingAsync(TopicNames.User(actor.UserId), null);
        return await grains.GetGrain<INotificationGrain>(actor.UserId).ListAsync();
    }
}
