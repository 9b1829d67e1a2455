namespace Climaborough.Grains.Realtime;

using Climaborough.Abstractions.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

/// <summary>
/// The observers (one per node) of one grain. Nodes renew their registration well within
/// <see cref="Expiry"/>, so a node that died stops being called without anyone unsubscribing it.
/// </summary>
public sealed class TopicPublisher(ILogger logger)
{
    /// <summary>How long a registration lives without renewal.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<INodeObserver> observers = new(Expiry, logger);

    /// <summary>Number of nodes currently registered.</summary>
    public int Count => observers.Count;

    /// <summary>Registers or renews a node.</summary>
    public void Subscribe(INodeObserver observer) => observers.Subscribe(observer, observer);

    /// <summary>Removes a node.</summary>
    public void Unsubscribe(INodeObserver observer) => observers.Unsubscribe(observer);

    /// <summary>Sends the event to every registered node.</summary>
    public void Publish(LiveEvent liveEvent) => observers.Notify(o => o.OnEventAsync(liveEvent));

    /// <summary>How long a revocation waits for a node (a dead node is dropped by expiry anyway).</summary>
    public static readonly TimeSpan RevocationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls every registered node and waits until each has acted (or <see cref="RevocationTimeout"/>
    /// passed): a revocation completes only once no node still delivers to those who lost access.
    /// </summary>
    public async Task RevokeAsync(Func<INodeObserver, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var calls = observers.Select(async o =>
        {
            try
            {
                await call(o).WaitAsync(RevocationTimeout);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A node did not confirm a revocation in time");
            }
        }).ToList();
        await Task.WhenAll(calls);
    }
}
