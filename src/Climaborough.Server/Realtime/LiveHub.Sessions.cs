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

        var topic = TopicNames.Session(sessionId);
        await StartWatchingAsync(topic, labId);

        // Read after subscribing, so that no change falls between the answer and the first event; and
        // checked again, so that access lost in between is not missed.
        var view = await session.ViewAsync(actor, labId);
        if (view.Value is null)
        {
            await StopWatchingAsync(topic);
            throw new HubException($"{HubErrorCodes.NotFound}: there is no session '{sessionId}'.");
        }

        return view.Value;
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
