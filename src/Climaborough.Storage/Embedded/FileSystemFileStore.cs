namespace Climaborough.Storage.Embedded;

using Climaborough.Abstractions.Storage;

/// <summary>Files under <c>{data}/files</c>; the content type is kept beside it under <c>{data}/files-meta</c>.</summary>
public sealed class FileSystemFileStore(string root) : IFileStore
{
    public async Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            var meta = MetaPathFor(name);
            Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
            await File.WriteAllTextAsync(meta, contentType, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<StoredFile?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var meta = MetaPathFor(name);
        var type = File.Exists(meta) ? await File.ReadAllTextAsync(meta, cancellationToken) : "application/octet-stream";
        return new StoredFile(name, type, await File.ReadAllBytesAsync(path, cancellationToken));
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name);
        File.Delete(path);
        File.Delete(MetaPathFor(name));
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    private string MetaPathFor(string name) =>
        Path.Combine(root, "files-meta", name.Replace('/', Path.DirectorySeparatorChar) + ".type");

    private string PathFor(string name)
    {
        StorageNames.Validate(name);
        return Path.Combine(root, "files", name.Replace('/', Path.DirectorySeparatorChar));
    }
}
