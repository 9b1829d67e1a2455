namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;

/// <summary>
/// Pilots on the hub (<see cref="IPilotsHub"/>): a pilot's page follows the pilot (readers of its lab, as
/// <c>GET /api/pilots/{id}</c>: the pilot grain decides), the dashboard follows each ClimHub (anyone, as
/// <c>GET /api/dashboard</c>; its event names only the hub).
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a pilot live; a non-reader hears exactly what a missing pilot says.</summary>
    [AllowAnonymous]
    public async Task<PilotView> WatchPilot(string pilotId)
    {
        var notFound = $"there is no pilot '{pilotId}'.";
        var pilot = PilotIds.IsValid(pilotId) ? grains.GetGrain<IPilotGrain>(pilotId) : null;
        var actor = await AnyActorAsync();
        if (pilot is null || (await pilot.ViewAsync(actor)).Value is not { } first)
        {
            throw Refused(ErrorCodes.NotFound, notFound);
        }

        // Watched under the pilot's lab, so losing the lab drops the watch; read again after subscribing.
        return await WatchReadableAsync(TopicNames.Pilot(pilotId), first.Summary.LabId, async () => (await pilot.ViewAsync(actor)).Value, notFound);
    }

    /// <summary>Stops following a pilot.</summary>
    [AllowAnonymous]
    public async Task UnwatchPilot(string pilotId)
    {
        if (PilotIds.IsValid(pilotId))
        {
            await StopWatchingAsync(TopicNames.Pilot(pilotId));
        }
    }

    /// <summary>Follows a ClimHub's pilots for the dashboard (anyone); an unknown hub is not found.</summary>
    [AllowAnonymous]
    public async Task<ClimHub> WatchPilotDashboard(string hubId)
    {
        if (ClimHubs.Find(hubId) is not { } hub)
        {
            throw Refused(ErrorCodes.NotFound, $"there is no hub '{hubId}'.");
        }

        // No lab: the event carries only the hub, and the dashboard it makes the page read is cut per reader.
        await StartWatchingAsync(TopicNames.PilotDashboard(hub.Id), null);
        return hub;
    }

    /// <summary>Stops following a hub's dashboard.</summary>
    [AllowAnonymous]
    public async Task UnwatchPilotDashboard(string hubId)
    {
        if (ClimHubs.Find(hubId) is { } hub)
        {
            await StopWatchingAsync(TopicNames.PilotDashboard(hub.Id));
        }
    }
}
