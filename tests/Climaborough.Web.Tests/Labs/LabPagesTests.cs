namespace Climaborough.Web.Tests.Labs;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Labs;
using Microsoft.Extensions.DependencyInjection;

public sealed class LabPagesTests : WebTestContext
{
    private static LabDetails Details(LabRole? role, params LabActivity[] activity) => new(
        new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.EnergyAndMobility, LabVisibility.Network, 2, DateTimeOffset.UnixEpoch),
        "Low-emission zones and **bike lanes**.",
        "<p>Low-emission zones and <strong>bike lanes</strong>.</p>",
        [new LabMember("m", "Maria Petrova", "sofia", LabRole.Owner, DateTimeOffset.UnixEpoch), new LabMember("i", "Ivan Georgiev", "sofia", LabRole.Member, DateTimeOffset.UnixEpoch)],
        [new LabContent("board", "b1", "Vitosha boulevard", DateTimeOffset.UnixEpoch)],
        activity,
        role);

    [Fact]
    public void The_lab_list_filters_by_city_and_a_coordinator_can_create_a_lab()
    {
        Http.Json("/api/cities", new[] { new CityDto("sofia", "София (Sofia)", "BG", ["bg"], DateTimeOffset.UnixEpoch) });
        Http.Json("/api/me", new Me("m", "Maria Petrova", "sofia", ["member", "city-coordinator"]));
        Http.Json("/api/me/invitations", Array.Empty<LabInvitation>());
        Http.Json("/api/labs", new[] { Details(null).Summary });
        var cut = Render<LivingLabs>();

        cut.WaitForAssertion(() => Assert.Contains("Traffic co-design", cut.Find("ul.lab-list").TextContent, StringComparison.Ordinal));
        Assert.Contains("Energy and mobility integration", cut.Find("ul.lab-list").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=filter-city]").Change("sofia");
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "GET" && r.Path == "/api/labs" && r.Query == "?city=sofia"));
        Assert.NotNull(cut.Find("[data-testid=create-lab]"));
    }

    [Fact]
    public void A_stakeholder_sees_an_invitation_and_accepting_it_joins_the_lab()
    {
        Http.Json("/api/cities", Array.Empty<CityDto>());
        Http.Json("/api/me", new Me("i", "Ivan Georgiev", "sofia", ["member"]));
        Http.Json("/api/me/invitations", new[] { new LabInvitation("inv1", "l1", "Traffic co-design", LabRole.Member, "Maria Petrova", DateTimeOffset.UnixEpoch, null) });
        Http.Json("/api/labs", Array.Empty<LabSummary>());
        Http.Json("/api/labs/l1/join", Details(LabRole.Member));
        var cut = Render<LivingLabs>();

        cut.WaitForAssertion(() => Assert.Contains("Maria Petrova invites you to “Traffic co-design” as member", cut.Find("li[data-invitation=inv1]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=create-lab]"));
        cut.Find("li[data-invitation=inv1] button").Click();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/labs/l1/join" && r.Body!.Contains("inv1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_lab_home_shows_members_boards_and_worded_activity_and_reloads_when_the_lab_changes()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Observer, new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "created", ["Traffic co-design"])));
        Http.Json("/api/labs/l1", Details(LabRole.Observer, new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "added-notes", ["12", "Vitosha boulevard"])));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Contains("Maria Petrova created the lab “Traffic co-design”", cut.Find("[data-testid=lab-activity]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=lab-members] li").Count);
        Assert.Equal("bike lanes", cut.Find("[data-testid=lab-description] strong").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=lab-board-title]"));
        Assert.Empty(cut.FindAll("[data-testid=lab-invite]"));

        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", null);
        cut.WaitForAssertion(() => Assert.Contains("Maria Petrova added 12 notes to “Vitosha boulevard”", cut.Find("[data-testid=lab-activity]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notes_added_on_a_board_show_as_the_line_the_change_carries_without_reading_the_lab_again()
    {
        var created = new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "created", ["Traffic co-design"]);
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member, created));
        Http.Json("/api/labs/l1/threads", Array.Empty<ThreadSummary>(), "GET");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.Contains("Maria Petrova created the lab", cut.Find("[data-testid=lab-activity]").TextContent, StringComparison.Ordinal));
        var requests = Http.Requests.Count;

        var at = DateTimeOffset.UnixEpoch.AddDays(1);
        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", new LabActivity(at, "Ivan Georgiev", "added-notes", ["3", "Vitosha boulevard"]));
        cut.WaitForAssertion(() => Assert.Contains("Ivan Georgiev added 3 notes to “Vitosha boulevard”", cut.FindAll("[data-testid=lab-activity] li")[0].TextContent, StringComparison.Ordinal));

        // More notes of the same burst update that line's count instead of adding one.
        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", new LabActivity(at.AddMinutes(1), "Ivan Georgiev", "added-notes", ["5", "Vitosha boulevard"]));
        cut.WaitForAssertion(() => Assert.Contains("Ivan Georgiev added 5 notes to “Vitosha boulevard”", cut.FindAll("[data-testid=lab-activity] li")[0].TextContent, StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=lab-activity] li").Count);
        Assert.DoesNotContain("added 3 notes", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Maria Petrova created the lab", cut.FindAll("[data-testid=lab-activity] li")[1].TextContent, StringComparison.Ordinal);

        // Nothing was read over REST for it.
        Assert.Equal(requests, Http.Requests.Count);
    }

    [Fact]
    public async Task A_change_of_members_reads_the_lab_again_so_the_member_list_is_current()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lab-members] li").Count));
        var joined = new LabActivity(DateTimeOffset.UnixEpoch.AddDays(1), "Elena Dimitrova", "joined", ["Member"]);
        Http.Json("/api/labs/l1", Details(LabRole.Member, joined) with
        {
            Members = [.. Details(LabRole.Member).Members, new LabMember("e", "Elena Dimitrova", "sofia", LabRole.Member, DateTimeOffset.UnixEpoch)],
        });

        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", joined);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=lab-members] li").Count));
        Assert.Contains(Http.Requests, r => r.Method == "GET" && r.Path == "/api/labs/l1");
        Assert.Single(cut.FindAll("[data-testid=lab-activity] li"));
    }

    [Fact]
    public void Two_members_with_the_same_display_name_are_told_apart_by_their_user_names()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member) with
        {
            Members =
            [
                new LabMember("m", "Maria Petrova", "sofia", LabRole.Owner, DateTimeOffset.UnixEpoch, "maria"),
                new LabMember("x", "maria petrova ", "sofia", LabRole.Member, DateTimeOffset.UnixEpoch, "mpetrova2"),
                new LabMember("i", "Ivan Georgiev", "sofia", LabRole.Member, DateTimeOffset.UnixEpoch, "ivan"),
            ],
        });
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=lab-members] li").Count));
        Assert.Equal(["@maria", "@mpetrova2"], cut.FindAll("[data-testid=member-handle]").Select(h => h.TextContent).ToArray());
    }

    [Fact]
    public void Moderators_get_the_invite_form_and_role_choices_and_members_the_new_board_form()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Moderator));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-invite]")));
        Assert.NotNull(cut.Find("[data-testid=lab-board-title]"));
        Assert.Single(cut.FindAll("[data-testid=lab-members] select"));

        // Settings go to the server as one PUT.
        Http.Json("/api/labs/l1", Details(LabRole.Moderator));
        cut.Find("[data-testid=settings-title]").Change("Renamed lab");
        cut.Find("[data-testid=lab-settings] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == "/api/labs/l1" && r.Body!.Contains("Renamed lab", StringComparison.Ordinal)));
    }

    [Fact]
    public void Observers_and_members_get_no_settings()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-board-title]")));
        Assert.Empty(cut.FindAll("[data-testid=lab-settings]"));
    }

    [Fact]
    public void The_lab_lists_its_discussions_and_lessons_and_a_member_starts_a_thread()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member) with
        {
            Contents = [new LabContent("board", "b1", "Vitosha boulevard", DateTimeOffset.UnixEpoch), new LabContent("lesson", "ls1", "Pop-up lanes first", DateTimeOffset.UnixEpoch)],
        });
        Http.Json("/api/labs/l1/threads", new[] { new ThreadSummary("t1", "l1", "Bike lanes on Vitosha", "Maria Petrova", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 3, true) }, "GET");
        var created = new ThreadSummary("t9", "l1", "Parking", "Ivan Georgiev", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, false);
        Http.Json("/api/labs/l1/threads", new ThreadView(created, [], true, true, false), "POST");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Equal("labs/l1/threads/t1", cut.Find("[data-testid=lab-threads] a").GetAttribute("href")));
        var thread = cut.Find("li[data-thread=t1]").TextContent;
        Assert.Contains("Bike lanes on Vitosha", thread, StringComparison.Ordinal);
        Assert.Contains("Maria Petrova", thread, StringComparison.Ordinal);
        Assert.Contains("3 replies", thread, StringComparison.Ordinal);
        Assert.Contains("locked", thread, StringComparison.Ordinal);
        Assert.Equal("lessons/ls1", cut.Find("[data-testid=lab-lessons] a").GetAttribute("href"));
        Assert.Equal("lessons/new?lab=l1", cut.Find("[data-testid=publish-lesson-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=review-queue-link]"));

        cut.Find("[data-testid=new-thread-title]").Change("Parking");
        cut.Find("[data-testid=new-thread-body]").Input("Where do the **cars** go?");
        Assert.Equal("cars", cut.Find("[data-testid=new-thread-body-preview] strong").TextContent);
        cut.Find("form.new-thread").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith("labs/l1/threads/t9", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
        var sent = Http.Requests.Single(r => r.Method == "POST").Body!;
        Assert.Contains("\"title\":\"Parking\"", sent, StringComparison.Ordinal);
        Assert.Contains("Where do the **cars** go?", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thread_list_reloads_when_the_lab_changes_and_moderators_get_the_review_queue()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Moderator));
        Http.Json("/api/labs/l1", Details(LabRole.Moderator));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-threads]")));
        Assert.Equal("labs/l1/moderation", cut.Find("[data-testid=review-queue-link]").GetAttribute("href"));

        Http.Json("/api/labs/l1/threads", new[] { new ThreadSummary("t1", "l1", "Fresh topic", "Maria Petrova", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, false) });
        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", null);

        cut.WaitForAssertion(() => Assert.Contains("Fresh topic", cut.Find("[data-testid=lab-threads]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 reply", cut.Find("li[data-thread=t1]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Observers_can_read_discussions_but_not_start_them_or_publish_lessons()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Observer));
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-threads]")));

        Assert.Empty(cut.FindAll("[data-testid=new-thread-title]"));
        Assert.Empty(cut.FindAll("[data-testid=publish-lesson-link]"));
        Assert.Empty(cut.FindAll("[data-testid=review-queue-link]"));
    }

    [Fact]
    public async Task When_the_server_ends_access_to_the_lab_its_page_shows_a_no_access_notice_and_nothing_of_the_lab()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Details(LabRole.Member, new LabActivity(DateTimeOffset.UnixEpoch, "Maria Petrova", "created", ["Traffic co-design"])));
        Http.Json("/api/labs/l1/threads", new[] { new ThreadSummary("t1", "l1", "Bike lanes on Vitosha", "Maria Petrova", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 3, false) }, "GET");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lab-members] li").Count));
        Assert.Equal(["l1"], Live.Watching("lab"));

        // Other labs, and other kinds with the same id, leave this page alone.
        await Live.LoseAccessAsync("lab", "l2");
        await Live.LoseAccessAsync("board", "l1");
        Assert.Equal(2, cut.FindAll("[data-testid=lab-members] li").Count);

        await Live.LoseAccessAsync("lab", "l1");

        cut.WaitForAssertion(() => Assert.Equal("This living lab is not available", cut.Find("[data-testid=lab-no-access] h1").TextContent));
        Assert.Contains("You no longer have access to this living lab", cut.Find("[data-testid=lab-no-access]").TextContent, StringComparison.Ordinal);
        Assert.Equal("labs", cut.Find("[data-testid=lab-no-access] a").GetAttribute("href"));
        Assert.Equal("alert", cut.Find("[data-testid=lab-no-access]").GetAttribute("role"));
        Assert.DoesNotContain("Traffic co-design", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Bike lanes on Vitosha", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria Petrova", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=lab-members]"));
        Assert.Empty(cut.FindAll("[data-testid=lab-not-found]"));
        Assert.DoesNotContain("ffline", cut.Markup, StringComparison.Ordinal);

        // A late change of the lab (read over REST before the end) does not bring it back.
        Http.Json("/api/labs/l1", Details(LabRole.Member));
        await Live.RaiseAsync(LiveEvents.LabChanged, "l1", null);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-no-access]")));
        Assert.DoesNotContain("Traffic co-design", cut.Markup, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        Assert.Empty(Live.Watching("lab"));
    }
}
