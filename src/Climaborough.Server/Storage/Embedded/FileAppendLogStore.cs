namespace Climaborough.Server.Storage.Embedded;

using System.Collections.Concurrent;
using Climaborough.Abstractions.Storage;

/// <summary>Append-only logs as files under <c>{data}/logs</c>.</summary>
public sealed class FileAppendLogStore(string root, bool fsync) : IAppendLogStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new();

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

            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
            await file.WriteAsync(frames, cancellationToken);
            await file.FlushAsync(cancellationToken);
            if (fsync)
            {
                file.Flush(flushToDisk: true);
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
            File.Delete(path);
            checkedTails.TryRemove(path, out _);
        }
        finally
        {
            gate.Release();
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
