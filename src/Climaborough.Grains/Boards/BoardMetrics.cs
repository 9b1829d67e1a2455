namespace Climaborough.Grains.Boards;

using System.Diagnostics.Metrics;

/// <summary>
/// Metrics of boards (meter <c>Climaborough.Boards</c>): what an operator watches on a live workshop.
/// Read them with <c>dotnet-counters monitor -n Climaborough.Server --counters Climaborough.Boards</c>
/// or any OpenTelemetry collector.
/// </summary>
public static class BoardMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Climaborough.Boards";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Ops applied and made durable.</summary>
    public static readonly Counter<long> OpsApplied = Meter.CreateCounter<long>("climaborough.board.ops", "{op}", "Board ops made durable and broadcast.");

    /// <summary>Ops refused (by error code).</summary>
    public static readonly Counter<long> OpsRefused = Meter.CreateCounter<long>("climaborough.board.ops.refused", "{op}", "Board ops refused with a typed error.");

    /// <summary>Time from applying an op in memory to its acknowledgement (its log write).</summary>
    public static readonly Histogram<double> AckLatency = Meter.CreateHistogram<double>("climaborough.board.ack_latency", "ms", "From an op's arrival at the board to its durable acknowledgement.");

    /// <summary>Duration of one group-commit write of a board's log.</summary>
    public static readonly Histogram<double> StorageLatency = Meter.CreateHistogram<double>("climaborough.board.log_write", "ms", "Duration of one log write (a group commit).");

    /// <summary>Ops per group-commit write.</summary>
    public static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>("climaborough.board.batch_size", "{op}", "Ops written together in one group commit.");
}
