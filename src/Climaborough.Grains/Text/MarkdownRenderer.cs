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
/// preview; the app shows no images from Markdown), and any other tag the sanitizer drops keeps its text.
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

        var document = Markdown.Parse(markdown, MarkdownDialect.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage)
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

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(
                ["p", "br", "strong", "em", "del", "ins", "mark", "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"],
                StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "start", "colspan", "rowspan", "style"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(["text-align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(MarkdownDialect.SafeSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
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
