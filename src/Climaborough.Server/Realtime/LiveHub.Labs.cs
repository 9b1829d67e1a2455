namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

/// <summary>The hub's living-lab methods: follow a lab's membership and activity live.</summary>
public sealed partial class LiveHub
{
    /// <summary>Public labs can be followed without signing in; others need read access (same rule as <c>GET /api/labs/{id}</c>).</summary>
    [AllowAnonymous]
    public async Task<LabDetails> WatchLab(string labId)
    {
        var lab = LabIds.IsValid(labId) ? grains.GetGrain<IWorkspaceGrain>(labId) : null;
        var actor = await AnyActorAsync();
        if (lab is null || !await lab.AllowsAsync(actor, LabAction.Read))
        {
            throw new HubException($"{HubErrorCodes.NotFound}: there is no lab '{labId}'.");
        }

        var topic = TopicNames.Lab(labId);
        await StartWatchingAsync(topic, labId);

        // Read after subscribing, so that no change falls between the answer and the first event; and
        // checked again, so that access lost in between is not missed.
        var view = await lab.ViewAsync(actor);
        if (view.Value is null)
        {
            await StopWatchingAsync(topic);
            throw new HubException($"{HubErrorCodes.NotFound}: there is no lab '{labId}'.");
        }

        return view.Value;
    }

    /// <summary>Stops following a lab.</summary>
    [AllowAnonymous]
    public async Task UnwatchLab(string labId)
    {
        if (LabIds.IsValid(labId))
        {
            await StopWatchingAsync(TopicNames.Lab(labId));
        }
    }
}
