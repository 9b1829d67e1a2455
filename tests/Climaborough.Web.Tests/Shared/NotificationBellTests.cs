namespace Climaborough.Web.Tests.Shared;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Shared;

public sealed class NotificationBellTests : WebTestContext
{
    private static NotificationItem Item(string id, NotificationKind kind, bool read = false) =>
        new(id, kind, "Maria Petrova", "Bike lanes on Vitosha", "@ivan what do you think?", "/labs/l1/threads/t1#p7", DateTimeOffset.UnixEpoch, read);

    [Fact]
    public async Task The_badge_counts_a_live_notification_and_mark_all_read_clears_it()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Notifications(), new NotificationList([Item("n1", NotificationKind.Reply, read: true)], 0));
        Http.Json("/api/me/notifications/read", new NotificationList([Item("n2", NotificationKind.Mention, read: true), Item("n1", NotificationKind.Reply, read: true)], 0), "POST");
        var cut = Render<NotificationBell>();

        var badge = cut.Find("[data-testid=notification-count]");
        Assert.True(badge.HasAttribute("hidden"));
        Assert.Equal(1, Live.WatchCalls("user"));

        await Live.RaiseAsync(LiveEvents.Notified, null, (Item("n2", NotificationKind.Mention), 1));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent));
        Assert.False(cut.Find("[data-testid=notification-count]").HasAttribute("hidden"));

        cut.Find("[data-testid=notification-bell]").Click();
        var items = cut.FindAll("[data-testid=notification]");
        Assert.Equal(2, items.Count);
        Assert.Contains("Maria Petrova mentioned you in “Bike lanes on Vitosha”", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("@ivan what do you think?", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("unread", items[0].ClassList);
        Assert.Equal("labs/l1/threads/t1#p7", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Maria Petrova replied in “Bike lanes on Vitosha”", items[1].TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=mark-all-read]").Click();

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=notification-count]").HasAttribute("hidden")));
        Assert.Equal("0", cut.Find("[data-testid=notification-count]").TextContent);
        Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/me/notifications/read");
        Assert.DoesNotContain("unread", cut.Find("[data-testid=notification]").ClassList);
    }

    [Fact]
    public void A_refused_mark_all_read_keeps_the_notifications_and_the_count()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Notifications(), new NotificationList([Item("n1", NotificationKind.Mention)], 1));
        Http.Problem("/api/me/notifications/read", System.Net.HttpStatusCode.Unauthorized, "Sign in again.", "POST");
        var cut = Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent));

        cut.Find("[data-testid=notification-bell]").Click();
        cut.Find("[data-testid=mark-all-read]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/me/notifications/read"));
        Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent);
        Assert.Contains("unread", Assert.Single(cut.FindAll("[data-testid=notification]")).ClassList);
    }

    [Fact]
    public async Task Offline_the_count_comes_over_rest_and_notifications_are_watched_once_connected()
    {
        Http.Json("/api/me/notifications", new NotificationList([Item("n1", NotificationKind.Reply)], 1));
        Live.Serve(LiveTopics.Notifications(), new NotificationList([Item("n1", NotificationKind.Reply), Item("n2", NotificationKind.Mention)], 2));
        var cut = Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent));
        Assert.Equal(0, Live.WatchCalls("user"));

        await cut.InvokeAsync(Live.GoOnlineAsync);

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=notification-count]").TextContent));
        Assert.Equal(1, Live.WatchCalls("user"));
    }

    [Fact]
    public void Opening_a_notification_marks_it_read_here_and_on_the_server()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Notifications(), new NotificationList([Item("n2", NotificationKind.Mention), Item("n1", NotificationKind.Reply)], 2));
        Http.Json("/api/me/notifications/read", new NotificationList([Item("n2", NotificationKind.Mention, read: true), Item("n1", NotificationKind.Reply)], 1), "POST");
        var cut = Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=notification-count]").TextContent));

        cut.Find("[data-testid=notification-bell]").Click();
        cut.FindAll("[data-testid=notification] a")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=notification-count]").TextContent));
        var sent = Http.Requests.Single(r => r.Method == "POST" && r.Path == "/api/me/notifications/read");
        Assert.Contains("\"n2\"", sent.Body!, StringComparison.Ordinal);
        Assert.DoesNotContain("\"n1\"", sent.Body!, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=notification-panel]"));

        cut.Find("[data-testid=notification-bell]").Click();
        var items = cut.FindAll("[data-testid=notification]");
        Assert.DoesNotContain("unread", items[0].ClassList);
        Assert.Contains("unread", items[1].ClassList);
    }
}
