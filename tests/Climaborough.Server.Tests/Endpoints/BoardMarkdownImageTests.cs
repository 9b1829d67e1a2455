namespace Climaborough.Server.Tests.Endpoints;

using Climaborough.Contracts;
using Climaborough.Server.Endpoints;

public sealed class BoardMarkdownImageTests
{
    private static BoardElement Element(string id, ElementKind kind, string text, double x, double y, double w = 100, double h = 80, string? file = null) =>
        new(id, kind, x, y, w, h, 0, "#ffffff", text, null, null, file, "demo:a", default, default);

    [Fact]
    public void An_image_is_a_markdown_image_with_its_alt_text_linking_to_its_file_in_the_boards_lab()
    {
        var board = new BoardExport(BoardExport.FormatName, 1, "Street corner", DateTimeOffset.UnixEpoch, 3,
        [
            Element("fr", ElementKind.Frame, "Site visit", 0, 0, 600, 400),
            Element("i1", ElementKind.Image, "Corner of Vitosha [north]", 20, 40, file: "f0123456789abcdef"),
            Element("i2", ElementKind.Image, string.Empty, 900, 900, file: "f00000000000000aa"),
        ]);

        var lines = BoardMarkdown.Render(board, "sofia-mobility").Split('\n');

        Assert.Contains("- ![Corner of Vitosha \\[north\\]](/api/labs/sofia-mobility/files/f0123456789abcdef/content)", lines);
        Assert.Contains("- ![](/api/labs/sofia-mobility/files/f00000000000000aa/content)", lines); // alt text cleared on purpose: a decorative image
        Assert.True(Array.IndexOf(lines, "## Site visit") < Array.FindIndex(lines, l => l.Contains("f0123456789abcdef", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_a_lab_an_image_is_its_alt_text()
    {
        var board = new BoardExport(BoardExport.FormatName, 1, "Loose", DateTimeOffset.UnixEpoch, 1, [Element("i1", ElementKind.Image, "A sketch", 0, 0, file: "f0123456789abcdef")]);

        Assert.Contains("- A sketch", BoardMarkdown.Render(board).Split('\n'));
    }
}
