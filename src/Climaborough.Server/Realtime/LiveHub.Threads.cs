namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>Threads on the hub (<see cref="IThreadsHub"/>): following a thread needs read access to its lab.</summary>
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
}
