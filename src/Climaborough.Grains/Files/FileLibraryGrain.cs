namespace Climaborough.Grains.Files;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;
using Microsoft.Extensions.Options;

/// <summary>See <see cref="IFileLibraryGrain"/>. Not reentrant: a quota check and the record it allows happen in one turn.</summary>
public sealed class FileLibraryGrain(
    [PersistentState("files")] IPersistentState<FileLibraryState> state,
    IFileStore store,
    IOptions<LabFileOptions> options) : Grain, IFileLibraryGrain
{
    private const string NoSuchFile = "There is no such file.";

    private string LabId => this.GetPrimaryKeyString();

    private Dictionary<string, StoredLabFile> Files => state.State.Files;

    private LabFileOptions Limits => options.Value;

    public async Task<Outcome<UploadAllowance>> AllowUploadAsync(Actor actor)
    {
        if ((await AccessAsync(actor)).Refuse(LabAction.Contribute, "There is no such lab.", "Your role in this lab does not allow uploading files.") is { } refusal)
        {
            return refusal;
        }

        return new Outcome<UploadAllowance>(new UploadAllowance(Limits.MaxFileBytes, Math.Max(0, Limits.LabQuotaBytes - UsedBytes())));
    }

    public async Task<Outcome<LabFile>> AddAsync(Actor actor, StoredLabFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if ((await AccessAsync(actor)).Refuse(LabAction.Contribute, "There is no such lab.", "Your role in this lab does not allow uploading files.") is { } refusal)
        {
            return refusal;
        }

        if (file.Size > Limits.MaxFileBytes)
        {
            return new Refusal(ErrorCodes.FileTooLarge, $"The file is larger than the limit of {Limits.MaxFileBytes} bytes.");
        }

        var added = InUse(file.Sha256) ? 0 : file.Size;
        if (UsedBytes() + added > Limits.LabQuotaBytes)
        {
            return new Refusal(ErrorCodes.QuotaExceeded, $"The lab's files would use more than its quota of {Limits.LabQuotaBytes} bytes ({UsedBytes()} used).");
        }

        var stored = file with { UploaderId = actor.UserId, UploaderName = actor.Name };
        Files[stored.Id] = stored;
        await state.WriteStateAsync();
        return new Outcome<LabFile>(ToView(stored));
    }

    public async Task DiscardAsync(string sha256)
    {
        if (!InUse(sha256))
        {
            await DeleteBytesAsync(sha256);
        }
    }

    public async Task<Outcome<LabFiles>> ListAsync(Actor? actor)
    {
        if ((await AccessAsync(actor)).Refuse(LabAction.Read, "There is no such lab.") is { } refusal)
        {
            return refusal;
        }

        var list = Files.Values.OrderByDescending(f => f.UploadedAt).ThenBy(f => f.Id, StringComparer.Ordinal).Select(ToView).ToList();
        return new Outcome<LabFiles>(new LabFiles(list, UsedBytes(), Limits.LabQuotaBytes, Limits.MaxFileBytes));
    }

    public async Task<Outcome<StoredLabFile>> GetAsync(Actor? actor, string fileId)
    {
        if ((await AccessAsync(actor)).Refuse(LabAction.Read, NoSuchFile) is { } refusal)
        {
            return refusal;
        }

        return Files.TryGetValue(fileId, out var file) ? new Outcome<StoredLabFile>(file) : Refusal.NotFound(NoSuchFile);
    }

    public Task<StoredLabFile?> FindAsync(string fileId) => Task.FromResult(Files.GetValueOrDefault(fileId));

    public async Task<Outcome<bool>> DeleteAsync(Actor actor, string fileId)
    {
        var access = await AccessAsync(actor);
        if (access.Refuse(LabAction.Read, NoSuchFile) is { } notReader)
        {
            return notReader;
        }

        if (!Files.TryGetValue(fileId, out var file))
        {
            return Refusal.NotFound(NoSuchFile);
        }

        var own = file.UploaderId == actor.UserId && access.Contribute;
        if (!own && !access.Moderate)
        {
            return Refusal.Forbidden("Only the person who uploaded a file, or a moderator, may delete it.");
        }

        Files.Remove(fileId);
        if (state.State.Holders.ContainsKey(fileId))
        {
            // A stored board version shows it: gone from the lab, kept for that version until it is pruned.
            state.State.Withdrawn[fileId] = file;
        }

        await state.WriteStateAsync();
        if (!InUse(file.Sha256))
        {
            await DeleteBytesAsync(file.Sha256);
        }

        return new Outcome<bool>(true);
    }

    public async Task HoldAsync(string holder, IReadOnlyList<string> fileIds)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        var changed = false;
        foreach (var id in fileIds.Where(Files.ContainsKey))
        {
            if (!state.State.Holders.TryGetValue(id, out var holders))
            {
                state.State.Holders[id] = holders = new HashSet<string>(StringComparer.Ordinal);
            }

            changed |= holders.Add(holder);
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task ReleaseAsync(string holder)
    {
        var held = state.State.Holders.Where(h => h.Value.Contains(holder)).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var gone = new List<StoredLabFile>();
        foreach (var (id, holders) in held)
        {
            holders.Remove(holder);
            if (holders.Count > 0)
            {
                continue;
            }

            state.State.Holders.Remove(id);
            if (state.State.Withdrawn.Remove(id, out var file))
            {
                gone.Add(file);
            }
        }

        await state.WriteStateAsync();
        foreach (var sha in gone.Select(f => f.Sha256).Distinct(StringComparer.Ordinal).Where(sha => !InUse(sha)))
        {
            await DeleteBytesAsync(sha);
        }
    }

    public Task<StoredLabFile?> FindHeldAsync(string holder, string fileId) =>
        Task.FromResult(state.State.Holders.TryGetValue(fileId, out var holders) && holders.Contains(holder) ? Files.GetValueOrDefault(fileId) ?? state.State.Withdrawn.GetValueOrDefault(fileId) : null);

    public Task<StoredLabFile?> FindForLinkAsync(string fileId) => Task.FromResult(Files.GetValueOrDefault(fileId) ?? state.State.Withdrawn.GetValueOrDefault(fileId));

    /// <summary>Whether any file, or a deleted file a board version holds, has this content.</summary>
    private bool InUse(string sha256) => Files.Values.Any(f => f.Sha256 == sha256) || state.State.Withdrawn.Values.Any(f => f.Sha256 == sha256);

    /// <summary>Space used: each distinct content once (identical files are stored once), including what board versions still hold.</summary>
    private long UsedBytes() => Files.Values.Concat(state.State.Withdrawn.Values).DistinctBy(f => f.Sha256).Sum(f => f.Size);

    private async Task DeleteBytesAsync(string sha256)
    {
        await store.DeleteAsync(FileBlobs.Content(LabId, sha256));
        await store.DeleteAsync(FileBlobs.Thumbnail(LabId, sha256));
    }

    private Task<LabAccess> AccessAsync(Actor? actor) => GrainFactory.GetGrain<ILabGrain>(LabId).AccessAsync(actor);

    private static LabFile ToView(StoredLabFile f) => new(f.Id, f.Name, f.Size, f.ContentType, f.UploaderId, f.UploaderName, f.UploadedAt, f.Width, f.Height);
}
