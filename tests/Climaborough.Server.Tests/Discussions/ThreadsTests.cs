namespace Climaborough.Server.Tests.Discussions;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>Threads in a lab, as their users meet them: live replies, edits, reactions, mentions, moderation and refusals.</summary>
[Collection("discussions")]
public sealed class ThreadsTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Posts(string thread) => $"api/labs/{lab.LabId}/threads/{thread}/posts";

    private string Thread(string thread) => $"api/labs/{lab.LabId}/threads/{thread}";

    [Fact]
    public async Task A_reply_and_a_reaction_reach_a_second_client_live_and_a_mention_notifies()
    {
        var thread = await lab.NewThreadAsync("Where do the bins go?");
        var seen = new ConcurrentQueue<PostView>();
        var notified = new ConcurrentQueue<(NotificationItem Item, int Unread)>();
        await using var ivan = lab.Hub("ivan");
        ivan.On<string, PostView, ThreadSummary>(nameof(ILiveClient.ThreadChanged), (id, post, _) =>
        {
            if (id == thread)
            {
                seen.Enqueue(post);
            }
        });
        ivan.On<NotificationItem, int>(nameof(ILiveClient.Notified), (item, unread) => notified.Enqueue((item, unread)));
        await ivan.StartAsync(Ct);
        var view = await ivan.InvokeAsync<ThreadView>(nameof(ILiveHub.WatchThread), lab.LabId, thread, Ct);
        Assert.Single(view.Posts);
        var before = await ivan.InvokeAsync<NotificationList>(nameof(ILiveHub.WatchNotifications), Ct);

        using var maria = await lab.As("maria");
        using var replied = await maria.PostAsJsonAsync(Posts(thread), new ReplyRequest("Next to the school, @ivan — **your** idea?", "p1"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        var reply = (await replied.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!;

        await Eventually(() => seen.Any(p => p.Id == reply.Id));
        var live = seen.Last(p => p.Id == reply.Id);
        Assert.Contains("<strong>your</strong>", live.Html, StringComparison.Ordinal);
        Assert.Equal("p1", live.QuoteOf);
        Assert.Equal("Opening post", live.QuoteText);

        await Eventually(() => notified.Any(n => n.Item.Kind == NotificationKind.Mention && n.Item.Title == "Where do the bins go?"));
        var mention = notified.First(n => n.Item.Kind == NotificationKind.Mention).Item;
        Assert.Equal("Maria Petrova", mention.ActorName);
        Assert.Equal($"labs/{lab.LabId}/threads/{thread}#{reply.Id}", mention.Link);
        Assert.Equal(before.Unread + 1, notified.First().Unread);

        using var reacted = await maria.PutAsync(new Uri($"{Posts(thread)}/p1/reactions/{Uri.EscapeDataString("👍")}", UriKind.Relative), null, Ct);
        reacted.EnsureSuccessStatusCode();
        await Eventually(() => seen.Any(p => p.Id == "p1" && p.Reactions.Any(r => r.Emoji == "👍" && r.Count == 1)));
    }

    [Fact]
    public async Task Followers_hear_of_new_posts_and_can_mark_them_read_but_a_mention_never_reaches_someone_who_cannot_read_the_lab()
    {
        var thread = await lab.NewThreadAsync("Repair café dates");
        using var ivan = await lab.As("ivan");
        (await ivan.PutAsync(new Uri($"{Thread(thread)}/follow", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();
        using var olga = await lab.As("olga");
        var olgaBefore = (await olga.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!.Items.Count;

        using var elena = await lab.As("elena");
        using var posted = await elena.PostAsJsonAsync(Posts(thread), new ReplyRequest("Saturdays work for us. @olga might like this.", null), BoardJson.Options, Ct);
        posted.EnsureSuccessStatusCode();

        var list = (await ivan.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        var reply = Assert.Single(list.Items, n => n.Title == "Repair café dates");
        Assert.Equal(NotificationKind.Reply, reply.Kind);
        Assert.Equal("Elena Dimitrova", reply.ActorName);
        Assert.Contains("Saturdays", reply.Excerpt, StringComparison.Ordinal);
        Assert.True(list.Unread >= 1);

        // Olga (Maribor) is not in this private lab: she hears nothing, and learns nothing of it.
        var olgaAfter = (await olga.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        Assert.Equal(olgaBefore, olgaAfter.Items.Count);

        using var read = await ivan.PostAsJsonAsync("api/me/notifications/read", new { }, Ct);
        Assert.Equal(0, (await read.Content.ReadFromJsonAsync<NotificationList>(BoardJson.Options, Ct))!.Unread);
    }

    [Fact]
    public async Task A_mention_made_while_an_account_is_suspended_never_reaches_it()
    {
        var name = "ment" + Guid.NewGuid().ToString("N")[..6];
        TestTokens.Registered[name] = name + "-secret-123";
        await Accounts.RegisterAsync(lab.Url, "maria", name, name + "-secret-123", Ct);
        using var maria = await lab.As("maria");
        using var invited = await maria.PostAsJsonAsync($"api/labs/{lab.LabId}/invitations", new LabInviteRequest(name, null, LabRole.Member), BoardJson.Options, Ct);
        invited.EnsureSuccessStatusCode();
        var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
        string id;
        using (var member = await lab.As(name))
        {
            (await member.PostAsJsonAsync($"api/labs/{lab.LabId}/join", new { invitationId = invitation.Id }, Ct)).EnsureSuccessStatusCode();
            id = (await member.GetFromJsonAsync<Me>("api/me", BoardJson.Options, Ct))!.Id;
        }

        var thread = await lab.NewThreadAsync("Compost pick-up");
        using var admin = await lab.As("admin");
        (await admin.PutAsJsonAsync($"api/users/{id}/roles", new RolesRequest([]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await maria.PostAsJsonAsync(Posts(thread), new ReplyRequest($"While away: @{name} would know.", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        // Restored, the account finds no notification of what was said while it was suspended.
        (await admin.PutAsJsonAsync($"api/users/{id}/roles", new RolesRequest([PlatformRoles.Member]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var back = await lab.As(name);
        var list = (await back.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        Assert.DoesNotContain(list.Items, n => n.Title == "Compost pick-up");

        // A mention once active again does arrive (so the silence above means something).
        (await maria.PostAsJsonAsync(Posts(thread), new ReplyRequest($"Back now: @{name}?", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        list = (await back.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        Assert.Contains(list.Items, n => n.Title == "Compost pick-up" && n.Kind == NotificationKind.Mention);
    }

    [Fact]
    public async Task Moderators_hide_a_reported_post_from_members_but_still_see_it_and_a_locked_thread_takes_no_replies()
    {
        var thread = await lab.NewThreadAsync("Composting rules");
        using var ivan = await lab.As("ivan");
        using var posted = await ivan.PostAsJsonAsync(Posts(thread), new ReplyRequest("Buy my compost bins at a discount!", null), BoardJson.Options, Ct);
        var spam = (await posted.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!;

        using var giulia = await lab.As("giulia");
        (await giulia.PostAsJsonAsync($"{Posts(thread)}/{spam.Id}/reports", new ReportRequest("Advertising"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        using var elena = await lab.As("elena");
        var queue = (await elena.GetFromJsonAsync<ReviewItem[]>($"api/labs/{lab.LabId}/moderation", BoardJson.Options, Ct))!;
        var item = Assert.Single(queue, q => q.ThreadId == thread);
        Assert.Equal(spam.Id, item.Post.Id);
        Assert.Equal(["Advertising"], item.Reasons);
        Assert.Equal(HttpStatusCode.Forbidden, (await ivan.GetAsync(new Uri($"api/labs/{lab.LabId}/moderation", UriKind.Relative), Ct)).StatusCode);

        (await elena.PutAsJsonAsync($"{Posts(thread)}/{spam.Id}/moderation", new ModeratePostRequest(Hidden: true, Flagged: false), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        var asMember = (await giulia.GetFromJsonAsync<ThreadView>(Thread(thread), BoardJson.Options, Ct))!.Posts.Single(p => p.Id == spam.Id);
        Assert.True(asMember.Hidden);
        Assert.Empty(asMember.Body);
        Assert.Empty(asMember.Html);
        var asModerator = (await elena.GetFromJsonAsync<ThreadView>(Thread(thread), BoardJson.Options, Ct))!.Posts.Single(p => p.Id == spam.Id);
        Assert.True(asModerator.Hidden);
        Assert.Contains("compost bins", asModerator.Body, StringComparison.Ordinal);
        Assert.DoesNotContain((await elena.GetFromJsonAsync<ReviewItem[]>($"api/labs/{lab.LabId}/moderation", BoardJson.Options, Ct))!, q => q.ThreadId == thread);

        (await elena.PutAsJsonAsync($"{Thread(thread)}/locked", new LockRequest(true), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        using var late = await ivan.PostAsJsonAsync(Posts(thread), new ReplyRequest("One more thing", null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("locked", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, (await giulia.GetFromJsonAsync<ThreadView>(Thread(thread), BoardJson.Options, Ct))!.Posts.Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_clearly_and_changes_nothing()
    {
        var thread = await lab.NewThreadAsync("Deposit return scheme");
        using var ivan = await lab.As("ivan");
        using var maria = await lab.As("maria");

        using var tooLong = await ivan.PostAsJsonAsync(Posts(thread), new ReplyRequest(new string('x', ThreadLimits.MaxPostLength + 1), null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("10000", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var others = await ivan.PutAsJsonAsync($"{Posts(thread)}/p1", new EditPostRequest("Ivan rewrote Maria's post"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);

        // Giulia is an observer: she reads and reacts, but does not reply.
        using var giulia = await lab.As("giulia");
        Assert.Equal(HttpStatusCode.Forbidden, (await giulia.PostAsJsonAsync(Posts(thread), new ReplyRequest("Observer here", null), BoardJson.Options, Ct)).StatusCode);
        var thumbs = $"{Posts(thread)}/p1/reactions/{Uri.EscapeDataString("👍")}";
        (await giulia.PutAsync(new Uri(thumbs, UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();
        using var twice = await giulia.PutAsync(new Uri(thumbs, UriKind.Relative), null, Ct);
        var reaction = Assert.Single((await twice.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!.Reactions);
        Assert.Equal(1, reaction.Count);
        Assert.True(reaction.Mine);
        Assert.Equal(HttpStatusCode.BadRequest, (await giulia.PutAsync(new Uri($"{Posts(thread)}/p1/reactions/{Uri.EscapeDataString("💩")}", UriKind.Relative), null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await giulia.PostAsJsonAsync($"{Posts(thread)}/p1/reports", new ReportRequest(" "), BoardJson.Options, Ct)).StatusCode);

        var view = (await maria.GetFromJsonAsync<ThreadView>(Thread(thread), BoardJson.Options, Ct))!;
        var only = Assert.Single(view.Posts);
        Assert.Equal("Opening post", only.Body);
        Assert.Equal(0, only.Edits);
        Assert.Equal(0, view.Posts[0].Reports);
    }

    [Fact]
    public async Task An_author_edits_their_post_the_earlier_text_stays_in_its_history_and_markup_is_made_safe()
    {
        var thread = await lab.NewThreadAsync("Textile collection", "First idea: containers at markets.");
        using var maria = await lab.As("maria");
        using var edited = await maria.PutAsJsonAsync($"{Posts(thread)}/p1", new EditPostRequest("Better idea {onclick=alert(1)}: <script>alert(1)</script> [see](javascript:alert(1)) **pickup days**."), BoardJson.Options, Ct);
        edited.EnsureSuccessStatusCode();
        var post = (await edited.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!;
        Assert.Equal(1, post.Edits);
        Assert.NotNull(post.EditedAt);
        Assert.Contains("<strong>pickup days</strong>", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", post.Html, StringComparison.OrdinalIgnoreCase);
        // Generic attributes are off: "{onclick=…}" stays visible text, never an attribute; the link loses its javascript: target.
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(post.Html);
        Assert.DoesNotContain(html.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(html.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? string.Empty).Contains("javascript", StringComparison.OrdinalIgnoreCase));

        using var ivan = await lab.As("ivan");
        var history = (await ivan.GetFromJsonAsync<PostRevision[]>($"{Posts(thread)}/p1/history", BoardJson.Options, Ct))!;
        Assert.Equal("First idea: containers at markets.", Assert.Single(history).Body);

        // The thread shows up in the lab's list, and the lab's feed says who opened it.
        var threads = (await ivan.GetFromJsonAsync<ThreadSummary[]>($"api/labs/{lab.LabId}/threads", BoardJson.Options, Ct))!;
        Assert.Contains(threads, t => t.Id == thread && t.Title == "Textile collection" && t.AuthorName == "Maria Petrova");
        var details = (await ivan.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.Contains(details.Activity, a => a.Kind == "added-thread" && a.Args[0] == "Textile collection");
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "It did not arrive within 15 s.");
            await Task.Delay(50, Ct);
        }
    }
}
