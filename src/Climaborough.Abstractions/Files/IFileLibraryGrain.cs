namespace Climaborough.Abstractions.Files;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// The files of one lab (key: the lab's id): their metadata and the space they use. The bytes are in the
/// file store under the content's SHA-256 (<see cref="FileBlobs"/>), written by the node that received
/// the upload before <see cref="AddAsync"/> records it; the grain decides who may read, add and delete
/// (the lab's <c>AccessAsync</c>, asked once per call) and deletes bytes that nothing refers to any more.
/// </summary>
public interface IFileLibraryGrain : IGrainWithStringKey
{
    /// <summary>Whether the actor may upload here and how much: the per-file limit and the room left in the quota (<c>not-found</c> for non-readers, <c>forbidden</c> for readers who may not contribute).</summary>
    Task<Outcome<UploadAllowance>> AllowUploadAsync(Actor actor);

    /// <summary>Records a file whose bytes are stored; refused (and nothing recorded) over the quota or without Contribute.</summary>
    Task<Outcome<LabFile>> AddAsync(Actor actor, StoredLabFile file);

    /// <summary>Deletes the stored bytes of a refused upload unless a recorded file uses the same content.</summary>
    Task DiscardAsync(string sha256);

    /// <summary>The files, newest first, and the space used (readers).</summary>
    Task<Outcome<LabFiles>> ListAsync(Actor? actor);

    /// <summary>One file's record (readers; <c>not-found</c> for a file that is not here, as for a lab the actor may not read).</summary>
    Task<Outcome<StoredLabFile>> GetAsync(Actor? actor, string fileId);

    /// <summary>One file's record for a signed link, whose signature is the permission (null when there is no such file).</summary>
    Task<StoredLabFile?> FindAsync(string fileId);

    /// <summary>
    /// Deletes a file (its uploader while they may contribute, or a moderator): it leaves the lab's list and every item
    /// that attached it at once; its bytes go once no other file and no stored board version (<see cref="HoldAsync"/>) refers to them.
    /// </summary>
    Task<Outcome<bool>> DeleteAsync(Actor actor, string fileId);

    /// <summary>
    /// Records that <paramref name="holder"/> (a stored board version, <see cref="FileHolders.BoardVersion"/>) shows
    /// <paramref name="fileIds"/>: those that are files of the lab now keep their bytes, and stay readable through
    /// that holder (<see cref="FindHeldAsync"/>), even once deleted, until the holder lets them go (<see cref="ReleaseAsync"/>).
    /// Called by the board's grain before it stores the version; ids that are not files of the lab now are ignored.
    /// </summary>
    Task HoldAsync(string holder, IReadOnlyList<string> fileIds);

    /// <summary>The holder no longer exists (a pruned version): deleted files nothing else holds lose their bytes.</summary>
    Task ReleaseAsync(string holder);

    /// <summary>The record of a file <paramref name="holder"/> holds, deleted since or not; null otherwise.</summary>
    Task<StoredLabFile?> FindHeldAsync(string holder, string fileId);

    /// <summary>The record a signed link names: a file of the lab, or a deleted one a stored board version still holds (only its route signs those); null otherwise.</summary>
    Task<StoredLabFile?> FindForLinkAsync(string fileId);
}

/// <summary>Who holds a lab's files besides the lab's list (<see cref="IFileLibraryGrain.HoldAsync"/>).</summary>
public static class FileHolders
{
    /// <summary>A board's stored version (its snapshot at <paramref name="versionSeq"/>).</summary>
    public static string BoardVersion(string boardId, long versionSeq) => $"board:{boardId}@{versionSeq.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>What an upload may be: the per-file limit and the bytes left in the lab's quota.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.upload-allowance.v1")]
public sealed record UploadAllowance([property: Id(0)] long MaxFileBytes, [property: Id(1)] long RemainingBytes);

/// <summary>A stored file's record.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.stored-lab-file.v1")]
public sealed record StoredLabFile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long Size,
    [property: Id(3)] string ContentType,
    [property: Id(4)] string Sha256,
    [property: Id(5)] string UploaderId,
    [property: Id(6)] string UploaderName,
    [property: Id(7)] DateTimeOffset UploadedAt,
    [property: Id(8)] int? Width,
    [property: Id(9)] int? Height,
    [property: Id(10)] string? ThumbnailType);

/// <summary>Stored state of a lab's files.</summary>
[GenerateSerializer, Alias("climaborough.file-library-state.v1")]
public sealed class FileLibraryState
{
    /// <summary>Files by id.</summary>
    [Id(0)] public Dictionary<string, StoredLabFile> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Deleted files whose bytes a stored board version still holds, by id (read only through that version).</summary>
    [Id(1)] public Dictionary<string, StoredLabFile> Withdrawn { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The holders of each held file (stored board versions), by file id.</summary>
    [Id(2)] public Dictionary<string, HashSet<string>> Holders { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Limits of files, bound from the configuration section <c>Files</c>.</summary>
public sealed class LabFileOptions
{
    /// <summary>Largest file accepted (<c>Files:MaxFileBytes</c>).</summary>
    public long MaxFileBytes { get; set; } = FileLimits.DefaultMaxFileBytes;

    /// <summary>Space the files of one lab may use (<c>Files:LabQuotaBytes</c>).</summary>
    public long LabQuotaBytes { get; set; } = FileLimits.DefaultLabQuotaBytes;

    /// <summary>Uploads per person per minute (<c>Files:UploadsPerMinute</c>).</summary>
    public int UploadsPerMinute { get; set; } = 60;

    /// <summary>Longest time an upload's body may take (<c>Files:UploadTimeout</c>); slower bodies are also cut by Kestrel's minimum data rate.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Where a lab's file bytes are kept in the file store: named by the content's SHA-256, so identical content is stored once per lab.</summary>
public static class FileBlobs
{
    /// <summary>The content's blob.</summary>
    public static string Content(string labId, string sha256) => $"labs/{labId}/files/{sha256}";

    /// <summary>An image's thumbnail.</summary>
    public static string Thumbnail(string labId, string sha256) => $"labs/{labId}/thumbnails/{sha256}";

    /// <summary>A new file id: <c>f</c> and 16 hex digits.</summary>
    public static string NewId() => "f" + Guid.NewGuid().ToString("N")[..16];
}
