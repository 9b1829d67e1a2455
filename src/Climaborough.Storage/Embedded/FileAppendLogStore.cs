namespace Climaborough.Storage.Embedded;

using System.Collections.Concurrent;
using Climaborough.Abstractions.Storage;

/// <summary>
/// Append-only logs as files under <c>{data}/logs</c>. Files stay open between appends (a hot board
/// appends hundreds of times a second); each append is one write system call, plus fsync if asked.
/// </summary>
public sealed class FileAppendLogStore(string root, bool fsync) : IAppendLogStore, IDisposable
{
    private const int MaxOpenFiles = 256;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new();
    private readonly ConcurrentDictionary<string, FileStream> open = new();

    // Logs whose tail this process has checked: a torn tail left by a crash is cut off before the
    // first append, so that later records are never hidden behind it.
    private readonly ConcurrentDictionary<string, bool> checkedTails = new();

    public async Task AppendAsync(string logName, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        var path = PathFor(logName);
        var frames = LogFraming.Frame(records);
        var gate = locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!checkedTails.ContainsKey(path))
            {
                await TruncateTornTailAsync(path, cancellationToken);
                checkedTails[path] = true;
            }

            var file = open.GetOrAdd(path, p =>
            {
                if (open.Count >= MaxOpenFiles)
                {
                    CloseAll();
                }

                return new FileStream(p, FileMode.Append, FileAccess.Write, FileShare.Read, 1);
            });
            try
            {
                // Buffer size 1: the write goes to the OS at once (survives a process crash).
                file.Write(frames);
                if (fsync)
                {
                    file.Flush(flushToDisk: true);
                }
            }
            catch
            {
                // Do not reuse a handle in an unknown state; the next append reopens and re-checks the tail.
                open.TryRemove(path, out _);
                checkedTails.TryRemove(path, out _);
                await file.DisposeAsync();
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string logName, CancellationToken cancellationToken = default)
    {
        var path = PathFor(logName);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            return LogFraming.Parse(bytes).Records;
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    public async Task DeleteAsync(string logName, CancellationToken cancellationToken = default)
    {
        var path = PathFor(logName);
        var gate = locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (open.TryRemove(path, out var file))
            {
                await file.DisposeAsync();
            }

            File.Delete(path);
            checkedTails.TryRemove(path, out _);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes every open log file.</summary>
    public void Dispose() => CloseAll();

    /// <summary>Closes the open files no append is using now (the others close on a later call).</summary>
    private void CloseAll()
    {
        foreach (var key in open.Keys)
        {
            var gate = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            if (!gate.Wait(0))
            {
                continue;
            }

            try
            {
                if (open.TryRemove(key, out var file))
                {
                    file.Dispose();
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static async Task TruncateTornTailAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var valid = LogFraming.Parse(bytes).ValidLength;
        if (valid < bytes.Length)
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(valid);
            file.Flush(flushToDisk: true);
        }
    }

    private string PathFor(string logName)
    {
        StorageNames.Validate(logName);
        return Path.Combine(root, "logs", logName.Replace('/', Path.DirectorySeparatorChar) + ".log");
    }
}
