namespace Climaborough.Server.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>
/// Asks every pilot (from the hubs' dashboards) to send the milestone reminders that have come due: once soon
/// after the node starts, then every <see cref="Period"/> on the node's <see cref="TimeProvider"/>. Each pilot
/// grain stores what it sent, so several nodes sweeping, or a restart, never repeat a reminder.
/// </summary>
public sealed partial class MilestoneReminderSweep(IGrainFactory grains, TimeProvider time, ILogger<MilestoneReminderSweep> logger) : BackgroundService
{
    /// <summary>Time between sweeps: a reminder is at most this late.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Delay of the first sweep, so that a starting node serves its first requests first.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>One sweep over every pilot; answers how many reminders were sent.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var hub in ClimHubs.All)
        {
            foreach (var pilot in await grains.GetGrain<IPilotDashboardGrain>(hub.Id).ListAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                sent += await grains.GetGrain<IPilotGrain>(pilot.Summary.Id).SendRemindersAsync();
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(Period, time);
            do
            {
                try
                {
                    var sent = await SweepAsync(stoppingToken);
                    if (sent > 0)
                    {
                        LogSent(sent);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone reminders sent: {Count}")]
    private partial void LogSent(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Milestone reminder sweep failed; the next one tries again")]
    private partial void LogFailed(Exception ex);
}
