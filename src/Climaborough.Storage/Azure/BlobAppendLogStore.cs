namespace Climaborough.Storage.Azure;

using Climaborough.Abstractions.Storage;
using global::Azure;
using global::Azure.Storage.Blobs;
using global::Azure.Storage.Blobs.Specialized;

/// <summary>
/// Append-only logs as append blobs: one append block per call, so a group commit is one request and
/// the service's acknowledgement makes it durable. An append blob holds at most 50,000 blocks, so
/// callers roll long logs into segments.
/// </summary>
public sealed class BlobAppendLogStore(BlobContainerClient container) : IAppendLogStore
{
    public async Task AppendAsync(string logName, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        StorageNames.Validate(logName);
        var frames = LogFraming.Frame(records);
        var blob = container.GetAppendBlobClient(logName);
        try
        {
            await AppendOnceAsync(blob, frames, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await AppendOnceAsync(blob, frames, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string logName, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(logName);
        try
        {
            var content = await container.GetBlobClient(logName).DownloadContentAsync(cancellationToken);
            return LogFraming.Parse(content.Value.Content.ToMemory().Span).Records;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    public async Task DeleteAsync(string logName, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(logName);
        await container.GetBlobClient(logName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private static async Task AppendOnceAsync(AppendBlobClient blob, byte[] frames, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(frames, writable: false);
        await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
    }
}
