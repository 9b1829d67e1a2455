namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>Live workshops on the hub: watching a session needs read access to its lab (the session grain asks it).</summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a workshop's steps and timer live (readers of its lab); answers the session.</summary>
    [AllowAnonymous]
    public async Task<SessionView> WatchSession(string labId, string sessionId)
    {
        var session = LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) ? grains.GetGrain<ISessionGrain>(sessionId) : null;
        var actor = await AnyActorAsync();
        if (session is null || !(await session.ViewAsync(actor, labId)).Ok)
        {
            throw new HubException($"{HubErrorCodes.NotFound}: there is no session '{sessionId}'.");
        }

        return await WatchReadableAsync(TopicNames.Session(sessionId), labId, async () => (await session.ViewAsync(actor, labId)).Value, $"there is no session '{sessionId}'.");
    }

    /// <summary>Stops following a workshop live.</summary>
    [AllowAnonymous]
    public async Task UnwatchSession(string sessionId)
    {
        if (SessionIds.IsValid(sessionId))
        {
            await StopWatchingAsync(TopicNames.Session(sessionId));
        }
    }
}
