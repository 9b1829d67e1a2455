namespace Climaborough.Web.Tests.Resources;

using System.Collections;
using System.Globalization;
using System.Resources;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Labs;
using Climaborough.Web.Pilots;
using Climaborough.Web.Resources;

/// <summary>Counts read as people say them, in English and Bulgarian, and the rules for languages with more forms.</summary>
public sealed class PluralTests : WebTestContext
{
    private static void Use(string culture)
    {
        var c = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
    }

    [Theory]
    [InlineData("en", 1, "one")]
    [InlineData("en", 0, "other")]
    [InlineData("en", 2, "other")]
    [InlineData("bg", 1, "one")]
    [InlineData("bg", 5, "other")]
    [InlineData("cs", 1, "one")]
    [InlineData("cs", 3, "few")]
    [InlineData("cs", 5, "other")]
    [InlineData("sk", 4, "few")]
    [InlineData("sl", 1, "one")]
    [InlineData("sl", 101, "one")]
    [InlineData("sl", 2, "two")]
    [InlineData("sl", 102, "two")]
    [InlineData("sl", 3, "few")]
    [InlineData("sl", 5, "other")]
    [InlineData("hr", 21, "one")]
    [InlineData("hr", 11, "other")]
    [InlineData("hr", 22, "few")]
    [InlineData("hr", 12, "other")]
    [InlineData("fr", 0, "one")]
    public void Each_language_picks_its_plural_form(string culture, long n, string category) =>
        Assert.Equal(category, PluralRules.Category(CultureInfo.GetCultureInfo(culture), n));

    [Fact]
    public void Every_counted_phrase_has_its_one_and_other_forms_in_both_languages()
    {
        var manager = new ResourceManager("Climaborough.Web.Resources.Strings", typeof(Strings).Assembly);
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("bg") })
        {
            var keys = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
            var counted = keys.Where(k => k.Contains('.', StringComparison.Ordinal)).Select(k => k[..k.LastIndexOf('.')]).Distinct().ToList();
            Assert.Contains("LabMembers", counted);
            Assert.All(counted, k => Assert.True(keys.Contains(k + ".one") && keys.Contains(k + ".other"), $"{k} lacks a form in '{culture.Name}'"));
        }
    }

    [Theory]
    [InlineData("en", "1 member", "2 members", "Maria Petrova added 1 note to “Vitosha boulevard”", "Maria Petrova added 12 notes to “Vitosha boulevard”")]
    [InlineData("bg", "1 член", "2 членове", "Maria Petrova добави 1 бележка в „Vitosha boulevard“", "Maria Petrova добави 12 бележки в „Vitosha boulevard“")]
    public async Task The_lab_page_counts_members_and_notes_in_the_right_form(string culture, string oneMember, string twoMembers, string oneNote, string twelveNotes)
    {
        Use(culture);
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab(1, new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-notes", ["1", "Vitosha boulevard"])));
        Http.Json("/api/labs/l1", Lab(2, new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-notes", ["12", "Vitosha boulevard"])));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Contains(oneNote, cut.Find("[data-testid=lab-activity]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith(oneMember, cut.Find("[data-testid=lab-meta]").TextContent.Trim(), StringComparison.Ordinal);

        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", null);

        cut.WaitForAssertion(() => Assert.Contains(twelveNotes, cut.Find("[data-testid=lab-activity]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith(twoMembers, cut.Find("[data-testid=lab-meta]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "1 member", "1 reply", "3 replies")]
    [InlineData("bg", "1 член", "1 отговор", "3 отговора")]
    public void Lab_lists_and_thread_lists_count_in_the_right_form(string culture, string oneMember, string oneReply, string threeReplies)
    {
        Use(culture);
        Http.Json("/api/cities", Array.Empty<CityDto>());
        Http.Json("/api/labs", new[] { Lab(1).Summary });
        var list = Render<LivingLabs>();
        list.WaitForAssertion(() => Assert.Contains(oneMember, list.Find("ul.lab-list").TextContent, StringComparison.Ordinal));

        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab(2));
        Http.Json("/api/labs/l1/threads", new[]
        {
            new ThreadSummary("t1", "l1", "One", "Maria Petrova", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, false),
            new ThreadSummary("t2", "l1", "Three", "Maria Petrova", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 3, false),
        });
        var lab = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        lab.WaitForAssertion(() => Assert.Contains(oneReply, lab.Find("li[data-thread=t1]").TextContent, StringComparison.Ordinal));
        Assert.Contains(threeReplies, lab.Find("li[data-thread=t2]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "1 milestone late", "2 milestones late")]
    [InlineData("bg", "1 закъснял етап", "закъснели етапи: 2")]
    public void A_pilots_late_milestones_are_counted_in_the_right_form(string culture, string one, string two)
    {
        Use(culture);
        Assert.Contains(one, Render<PilotStatusBadge>(p => p.Add(b => b.Status, PilotStatus.Late).Add(b => b.LateMilestones, 1)).Markup, StringComparison.Ordinal);
        Assert.Contains(two, Render<PilotStatusBadge>(p => p.Add(b => b.Status, PilotStatus.Late).Add(b => b.LateMilestones, 2)).Markup, StringComparison.Ordinal);
    }

    private static LabDetails Lab(int members, params LabActivity[] activity) => new(
        new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.WasteToCircularity, LabVisibility.Network, members, DateTimeOffset.UnixEpoch),
        string.Empty,
        string.Empty,
        [.. Enumerable.Range(0, members).Select(i => new LabMember("m" + i, "Member " + i, "sofia", LabRole.Member, DateTimeOffset.UnixEpoch))],
        [],
        activity,
        LabRole.Observer);
}
