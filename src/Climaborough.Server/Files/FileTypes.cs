namespace Climaborough.Server.Files;

using System.IO.Compression;
using System.Text;

/// <summary>
/// The type of an upload, decided from its content (magic bytes and structure) only — never from its
/// name or the Content-Type the client sent — against an allow-list: PNG, JPEG, GIF and WebP images,
/// PDF, Office Open XML and OpenDocument documents without macros, and UTF-8 text (CSV when so named).
/// Markup (HTML, SVG, XML) and anything else is refused. See docs/security.md, "Files".
/// </summary>
public static class FileTypes
{
    /// <summary>Office documents by the part that only that kind has.</summary>
    private static readonly (string Part, string Type, string Extension)[] OfficeParts =
    [
        ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    ];

    private static readonly (string Type, string Extension)[] OpenDocumentTypes =
    [
        ("application/vnd.oasis.opendocument.text", ".odt"),
        ("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
        ("application/vnd.oasis.opendocument.presentation", ".odp"),
    ];

    /// <summary>Raster image types that are decoded and re-encoded.</summary>
    public static bool IsImage(string type) => type is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    /// <summary>The allowed type and usual extension of the content, or the reason it is refused.</summary>
    public static (string? Type, string? Extension, string? Refused) Detect(Stream content, string name)
    {
        ArgumentNullException.ThrowIfNull(content);
        Span<byte> head = stackalloc byte[16];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        content.Position = 0;
        if (read == 0)
        {
            return (null, null, "The file is empty.");
        }

        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", ".png", null);
        }

        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return ("image/jpeg", ".jpg", null);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ("image/gif", ".gif", null);
        }

        if (read >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", ".webp", null);
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return ("application/pdf", ".pdf", null);
        }

        if (head.StartsWith((byte[])[0x50, 0x4B, 0x03, 0x04]))
        {
            return Package(content);
        }

        if (head.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return (null, null, "Older Office files (.doc, .xls, .ppt) can carry macros and are not accepted; save as .docx, .xlsx or .pptx.");
        }

        return Text(content, name);
    }

    /// <summary>
    /// A ZIP is accepted only as an Office Open XML or OpenDocument file without macros. Only the ZIP's
    /// directory is read (and the few bytes of an OpenDocument's <c>mimetype</c>): nothing is unpacked,
    /// so a "zip bomb" costs nothing; the server makes no previews of documents.
    /// </summary>
    private static (string?, string?, string?) Package(Stream content)
    {
        const string NotDocument = "Archives are not accepted; only Office (.docx, .xlsx, .pptx) and OpenDocument files are.";
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || n.StartsWith("Basic/", StringComparison.Ordinal) || n.StartsWith("Scripts/", StringComparison.Ordinal)))
            {
                return (null, null, "Documents with macros are not accepted.");
            }

            if (names.Contains("[Content_Types].xml"))
            {
                foreach (var (part, type, extension) in OfficeParts)
                {
                    if (names.Contains(part))
                    {
                        return (type, extension, null);
                    }
                }
            }

            if (zip.GetEntry("mimetype") is { Length: < 100 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                var declared = reader.ReadToEnd().Trim();
                foreach (var (type, extension) in OpenDocumentTypes)
                {
                    if (declared == type)
                    {
                        return (type, extension, null);
                    }
                }
            }

            return (null, null, NotDocument);
        }
        catch (InvalidDataException)
        {
            return (null, null, NotDocument);
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>UTF-8 text without NUL characters that does not look like markup.</summary>
    private static (string?, string?, string?) Text(Stream content, string name)
    {
        const string Unsupported = "This type of file is not accepted: upload images (PNG, JPEG, GIF, WebP), PDF, Office or OpenDocument files, CSV or text.";
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            using var reader = new StreamReader(content, strict, detectEncodingFromByteOrderMarks: false, bufferSize: 65536, leaveOpen: true);
            var buffer = new char[65536];
            var first = true;
            int count;
            while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, count);
                if (chunk.Contains('\0'))
                {
                    return (null, null, Unsupported);
                }

                if (first)
                {
                    first = false;
                    var start = chunk.TrimStart('\uFEFF').TrimStart();
                    var probe = start[..Math.Min(start.Length, 2048)].ToString();
                    if (start.StartsWith("<") || probe.Contains("<script", StringComparison.OrdinalIgnoreCase) || probe.Contains("<html", StringComparison.OrdinalIgnoreCase)
                        || probe.Contains("<svg", StringComparison.OrdinalIgnoreCase) || probe.Contains("<!doctype", StringComparison.OrdinalIgnoreCase))
                    {
                        return (null, null, "HTML, SVG and other markup are not accepted.");
                    }
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return (null, null, Unsupported);
        }
        finally
        {
            content.Position = 0;
        }

        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ("text/csv", ".csv", null)
            : name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? ("text/markdown", ".md", null)
            : ("text/plain", ".txt", null);
    }

    /// <summary>The name with the extension of the type it was found to be (a JPEG called <c>photo.png</c> is kept as <c>photo.jpg</c>).</summary>
    public static string WithExtension(string name, string extension)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.LastIndexOf('.');
        var current = dot > 0 ? name[dot..] : string.Empty;
        if (string.Equals(current, extension, StringComparison.OrdinalIgnoreCase) || (extension == ".jpg" && current.Equals(".jpeg", StringComparison.OrdinalIgnoreCase))
            || (extension == ".txt" && current.ToLowerInvariant() is ".text" or ".tsv" or ".log"))
        {
            return name;
        }

        return (dot > 0 ? name[..dot] : name) + extension;
    }
}
