namespace Climaborough.Grains.Tests.Realtime;

using System.Threading.Channels;
using Climaborough.Abstractions.Realtime;

/// <summary>A node observer that records what it gets, for tests.</summary>
internal sealed class RecordingNodeObserver : INodeObserver
{
    private readonly Channel<LiveEvent> channel = Channel.CreateUnbounded<LiveEvent>();
    private readonly List<LiveEvent> all = [];

    public IReadOnlyList<LiveEvent> All
    {
        get
        {
            lock (all)
            {
                return [.. all];
            }
        }
    }

    public Task OnEventAsync(LiveEvent liveEvent)
    {
        lock (all)
        {
            all.Add(liveEvent);
        }

        channel.Writer.TryWrite(liveEvent);
        return Task.CompletedTask;
    }

    /// <summary>Revocations received: a lab's new readers, or a suspended account's id.</summary>
    public List<object> Revocations { get; } = [];

    public Task LabAccessChangedAsync(LabAccessChanged change)
    {
        lock (Revocations)
        {
            Revocations.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task AccountSuspendedAsync(string userId)
    {
        lock (Revocations)
        {
            Revocations.Add(userId);
        }

        return Task.CompletedTask;
    }

    public async Task<T> NextAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : LiveEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await channel.Reader.ReadAsync(cts.Token) is T e && match(e))
            {
                return e;
            }
        }
    }
}
