namespace Climaborough.Contracts;

/// <summary>
/// A file of a lab as readers see it: what the uploader called it (sanitised), its size and type as the
/// server decided them from the content, who uploaded it and when. <see cref="Url"/> and
/// <see cref="ThumbnailUrl"/> are short-lived signed links (see docs/security.md, "Files").
/// </summary>
public sealed record LabFile(
    string Id,
    string Name,
    long Size,
    string ContentType,
    string UploaderId,
    string UploaderName,
    DateTimeOffset UploadedAt,
    int? Width = null,
    int? Height = null,
    string? Url = null,
    string? ThumbnailUrl = null,
    DateTimeOffset? LinksExpireAt = null)
{
    /// <summary>Whether the file is an image (re-encoded by the server, with a thumbnail).</summary>
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>A lab's files, newest first, with the space they use and the limits that apply.</summary>
public sealed record LabFiles(IReadOnlyList<LabFile> Files, long UsedBytes, long QuotaBytes, long MaxFileBytes);

/// <summary>Limits and names of files.</summary>
public static class FileLimits
{
    /// <summary>The per-file limit unless configured (<c>Files:MaxFileBytes</c>): 25 MB.</summary>
    public const long DefaultMaxFileBytes = 25L * 1024 * 1024;

    /// <summary>The per-lab quota unless configured (<c>Files:LabQuotaBytes</c>): 2 GB.</summary>
    public const long DefaultLabQuotaBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Longest file name kept (longer ones are cut, keeping the extension).</summary>
    public const int MaxNameLength = 120;

    /// <summary>How long a signed file link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The name to keep for what an uploader called a file: the last path segment only (no folders, so no
    /// <c>../</c>), without control or format characters and without characters that are unsafe in a
    /// header or a file system (<c>\ / : * ? " &lt; &gt; |</c>), trimmed and bounded; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string SanitizeName(string? name, string fallback = "file")
    {
        var raw = (name ?? string.Empty).Replace('\\', '/');
        var last = raw[(raw.LastIndexOf('/') + 1)..];
        var kept = new System.Text.StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                || c is ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                continue;
            }

            kept.Append(c);
        }

        var clean = kept.ToString().Trim().Trim('.').Trim();
        if (clean.Length > MaxNameLength)
        {
            var dot = clean.LastIndexOf('.');
            var ext = dot > 0 && clean.Length - dot <= 10 ? clean[dot..] : string.Empty;
            clean = clean[..(MaxNameLength - ext.Length)].TrimEnd() + ext;
        }

        return clean.Length == 0 ? fallback : clean;
    }

    /// <summary>Whether <paramref name="id"/> is a well-formed file id (<c>f</c> and 12 to 64 hex digits).</summary>
    public static bool IsValidId(string? id) => id is { Length: >= 13 and <= 65 } && id[0] == 'f' && id.Skip(1).All(c => c is (>= 'a' and <= 'f') or (>= '0' and <= '9'));
}
