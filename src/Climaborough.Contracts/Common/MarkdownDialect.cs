namespace Climaborough.Contracts;

using Markdig;

/// <summary>
/// Climaborough's Markdown: the one Markdig pipeline used by the server's renderer (which then
/// sanitizes) and by the editors' live preview, so a preview looks like the stored post. Raw HTML is
/// off and generic attributes are not enabled (no <c>{onclick=…}</c>).
/// </summary>
public static class MarkdownDialect
{
    /// <summary>The pipeline.</summary>
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>The only link schemes kept (relative links are kept too).</summary>
    public static readonly IReadOnlyList<string> SafeSchemes = ["http", "https", "mailto"];
}
