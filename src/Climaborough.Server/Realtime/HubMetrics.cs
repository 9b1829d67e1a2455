namespace Climaborough.Server.Realtime;

using System.Diagnostics.Metrics;

/// <summary>Metrics of the live hub on this node (meter <c>Climaborough.Hub</c>).</summary>
public static class HubMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Climaborough.Hub";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Open hub connections on this node.</summary>
    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("climaborough.hub.connections", "{connection}", "Open SignalR connections on this node.");
}
