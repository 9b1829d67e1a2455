namespace Climaborough.Web;

using Climaborough.Contracts;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

/// <summary>
/// The live preview of Markdown while someone writes a post or a lesson. It is shown only to its own
/// author, in the preview box, and is never stored nor sent: the server renders the saved text again
/// (Markdig + HtmlSanitizer) and that rendering is the only HTML anyone else ever sees.
/// Still, nothing in it may run: raw HTML is off (so <c>&lt;script&gt;</c> comes out as text), there are
/// no generic attributes (no <c>{onclick=…}</c>), and links or images whose address is not relative,
/// http, https or mailto lose that address (Markdig keeps <c>javascript:</c> links otherwise). Images
/// become plain links, as the server does not show images either.
/// </summary>
public static class MarkdownPreview
{
    // The server's dialect (MarkdownDialect), so the preview looks like the post will.
    private static MarkdownPipeline Pipeline => MarkdownDialect.Pipeline;

    /// <summary>HTML for the preview box of <paramref name="markdown"/> (empty for blank text).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.GetDynamicUrl = null;
            link.IsImage = false;
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && !IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Whether an address may stay a link: relative, or http, https or mailto.</summary>
    internal static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var text = url.Trim();
        if (text.Any(char.IsControl))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var end = text.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (end >= 0 && end < colon))
        {
            // No scheme: a relative address.
            return true;
        }

        var scheme = text[..colon];
        return MarkdownDialect.SafeSchemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }
}
