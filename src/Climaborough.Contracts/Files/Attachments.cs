namespace Climaborough.Contracts;

using System.Text.RegularExpressions;

/// <summary>
/// A lab file attached to a post, a lesson, a pilot or a milestone, as it was when attached: its name, size and type (as the server
/// decided them from the content), who uploaded it and when. The bytes are read through the item's own read
/// rule (docs/security.md, "Attachments"): a post's through its lab's files, a lesson's through the lesson.
/// </summary>
public sealed record FileAttachment(string FileId, string Name, long Size, string ContentType, string UploaderName, DateTimeOffset UploadedAt)
{
    /// <summary>Whether the file is an image (re-encoded by the server, with a thumbnail).</summary>
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The attachment of a file just uploaded.</summary>
    public static FileAttachment Of(LabFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.Name, file.Size, file.ContentType, file.UploaderName, file.UploadedAt);
    }
}

/// <summary>Body of <c>PUT …/attachments</c> (a pilot's, a milestone's): the ids of the item's lab's files it attaches from now on, in order.</summary>
public sealed record AttachmentsRequest(IReadOnlyList<string> Attachments);

/// <summary>Limits of attachments, and the one address of a lab's file that Markdown may show as an image.</summary>
public static partial class AttachmentLimits
{
    /// <summary>Files attached to one post or lesson.</summary>
    public const int MaxPerItem = 10;

    /// <summary>
    /// The address to write in Markdown for a file of a lab (<c>![alt](/api/labs/{labId}/files/{fileId})</c>): relative, so
    /// it names this node's own file route; the sanitizer shows it as an image only in an item of that lab.
    /// </summary>
    public static string FilePath(string labId, string fileId) => $"/api/labs/{labId}/files/{fileId}";

    /// <summary>The Markdown of an uploaded image, its name as alt text (brackets taken out so they cannot end it).</summary>
    public static string ImageMarkdown(string labId, LabFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ImageMarkdown(labId, file.Id, file.Name);
    }

    /// <summary>The Markdown of an image file of a lab, <paramref name="name"/> as alt text.</summary>
    public static string ImageMarkdown(string labId, string fileId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var alt = new string([.. name.Where(c => c is not ('[' or ']' or '\\') && !char.IsControl(c))]);
        return $"![{alt}]({FilePath(labId, fileId)})";
    }

    /// <summary>
    /// The lab and file an own file address names (the path of <see cref="FilePath"/>, optionally followed by
    /// <c>/content</c> or <c>/thumbnail</c>); null for anything else (another host, another route, a query).
    /// </summary>
    public static (string LabId, string FileId)? ParseFilePath(string? url)
    {
        if (url is null)
        {
            return null;
        }

        var m = OwnFile().Match(url);
        return m.Success && FileLimits.IsValidId(m.Groups["file"].Value) ? (m.Groups["lab"].Value, m.Groups["file"].Value) : null;
    }

    [GeneratedRegex(@"\A/api/labs/(?<lab>[a-z0-9-]{3,64})/files/(?<file>f[0-9a-f]{12,64})(?:/content|/thumbnail)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex OwnFile();
}
