namespace Climaborough.Contracts;

/// <summary>
/// The pilots' part of <see cref="ILiveHub"/> (writing goes over REST): a pilot page follows its pilot, the
/// network dashboard follows each hub's pilots. The events say only that something changed; the page reads
/// its view again over REST, which answers as the reader may see it.
/// </summary>
public interface IPilotsHub
{
    /// <summary>Follows a pilot live (readers of its lab, like <c>GET /api/pilots/{id}</c>); answers the pilot.</summary>
    Task<PilotView> WatchPilot(string pilotId);

    /// <summary>Stops following a pilot.</summary>
    Task UnwatchPilot(string pilotId);

    /// <summary>Follows every pilot of a ClimHub for the dashboard (anyone, like <c>GET /api/dashboard</c>); answers the hub.</summary>
    Task<ClimHub> WatchPilotDashboard(string hubId);

    /// <summary>Stops following a hub's dashboard.</summary>
    Task UnwatchPilotDashboard(string hubId);
}

/// <summary>The pilots' part of <see cref="ILiveClient"/>.</summary>
public interface IPilotsClient
{
    /// <summary>A watched pilot changed (a milestone, a measurement, the stage or status, a tender, a barrier…): read it again.</summary>
    Task PilotChanged(string pilotId);

    /// <summary>A pilot of a watched hub changed: read the dashboard again (it carries no pilot, so a reader learns nothing of pilots they may not read).</summary>
    Task PilotDashboardChanged(string hubId);
}
