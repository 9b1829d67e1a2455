namespace Climaborough.Grains.Tests.Text;

using Climaborough.Grains.Text;

/// <summary>Inline images (issue 16): only this node's own file route of the item's lab becomes an <c>&lt;img&gt;</c>, keeping its alt text.</summary>
public sealed partial class MarkdownRendererTests
{
    private const string Lab = "lab-sofia";

    private const string File = "f0123456789abcdef";

    private static AngleSharp.Dom.IElement[] Images(string html) =>
        [.. new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.QuerySelectorAll("img")];

    [Theory]
    [InlineData("/api/labs/lab-sofia/files/f0123456789abcdef")]
    [InlineData("/api/labs/lab-sofia/files/f0123456789abcdef/content")]
    [InlineData("/api/labs/lab-sofia/files/f0123456789abcdef/thumbnail")]
    public void An_image_of_the_items_own_lab_is_shown_with_its_alt_text(string address)
    {
        var html = MarkdownRenderer.ToSafeHtml($"Before the works:\n\n![The corner of Vitosha and Patriarh](<{address}> \"onerror=alert(1)\")", Lab);

        var image = Assert.Single(Images(html));
        Assert.Equal($"/api/labs/{Lab}/files/{File}/content", image.GetAttribute("src"));
        Assert.Equal("The corner of Vitosha and Patriarh", image.GetAttribute("alt"));
        Assert.Equal(["alt", "loading", "src"], image.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal));
        // The exact form the browser looks for when it swaps in a signed link (Climaborough.Web.Files.InlineImages).
        Assert.Contains($"<img src=\"/api/labs/{Lab}/files/{File}/content\" alt=\"The corner of Vitosha and Patriarh\" loading=\"lazy\">", html, StringComparison.Ordinal);
        Assert.Equal([File], MarkdownRenderer.ImageFileIds($"![x]({address}) and ![y]({address})", Lab));
    }

    [Theory]
    [InlineData("https://evil.example/map.png")]
    [InlineData("//evil.example/api/labs/lab-sofia/files/f0123456789abcdef")]
    [InlineData("https://evil.example/api/labs/lab-sofia/files/f0123456789abcdef")]
    [InlineData("/api/labs/lab-other/files/f0123456789abcdef")]
    [InlineData("/api/labs/lab-sofia/files/f0123456789abcdef?exp=1&sig=x")]
    [InlineData("/api/labs/lab-sofia/files/f0123456789abcdef/../../../keys")]
    [InlineData("/api/labs/lab-sofia/files/report.pdf")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    public void Any_other_image_stays_a_link_showing_its_alt_text(string address)
    {
        var html = MarkdownRenderer.ToSafeHtml($"See ![the compost map]({address})", Lab);

        Assert.Empty(Images(html));
        Assert.Contains(">the compost map</a>", html, StringComparison.Ordinal);
        Assert.Empty(MarkdownRenderer.ImageFileIds($"![x]({address})", Lab));
    }

    [Fact]
    public void Without_a_lab_no_image_is_shown()
    {
        Assert.Empty(Images(MarkdownRenderer.ToSafeHtml($"![x](/api/labs/{Lab}/files/{File})")));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void No_executable_vector_survives_where_images_are_allowed(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown, Lab);

        // None of the corpus names an own file: no image at all, and nothing on* anywhere.
        Assert.Empty(Images(html));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        Assert.All(document.Body!.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => Assert.False(a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), a.Name));
    }
}
