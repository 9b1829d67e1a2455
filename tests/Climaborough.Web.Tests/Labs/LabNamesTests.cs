namespace Climaborough.Web.Tests.Labs;

using System.Globalization;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Labs;

/// <summary>The lab page names things as people know them: the city's name, the theme's name, worded activity (never ids or keys).</summary>
public sealed class LabNamesTests : WebTestContext
{
    private static readonly LabActivity[] Lines =
    [
        new(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-lesson", ["Pop-up lanes first"]),
        new(DateTimeOffset.UnixEpoch, "Ivan Georgiev", "replied", ["1", "Bike lanes on Vitosha"]),
        new(DateTimeOffset.UnixEpoch, "Ivan Georgiev", "replied", ["4", "Parking"]),
        new(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-thread", ["Bike lanes on Vitosha"]),
        new(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-session", ["Kick-off"]),
        new(DateTimeOffset.UnixEpoch, "Elena Dimitrova", "some-future-kind", ["x"]),
    ];

    private static LabDetails Lab() => new(
        new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.WasteToCircularity, LabVisibility.Network, 2, DateTimeOffset.UnixEpoch),
        string.Empty,
        string.Empty,
        [new LabMember("m", "Maria Petrova", "sofia", LabRole.Owner, DateTimeOffset.UnixEpoch), new LabMember("g", "Giulia Rossi", "florence", LabRole.Observer, DateTimeOffset.UnixEpoch)],
        [],
        Lines,
        LabRole.Owner);

    [Theory]
    [InlineData("en", "Waste to circularity",
        "Maria Petrova published the lesson “Pop-up lanes first”|Ivan Georgiev replied in “Bike lanes on Vitosha”|Ivan Georgiev replied 4 times in “Parking”|Maria Petrova started the discussion “Bike lanes on Vitosha”|Maria Petrova prepared the workshop “Kick-off”|Elena Dimitrova changed something in the lab")]
    [InlineData("bg", "От отпадъци към кръговост",
        "Maria Petrova публикува урока „Pop-up lanes first“|Ivan Georgiev отговори в „Bike lanes on Vitosha“|Ivan Georgiev отговори 4 пъти в „Parking“|Maria Petrova започна дискусията „Bike lanes on Vitosha“|Maria Petrova подготви работилницата „Kick-off“|Elena Dimitrova промени нещо в лабораторията")]
    public void The_header_members_and_activity_show_names_and_words_not_ids(string culture, string theme, string lines)
    {
        var c = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
        Http.Json("/api/cities", new[]
        {
            new CityDto("sofia", "София (Sofia)", "BG", ["bg"], DateTimeOffset.UnixEpoch),
            new CityDto("florence", "Firenze (Florence)", "IT", ["it"], DateTimeOffset.UnixEpoch),
        });
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab());
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.StartsWith("София (Sofia) · " + theme, cut.Find("[data-testid=lab-meta]").TextContent.Trim(), StringComparison.Ordinal));
        var members = cut.FindAll("[data-testid=lab-members] li").Select(li => li.TextContent).ToList();
        Assert.Contains("София (Sofia)", members[0], StringComparison.Ordinal);
        Assert.Contains("Firenze (Florence)", members[1], StringComparison.Ordinal);
        Assert.DoesNotContain(members, m => m.Contains("sofia", StringComparison.Ordinal) && !m.Contains("(Sofia)", StringComparison.Ordinal));

        var shown = cut.FindAll("[data-testid=lab-activity] li").Select(li => li.TextContent).ToList();
        var expected = lines.Split('|');
        Assert.Equal(expected.Length, shown.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Contains(expected[i], shown[i], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(shown, s => s.Contains(": ", StringComparison.Ordinal) || s.Contains("added-", StringComparison.Ordinal));

        // The settings name the theme too, and keep a custom theme's own words.
        Assert.Equal(LabThemes.WasteToCircularity, cut.Find("[data-testid=settings-theme]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=settings-theme-custom]"));
        Assert.Contains(theme, cut.Find("[data-testid=settings-theme]").TextContent, StringComparison.Ordinal);
    }
}
