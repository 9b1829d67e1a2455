namespace Climaborough.Abstractions.Storage;

/// <summary>
/// Append-only logs of opaque records (the board's durable edit log). A record is durable once
/// <see cref="AppendAsync"/> returns: an OS-level write on the embedded backend (optionally fsynced),
/// the service's acknowledgement on Azure Storage.
/// </summary>
public interface IAppendLogStore
{
    /// <summary>Appends the records, in order, in one storage write (group commit).</summary>
    Task AppendAsync(string logName, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default);

    /// <summary>Every complete record of the log, in append order; an empty list when the log does not exist.</summary>
    Task<IReadOnlyList<byte[]>> ReadAllAsync(string logName, CancellationToken cancellationToken = default);

    /// <summary>Deletes the log; deleting a missing log changes nothing.</summary>
    Task DeleteAsync(string logName, CancellationToken cancellationToken = default);
}

/// <summary>Files (images, attachments, exports) by name.</summary>
public interface IFileStore
{
    /// <summary>Stores the content under <paramref name="name"/>, replacing what was there only once the new content is complete.</summary>
    Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The file, or <c>null</c> when there is none.</summary>
    Task<StoredFile?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the file; deleting a missing file changes nothing.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The file's content as a stream read from storage as it is consumed (large downloads), or <c>null</c> when there is none.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A file read from an <see cref="IFileStore"/>.</summary>
public sealed record StoredFile(string Name, string ContentType, byte[] Content);

/// <summary>Names of logs and files: segments of <c>[a-z0-9._-]</c> separated by <c>/</c>, at most 400 characters.</summary>
public static class StorageNames
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a valid log or file name.</summary>
    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 400)
        {
            throw new ArgumentException("Storage names are at most 400 characters.", nameof(name));
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".."
                || !segment.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_'))
            {
                throw new ArgumentException($"'{name}' is not a valid storage name: use lower-case segments of a-z, 0-9, '.', '-', '_' separated by '/'.", nameof(name));
            }
        }
    }
}
