namespace Climaborough.Abstractions.Files;

using Climaborough.Contracts;

/// <summary>A lab file attached to a stored item (a post, a lesson, a pilot, a milestone): what it was when attached.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.stored-attachment.v1")]
public sealed record StoredAttachment(
    [property: Id(0)] string FileId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Size,
    [property: Id(3)] string ContentType,
    [property: Id(4)] string UploaderName,
    [property: Id(5)] DateTimeOffset UploadedAt)
{
    /// <summary>The attachment as readers see it.</summary>
    public FileAttachment ToView() => new(FileId, Name, Size, ContentType, UploaderName, UploadedAt);

    /// <summary>The attachment of a stored file.</summary>
    public static StoredAttachment Of(StoredLabFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.Name, file.Size, file.ContentType, file.UploaderName, file.UploadedAt);
    }
}

/// <summary>How an item's grain checks the files it is asked to attach: each must be a file of the item's own lab.</summary>
public static class Attachments
{
    /// <summary>
    /// The records of <paramref name="fileIds"/> in <paramref name="labId"/>'s files, in the order given (duplicates once), or the
    /// refusal's message (<c>attachments: …</c>) when there are too many or one is not a file of that lab.
    /// </summary>
    public static async Task<(IReadOnlyList<StoredAttachment>? Files, string? Problem)> ResolveAsync(IGrainFactory grains, string labId, IReadOnlyList<string>? fileIds)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ids = (fileIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > AttachmentLimits.MaxPerItem)
        {
            return (null, $"attachments: at most {AttachmentLimits.MaxPerItem} files.");
        }

        var library = grains.GetGrain<IFileLibraryGrain>(labId);
        var found = new List<StoredAttachment>(ids.Count);
        foreach (var id in ids)
        {
            if (!FileLimits.IsValidId(id) || await library.FindAsync(id) is not { } file)
            {
                return (null, "attachments: there is no such file in this lab.");
            }

            found.Add(StoredAttachment.Of(file));
        }

        return (found, null);
    }

    /// <summary>
    /// An item's new attachments when it changes (an edited post, a pilot's files): the ids it keeps stay as they were
    /// attached (even if their file was deleted since), new ones must be files of <paramref name="labId"/>; in the order
    /// given, duplicates once; or the refusal's message as for <see cref="ResolveAsync"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<StoredAttachment>? Files, string? Problem)> KeptOrResolvedAsync(IGrainFactory grains, string labId, IReadOnlyList<StoredAttachment> kept, IReadOnlyList<string>? fileIds)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var ids = (fileIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > AttachmentLimits.MaxPerItem)
        {
            return (null, $"attachments: at most {AttachmentLimits.MaxPerItem} files.");
        }

        var added = ids.Where(id => !kept.Any(a => a.FileId == id)).ToList();
        var (resolved, problem) = await ResolveAsync(grains, labId, added);
        if (problem is not null)
        {
            return (null, problem);
        }

        return ([.. ids.Select(id => kept.FirstOrDefault(a => a.FileId == id) ?? resolved!.First(r => r.FileId == id))], null);
    }
}
