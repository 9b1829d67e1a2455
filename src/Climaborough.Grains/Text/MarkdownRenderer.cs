namespace Climaborough.Grains.Text;

using Climaborough.Contracts;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

/// <summary>
/// The one way user Markdown becomes HTML: Markdig with raw HTML off and no generic attributes
/// (so no <c>{onclick=…}</c>), then an HTML sanitizer that keeps a short list of tags, http/https/mailto
/// links and one CSS property. Rendered once when the text is saved and stored with it.
/// Every construct of the dialect keeps its words: <c>==mark==</c>, <c>^sup^</c>, <c>~sub~</c> and
/// <c>++ins++</c> keep their tags, an image becomes a link whose text is its alt text (as in the editor's
/// preview), and any other tag the sanitizer drops keeps its text. The one exception: an image whose address is
/// this node's own route of a file of the item's lab (<see cref="AttachmentLimits.FilePath"/>) stays an
/// <c>&lt;img&gt;</c> of that file's content, with its alt text; the browser swaps in a signed link for readers
/// of the file and the alt text for everyone else.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>Safe HTML for <paramref name="markdown"/>; images only of <paramref name="imagesOfLab"/>'s files (none when null).</summary>
    public static string ToSafeHtml(string? markdown, string? imagesOfLab = null)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, MarkdownDialect.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage && OwnImage(link.Url, imagesOfLab) is { } own)
            {
                // The file's display size (the re-encoded image); the browser replaces the address with a signed link.
                link.Url = own + "/content";
                link.Title = null;
            }
            else if (link.IsImage)
            {
                // A link showing the alt text (or the address, when there is no alt text).
                link.IsImage = false;
                if (link.FirstChild is null && !string.IsNullOrWhiteSpace(link.Url))
                {
                    link.AppendChild(new LiteralInline(link.Url));
                }
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        MarkdownDialect.Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString()).Trim();
    }

    /// <summary>The ids of <paramref name="labId"/>'s files that <paramref name="markdown"/> shows as images, in order, once each.</summary>
    public static IReadOnlyList<string> ImageFileIds(string? markdown, string labId)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return [];
        }

        return [.. Markdown.Parse(markdown, MarkdownDialect.Pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage && OwnImage(l.Url, labId) is not null)
            .Select(l => AttachmentLimits.ParseFilePath(l.Url)!.Value.FileId)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The own path of the file an image names, when it is a file of <paramref name="labId"/>.</summary>
    private static string? OwnImage(string? url, string? labId) =>
        labId is not null && AttachmentLimits.ParseFilePath(url) is { } file && file.LabId == labId ? AttachmentLimits.FilePath(file.LabId, file.FileId) : null;

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(
                ["p", "br", "strong", "em", "del", "ins", "mark", "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "img"],
                StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "start", "colspan", "rowspan", "style", "src", "alt"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(["text-align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(MarkdownDialect.SafeSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
            else if (e.Node is AngleSharp.Dom.IElement { TagName: "IMG" } image)
            {
                // Only the renderer's own file images get here; anything else that looks like an image becomes its alt text.
                if (AttachmentLimits.ParseFilePath(image.GetAttribute("src")) is null)
                {
                    e.ReplacementNodes.Add(image.Owner!.CreateTextNode(image.GetAttribute("alt") ?? string.Empty));
                }
                else
                {
                    image.SetAttribute("loading", "lazy");
                }
            }
        };
        return sanitizer;
    }
}
