namespace Climaborough.Grains.Text;

/// <summary>Short plain-text excerpts of Markdown for lists, quotes and notifications.</summary>
public static class Excerpts
{
    private static readonly char[] Breaks = ['\n', '\r', '\t'];
    private static readonly char[] MarkdownMarks = ['\n', '\r', '\t', '#', '*', '_', '>'];

    /// <summary>The text on one line, cut to <paramref name="length"/> characters with an ellipsis; with <paramref name="stripMarks"/> also without Markdown's heading, emphasis and quote marks.</summary>
    public static string Of(string text, int length, bool stripMarks = false)
    {
        var flat = string.Join(' ', text.Split(stripMarks ? MarkdownMarks : Breaks, StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= length ? flat : flat[..(length - 1)] + "…";
    }

    /// <summary>
    /// The words of <paramref name="markdown"/> as plain text (what a reader of the rendered post sees:
    /// no <c>**</c>, <c>#</c>, link addresses or list marks), on one line and cut like <see cref="Of"/>.
    /// </summary>
    public static string OfMarkdown(string markdown, int length) =>
        Of(System.Net.WebUtility.HtmlDecode(Markdig.Markdown.ToPlainText(markdown ?? string.Empty, Contracts.MarkdownDialect.Pipeline)), length);
}
