namespace Climaborough.Web.Tests.Labs;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Labs;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// "Create lab", "New board" and "Start the thread" while the request is on its way: the button is
/// disabled, a second click sends nothing, and the request carries the draft's request id (the server
/// answers the same id with the first result).
/// </summary>
public sealed class CreationInFlightTests : WebTestContext
{
    private static LabDetails Lab(LabRole role) => new(
        new LabSummary("l1", "sofia", "Traffic co-design", LabThemes.EnergyAndMobility, LabVisibility.Network, 2, DateTimeOffset.UnixEpoch),
        string.Empty,
        string.Empty,
        [new LabMember("m", "Maria Petrova", "sofia", LabRole.Owner, DateTimeOffset.UnixEpoch)],
        [],
        [],
        role);

    private static string RequestId(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetString()!;

    [Fact]
    public void New_board_is_disabled_while_the_board_is_being_created_and_a_second_click_sends_nothing()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab(LabRole.Member));
        var release = Http.Hold("/api/labs/l1/boards", "POST");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-board-title]")));

        cut.Find("[data-testid=lab-board-title]").Change("Vitosha boulevard");
        Assert.False(cut.Find("[data-testid=create-lab-board]").HasAttribute("disabled"));
        cut.Find("form.new-board").Submit();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=create-lab-board]").HasAttribute("disabled")));
        cut.Find("form.new-board").Submit();
        var posts = Http.Requests.Where(r => r.Method == "POST" && r.Path == "/api/labs/l1/boards").ToList();
        Assert.Single(posts);
        Assert.True(RequestId(posts[0].Body!).Length >= 8);

        release.SetResult(new BoardInfo("b7", "Vitosha boulevard", "l1", "m", false, DateTimeOffset.UnixEpoch, 0, 0));

        cut.WaitForAssertion(() => Assert.EndsWith("boards/b7", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
        Assert.False(cut.Find("[data-testid=create-lab-board]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_refused_board_keeps_its_request_id_so_trying_again_cannot_make_two()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab(LabRole.Member));
        Http.Problem("/api/labs/l1/boards", System.Net.HttpStatusCode.ServiceUnavailable, "Try again.", "POST");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=lab-board-title]")));

        cut.Find("[data-testid=lab-board-title]").Change("Vitosha boulevard");
        cut.Find("form.new-board").Submit();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=create-lab-board]").HasAttribute("disabled")));
        cut.Find("form.new-board").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Method == "POST" && r.Path == "/api/labs/l1/boards")));
        var ids = Http.Requests.Where(r => r.Method == "POST" && r.Path == "/api/labs/l1/boards").Select(r => RequestId(r.Body!)).Distinct().ToList();
        Assert.Single(ids);
    }

    [Fact]
    public void Start_the_thread_is_disabled_while_the_thread_is_being_started()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Lab("l1"), Lab(LabRole.Member));
        Http.Json("/api/labs/l1/threads", Array.Empty<ThreadSummary>(), "GET");
        var release = Http.Hold("/api/labs/l1/threads", "POST");
        var cut = Render<Lab>(p => p.Add(l => l.LabId, "l1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=new-thread-title]")));

        cut.Find("[data-testid=new-thread-title]").Change("Parking");
        cut.Find("[data-testid=new-thread-body]").Input("Where do the cars go?");
        cut.Find("form.new-thread").Submit();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=create-thread]").HasAttribute("disabled")));
        cut.Find("form.new-thread").Submit();
        var posts = Http.Requests.Where(r => r.Method == "POST" && r.Path == "/api/labs/l1/threads").ToList();
        Assert.Single(posts);
        Assert.True(RequestId(posts[0].Body!).Length >= 8);

        release.SetResult(new ThreadView(new ThreadSummary("t9", "l1", "Parking", "Ivan Georgiev", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, false), [], true, true, false));

        cut.WaitForAssertion(() => Assert.EndsWith("labs/l1/threads/t9", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_lab_is_disabled_while_the_lab_is_being_created()
    {
        Http.Json("/api/cities", Array.Empty<CityDto>());
        Http.Json("/api/me", new Me("m", "Maria Petrova", "sofia", ["member", "city-coordinator"]));
        Http.Json("/api/me/invitations", Array.Empty<LabInvitation>());
        Http.Json("/api/labs", Array.Empty<LabSummary>(), "GET");
        var release = Http.Hold("/api/labs", "POST");
        var cut = Render<LivingLabs>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=create-lab]")));

        cut.Find("[data-testid=lab-title]").Change("Traffic co-design");
        cut.Find("section.new-lab form").Submit();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=create-lab]").HasAttribute("disabled")));
        cut.Find("section.new-lab form").Submit();
        var posts = Http.Requests.Where(r => r.Method == "POST" && r.Path == "/api/labs").ToList();
        Assert.Single(posts);
        Assert.True(RequestId(posts[0].Body!).Length >= 8);

        release.SetResult(Lab(LabRole.Owner));

        cut.WaitForAssertion(() => Assert.EndsWith("labs/l1", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
    }
}
