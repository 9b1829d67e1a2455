namespace Climaborough.Web.Files;

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Climaborough.Contracts;
using Microsoft.Extensions.Localization;

/// <summary>A file the browser holds for an upload: its key there, its name, size and the type the browser guessed.</summary>
public sealed record FilePick(string Key, string Name, long Size, string Type);

/// <summary>How files are described to people: their kind, size and date in the reader's language.</summary>
public static class FileText
{
    /// <summary>The kind of file in words (image, PDF, spreadsheet …).</summary>
    public static string TypeName(IStringLocalizer localizer, string type)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            "image/png" or "image/jpeg" or "image/gif" or "image/webp" => localizer["FileKindImage"],
            "application/pdf" => "PDF",
            "text/csv" => "CSV",
            "text/plain" or "text/markdown" => localizer["FileKindText"],
            _ when type.Contains("wordprocessing", StringComparison.Ordinal) || type.EndsWith("opendocument.text", StringComparison.Ordinal) => localizer["FileKindDocument"],
            _ when type.Contains("spreadsheet", StringComparison.Ordinal) => localizer["FileKindSpreadsheet"],
            _ when type.Contains("presentation", StringComparison.Ordinal) => localizer["FileKindPresentation"],
            _ => type,
        };
    }

    /// <summary>A size in KB, MB or GB.</summary>
    public static string Size(IStringLocalizer localizer, long bytes)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return bytes >= 1024L * 1024 * 1024 ? localizer["SizeGB", (bytes / (1024.0 * 1024 * 1024)).ToString("0.#", CultureInfo.CurrentCulture)]
            : bytes >= 1024 * 1024 ? localizer["SizeMB", (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture)]
            : localizer["SizeKB", (bytes == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(bytes / 1024.0))).ToString(CultureInfo.CurrentCulture)];
    }

    /// <summary>A date and time for people: day before month in English (as in en-GB), the language's own form otherwise.</summary>
    public static string Date(DateTimeOffset at)
    {
        var culture = CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.CurrentCulture;
        return at.ToLocalTime().ToString("d MMM yyyy, HH:mm", culture);
    }
}

/// <summary>
/// Signed links of files, fetched through the item's own read rule (a post's: its lab's files; a lesson's: the lesson)
/// when first shown and again when they are about to expire; null for a file the reader may not read, or deleted.
/// </summary>
public sealed class FileLinks(Func<string, Task<LabFile?>> fetch, TimeProvider? time = null)
{
    private readonly Dictionary<string, Task<LabFile?>> files = new(StringComparer.Ordinal);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>The file with links good for at least another 30 seconds, or null.</summary>
    public async Task<LabFile?> GetAsync(string fileId)
    {
        if (!FileLimits.IsValidId(fileId))
        {
            return null;
        }

        if (files.TryGetValue(fileId, out var known) && (!known.IsCompleted || (await known is { } file && file.LinksExpireAt > clock.GetUtcNow().AddSeconds(30))))
        {
            return await known;
        }

        var asked = fetch(fileId);
        files[fileId] = asked;
        return await asked;
    }
}

/// <summary>
/// The images of a post's or lesson's stored HTML: the server's sanitizer lets through only <c>&lt;img&gt;</c> of the item's
/// own lab's file route, which the browser cannot read without a token; each is given its signed link, or, for a
/// reader who may not read the file (or a deleted file), replaced by its alt text with a note.
/// </summary>
public static partial class InlineImages
{
    /// <summary>The file ids the HTML shows, once each.</summary>
    public static IReadOnlyList<string> FileIds(string html) =>
        [.. OwnImage().Matches(html ?? string.Empty).Select(m => m.Groups["file"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The HTML with each own image given its signed link (from <paramref name="links"/>) or, without one, its alt text and <paramref name="unavailable"/>.</summary>
    public static string Resolve(string html, IReadOnlyDictionary<string, LabFile?> links, string unavailable) =>
        OwnImage().Replace(html ?? string.Empty, m =>
        {
            var alt = m.Groups["alt"].Value;
            return links.GetValueOrDefault(m.Groups["file"].Value) is { Url: { } url }
                ? $"<img src=\"{WebUtility.HtmlEncode(url)}\" alt=\"{alt}\" loading=\"lazy\" class=\"inline-image\" data-testid=\"inline-image\">"
                : $"<span class=\"image-unavailable\" data-testid=\"image-unavailable\">{alt} ({WebUtility.HtmlEncode(unavailable)})</span>";
        });

    /// <summary>The HTML with no own image yet (each shows its alt text while its link is fetched).</summary>
    public static string Placeholder(string html) =>
        OwnImage().Replace(html ?? string.Empty, m => $"<span class=\"image-loading\">{m.Groups["alt"].Value}</span>");

    [GeneratedRegex("<img src=\"/api/labs/(?<lab>[a-z0-9-]{3,64})/files/(?<file>f[0-9a-f]{12,64})/content\" alt=\"(?<alt>[^\"]*)\" loading=\"lazy\">", RegexOptions.CultureInvariant)]
    private static partial Regex OwnImage();
}
