namespace Climaborough.Grains.Text;

using Climaborough.Contracts;
using Ganss.Xss;
using Markdig;

/// <summary>
/// The one way user Markdown becomes HTML: Markdig with raw HTML off and no generic attributes
/// (so no <c>{onclick=…}</c>), then an HTML sanitizer that keeps a short list of tags, http/https/mailto
/// links and one CSS property. Rendered once when the text is saved and stored with it.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>Safe HTML for <paramref name="markdown"/>.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, MarkdownDialect.Pipeline)).Trim();
    }

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(
                ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"],
                StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "start", "colspan", "rowspan", "style"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(["text-align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(MarkdownDialect.SafeSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
