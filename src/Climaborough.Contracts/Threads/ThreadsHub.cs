namespace Climaborough.Contracts;

/// <summary>The discussion threads' part of <see cref="ILiveHub"/>.</summary>
public interface IThreadsHub
{
    /// <summary>Follows a thread's posts live (needs read access to its lab); answers the thread.</summary>
    Task<ThreadView> WatchThread(string labId, string threadId);

    /// <summary>Stops following a thread live.</summary>
    Task UnwatchThread(string threadId);
}

/// <summary>The discussion threads' part of <see cref="ILiveClient"/>.</summary>
public interface IThreadsClient
{
    /// <summary>A post of a watched thread was added or changed (as every reader sees it: a hidden post comes without text).</summary>
    Task ThreadChanged(string threadId, PostView post, ThreadSummary summary);
}
