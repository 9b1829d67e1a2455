namespace Climaborough.Storage.Embedded;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

/// <summary>
/// Grain state in files under <c>{data}/grains</c>, one file per grain and state name, with ETag
/// semantics like Orleans' own providers: a write with a stale ETag fails with
/// <see cref="InconsistentStateException"/>. A file that exists but cannot be read makes the read
/// throw, so the grain refuses to activate rather than start blank and later overwrite what is stored.
/// </summary>
public sealed class FileGrainStorage(string root, IGrainStorageSerializer serializer) : IGrainStorage
{
    // File layout: magic, 32 hex chars of ETag, payload.
    private static readonly byte[] Magic = "CLMB1"u8.ToArray();

    // Version 2 adds a CRC-32 of the payload, so damage is found even where the serializer would
    // happily read a changed payload. Version 1 files (no checksum) are still read.
    private static readonly byte[] Magic2 = "CLMB2"u8.ToArray();
    private const int CrcLength = 4;
    private const int EtagLength = 32;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        var gate = locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            var stored = await ReadFileAsync(path);
            if (stored is null)
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            try
            {
                grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Value.Payload));
            }
            catch (Exception ex)
            {
                throw new IOException($"Stored state '{path}' cannot be read; refusing to activate {grainId} with blank state.", ex);
            }

            grainState.ETag = stored.Value.ETag;
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        var gate = locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await CheckETagAsync(path, grainId, grainState.ETag);
            var etag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(EtagLength / 2));
            var payload = serializer.Serialize(grainState.State).ToMemory();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(Magic2);
                await file.WriteAsync(Encoding.ASCII.GetBytes(etag));
                await file.WriteAsync(System.IO.Hashing.Crc32.Hash(payload.Span));
                await file.WriteAsync(payload);
                await file.FlushAsync();
                file.Flush(flushToDisk: true);
            }

            // Rename is atomic: a crash leaves either the old or the new state, never half of one.
            File.Move(temp, path, overwrite: true);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        var gate = locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await CheckETagAsync(path, grainId, grainState.ETag);
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task CheckETagAsync(string path, GrainId grainId, string? expected)
    {
        var current = (await ReadFileAsync(path))?.ETag;
        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"ETag mismatch for {grainId}: stored '{current ?? "(none)"}', expected '{expected ?? "(none)"}'.", current ?? string.Empty, expected ?? string.Empty);
        }
    }

    private static async Task<(string ETag, byte[] Payload)?> ReadFileAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (bytes.Length >= Magic2.Length + EtagLength + CrcLength && bytes.AsSpan(0, Magic2.Length).SequenceEqual(Magic2))
        {
            var payload = bytes[(Magic2.Length + EtagLength + CrcLength)..];
            if (!System.IO.Hashing.Crc32.Hash(payload).AsSpan().SequenceEqual(bytes.AsSpan(Magic2.Length + EtagLength, CrcLength)))
            {
                throw new IOException($"Stored state '{path}' is damaged (checksum mismatch); refusing to activate with it.");
            }

            return (Encoding.ASCII.GetString(bytes, Magic2.Length, EtagLength), payload);
        }

        if (bytes.Length < Magic.Length + EtagLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new IOException($"Stored state '{path}' is damaged (bad header); refusing to treat it as empty.");
        }

        var etag = Encoding.ASCII.GetString(bytes, Magic.Length, EtagLength);
        return (etag, bytes[(Magic.Length + EtagLength)..]);
    }

    private string PathFor(string stateName, GrainId grainId)
    {
        // Escape so that any grain key maps to one safe file name.
        var type = Uri.EscapeDataString(grainId.Type.ToString()!);
        var key = Uri.EscapeDataString(grainId.Key.ToString()!);
        if (key.Length > 200)
        {
            key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return Path.Combine(root, "grains", Uri.EscapeDataString(stateName), type, key + ".state");
    }
}
