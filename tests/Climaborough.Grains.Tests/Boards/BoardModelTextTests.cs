namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Grains.Boards;
using static BoardTestKit;

/// <summary>Text that would break exports (U+0000 in an SVG is not XML) is refused with invalid-op; tab and line breaks stay.</summary>
public sealed class BoardModelTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("before\0after")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001B[31m")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public void A_note_with_a_control_character_is_refused_on_create_and_on_update(string text)
    {
        var model = new BoardModel();
        var (created, createError) = model.Prepare("demo:maria", [Create(Note("n1", text: text))], OpKind.Edit, Now);
        Assert.Null(created);
        Assert.Equal(ErrorCodes.InvalidOp, createError!.ErrorCode);
        Assert.Equal(TextRules.ControlCharactersMessage, createError.Error);

        var (ok, _) = model.Prepare("demo:maria", [Create(Note("n1", text: "fine"))], OpKind.Edit, Now);
        model.Commit(ok!);
        var (updated, updateError) = model.Prepare("demo:maria", [Update("n1", new ElementPatch(Text: text))], OpKind.Edit, Now);
        Assert.Null(updated);
        Assert.Equal(ErrorCodes.InvalidOp, updateError!.ErrorCode);
        Assert.Equal("fine", model.Elements["n1"].Text);
    }

    [Fact]
    public void Tabs_and_line_breaks_are_ordinary_text()
    {
        var model = new BoardModel();
        var (op, error) = model.Prepare("demo:maria", [Create(Note("n1", text: "one\ttwo\nthree\r\nfour — ünïcode ✓"))], OpKind.Edit, Now);
        Assert.Null(error);
        Assert.NotNull(op);
    }

    [Theory]
    [InlineData("Plan\0", true)]
    [InlineData("Plan\u0001", true)]
    [InlineData("Plan\u009F", true)]
    [InlineData("Plan\tA\nB\r", false)]
    [InlineData("План за отпадъци", false)]
    [InlineData(null, false)]
    public void The_shared_rule_for_titles_says_which_text_has_control_characters(string? text, bool expected) =>
        Assert.Equal(expected, TextRules.HasControlCharacters(text));
}
