namespace Climaborough.Server.Tests.Endpoints;

using Climaborough.Contracts;
using Climaborough.Server.Endpoints;

public sealed class BoardMarkdownTests
{
    private static BoardElement Note(string id, string text, double x = 10, double y = 10) =>
        new(id, ElementKind.Note, x, y, 50, 50, 0, "#ffeb3b", text, null, null, null, "demo:a", default, default);

    [Fact]
    public void Note_text_stays_text_whatever_markdown_it_looks_like()
    {
        var board = new BoardExport(BoardExport.FormatName, 1, "# Not a *heading*", DateTimeOffset.UnixEpoch, 1,
        [
            Note("a", "- not a nested item", y: 1),
            Note("b", "1. not numbered", y: 2),
            Note("c", "<script>alert(1)</script> [link](javascript:x)", y: 3),
            Note("d", "two\nlines", y: 4),
            Note("e", "Car-free Sundays", y: 5),
        ]);

        var lines = BoardMarkdown.Render(board).Split('\n');

        Assert.Equal("# \\# Not a \\*heading\\*", lines[0]);
        Assert.Contains("- \\- not a nested item", lines);
        Assert.Contains("- \\1. not numbered", lines);
        Assert.Contains("- \\<script\\>alert(1)\\</script\\> \\[link\\](javascript:x)", lines);
        Assert.Contains("- two lines", lines);
        Assert.Contains("- Car-free Sundays", lines);
    }

    [Fact]
    public void Frames_are_headings_with_their_notes_and_deleted_elements_are_left_out()
    {
        var frame = new BoardElement("f", ElementKind.Frame, 0, 0, 500, 500, -1, "#eeeeee", "Mobility", null, null, null, "demo:a", default, default);
        var board = new BoardExport(BoardExport.FormatName, 1, "Sofia", DateTimeOffset.UnixEpoch, 1,
            [frame, Note("in", "Inside"), Note("out", "Outside", x: 900), Note("gone", "Deleted") with { Deleted = true }]);

        var markdown = BoardMarkdown.Render(board);

        Assert.Equal("# Sofia\n\n## Mobility\n\n- Inside\n\n## Outside frames\n\n- Outside\n", markdown);
    }
}
