namespace Climaborough.Storage.Azure;

using Climaborough.Abstractions.Storage;
using global::Azure;
using global::Azure.Storage.Blobs;
using global::Azure.Storage.Blobs.Models;

/// <summary>
/// Files as block blobs; an upload replaces the blob only once it is complete. Large uploads are staged in
/// blocks of 4 MiB and committed at the end (the SDK's transfer options), so a file is never held whole in memory.
/// </summary>
public sealed class BlobFileStore(BlobContainerClient container) : IFileStore
{
    public async Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        await container.GetBlobClient(name).UploadAsync(
            content,
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = new global::Azure.Storage.StorageTransferOptions { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024 },
            },
            cancellationToken);
    }

    public async Task<StoredFile?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        try
        {
            var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new StoredFile(name, result.Value.Details.ContentType ?? "application/octet-stream", result.Value.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        try
        {
            return await container.GetBlobClient(name).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
