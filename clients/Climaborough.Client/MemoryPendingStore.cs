namespace Climaborough.Client;

using System.Collections.Concurrent;

/// <summary>An <see cref="IPendingStore"/> in memory: for tools, load tests and tests (it survives a new session, not a process).</summary>
public sealed class MemoryPendingStore : IPendingStore
{
    private readonly ConcurrentDictionary<string, PendingChanges> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BoardCopy> copies = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<PendingChanges?> LoadAsync(string boardId) => Task.FromResult(pending.GetValueOrDefault(boardId));

    /// <inheritdoc />
    public Task SaveAsync(string boardId, PendingChanges pending)
    {
        this.pending[boardId] = pending;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<BoardCopy?> LoadCopyAsync(string boardId) => Task.FromResult(copies.GetValueOrDefault(boardId));

    /// <inheritdoc />
    public Task SaveCopyAsync(string boardId, BoardCopy copy)
    {
        copies[boardId] = copy;
        return Task.CompletedTask;
    }
}
