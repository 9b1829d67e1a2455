namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
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
        var lab = LabIds.IsValid(labId) ? grains.GetGrain<ILabGrain>(labId) : null;
        var actor = await AnyActorAsync();
        if (lab is null || !await lab.AllowsAsync(actor, LabAction.Read))
        {
            throw Refused(ErrorCodes.NotFound, $"there is no lab '{labId}'.");
        }

        return await WatchReadableAsync(TopicNames.Lab(labId), labId, async () => (await lab.ViewAsync(actor)).Value, $"there is no lab '{labId}'.");
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
