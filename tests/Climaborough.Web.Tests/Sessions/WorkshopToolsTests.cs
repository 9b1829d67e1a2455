namespace Climaborough.Web.Tests.Sessions;

using AngleSharp.Dom;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Sessions;

/// <summary>
/// The workshop tools' emoji buttons say what they do: the emoji is hidden from screen readers and every button's
/// accessible name is words a person can see or hover (a reaction's name is its tooltip too), in English and Bulgarian.
/// </summary>
public abstract class WorkshopToolsTestsBase(string culture) : WebTestContext(culture)
{
    protected IRenderedComponent<WorkshopTools> RenderTools(bool moderate, bool locked) =>
        Render<WorkshopTools>(p => p.Add(t => t.CanModerate, moderate).Add(t => t.CanTakePart, true).Add(t => t.BoardLocked, locked));

    /// <summary>The name assistive technology gives the element: its aria-label, or its text without what is aria-hidden.</summary>
    protected static string AccessibleName(IElement e) =>
        e.GetAttribute("aria-label") ?? string.Concat(e.Descendants<IText>().Where(t => t.ParentElement?.Closest("[aria-hidden=true]") is null).Select(t => t.Data)).Trim();

    protected static void AssertEveryEmojiIsHiddenAndNamed(IRenderedComponent<WorkshopTools> cut, IReadOnlyList<string> reactionNames, string hand, string unlock)
    {
        var reactions = cut.FindAll("[data-testid=react]");
        Assert.Equal(FacilitationLimits.Reactions, reactions.Select(b => b.GetAttribute("data-emoji")!));
        Assert.Equal(reactionNames, reactions.Select(AccessibleName));
        Assert.Equal(reactionNames, reactions.Select(b => b.GetAttribute("title")!));
        Assert.All(reactions, b => Assert.Equal(b.GetAttribute("data-emoji"), b.QuerySelector("[aria-hidden=true]")!.TextContent));
        Assert.All(reactions, b => Assert.Null(b.GetAttribute("aria-label")));

        var handButton = cut.Find("[data-testid=hand]");
        Assert.Equal(hand, AccessibleName(handButton));
        Assert.Equal("✋", handButton.QuerySelector("[aria-hidden=true]")!.TextContent);
        Assert.Equal(unlock, AccessibleName(cut.Find("[data-testid=unlock-board]")));
    }
}

public sealed class WorkshopToolsTests() : WorkshopToolsTestsBase("en")
{
    [Fact]
    public void Reactions_hand_and_lock_buttons_are_named_in_words()
    {
        var cut = RenderTools(moderate: true, locked: true);
        AssertEveryEmojiIsHiddenAndNamed(cut, ["Thumbs up", "Love it", "Applause", "That’s funny", "Not sure", "Celebrate"], "Raise hand", "Unlock the board");

        var participant = RenderTools(moderate: false, locked: true);
        Assert.Equal("🔒", participant.Find("[data-testid=workshop-locked] [aria-hidden=true]").TextContent);
    }
}

public sealed class WorkshopToolsInBulgarianTests() : WorkshopToolsTestsBase("bg")
{
    [Fact]
    public void Reactions_hand_and_lock_buttons_are_named_in_bulgarian()
    {
        var cut = RenderTools(moderate: true, locked: true);
        AssertEveryEmojiIsHiddenAndNamed(cut, ["Палец нагоре", "Харесва ми", "Аплодисменти", "Смешно е", "Не съм сигурен", "Браво"], "Вдигни ръка", "Отключи таблото");
    }
}
