namespace Climaborough.Web.Tests.Threads;

using System.Globalization;
using System.Net;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Threads;

public sealed class ThreadPagesTests : WebTestContext
{
    private const string ThreadPath = "/api/labs/l1/threads/t1";

    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    internal static PostView Post(string id, string authorId, string author, string html, params PostReaction[] reactions) =>
        new(id, authorId, author, "Text of " + id, html, At, null, 0, null, null, null, reactions, false, false, 0);

    internal static ThreadSummary Summary(int replies = 1, bool locked = false) => new("t1", "l1", "Bike lanes on Vitosha", "Maria Petrova", At, At, replies, locked);

    private static ThreadView View(bool canReply, bool canModerate, params PostView[] posts) => new(Summary(posts.Length - 1), posts, false, canReply, canModerate);

    private IRenderedComponent<Thread> RenderThread() => Render<Thread>(p => p.Add(t => t.LabId, "l1").Add(t => t.ThreadId, "t1"));

    private void SignIn(string id, string name) => Http.Json("/api/me", new Me(id, name, "sofia", ["member"]));

    [Fact]
    public async Task Readers_see_the_posts_as_sanitized_html_with_quotes_and_a_notice_instead_of_a_hidden_post()
    {
        SignIn("u3", "Elena Dimitrova");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(
            canReply: false,
            canModerate: false,
            Post("p1", "u1", "Maria Petrova", "<p>Let us try <strong>protected</strong> lanes.</p>"),
            Post("p2", "u2", "Ivan Georgiev", "<p>Agreed.</p>") with { QuoteOf = "p1", QuoteAuthor = "Maria Petrova", QuoteText = "Let us try protected lanes." },
            Post("p3", "u2", "Ivan Georgiev", string.Empty) with { Body = string.Empty, Hidden = true }));
        var cut = RenderThread();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("article[data-testid=post]").Count));
        Assert.Equal("Bike lanes on Vitosha", cut.Find("[data-testid=thread-title]").TextContent);

        // European English: day before month, 24-hour clock (never the American 11/20/2026 9:30 AM).
        var posted = cut.Find("article#p1 time").TextContent;
        Assert.Equal(At.ToLocalTime().ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), posted);
        Assert.Equal("protected", cut.Find("article#p1 .post-body strong").TextContent);
        Assert.Contains("Maria Petrova wrote:", cut.Find("article#p2 blockquote").TextContent, StringComparison.Ordinal);
        Assert.Contains("Let us try protected lanes.", cut.Find("article#p2 blockquote").TextContent, StringComparison.Ordinal);
        Assert.Equal("This post was hidden by a moderator.", cut.Find("article#p3 [data-testid=hidden-notice]").TextContent);
        Assert.Empty(cut.FindAll("article#p3 .post-body"));
        Assert.Empty(cut.FindAll("[data-testid=hidden-mark]"));
        Assert.Contains("t1", Live.Watching("thread"));

        // An observer reads, reacts and reports, but has no reply form.
        Assert.Empty(cut.FindAll("[data-testid=reply-body]"));
        Assert.NotNull(cut.Find("[data-testid=reply-members-only]"));
        Assert.Equal(5, cut.FindAll("article#p1 [data-testid=reaction]").Count);
        // Where the reader's device has no emoji font the glyph may be a box: the pointer still names each reaction.
        Assert.Equal(["Thumbs up", "Love it"], cut.FindAll("article#p1 [data-testid=reaction]").Take(2).Select(b => b.GetAttribute("title")));

        await DisposeComponentsAsync();
        Assert.DoesNotContain("t1", Live.Watching("thread"));
    }

    [Fact]
    public async Task A_new_reply_and_a_reaction_pushed_live_appear_without_reloading()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>", new PostReaction("👍", 1, true))));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article[data-testid=post]")));
        Assert.Equal("true", cut.Find("article#p1 [data-emoji='👍']").GetAttribute("aria-pressed"));

        await Live.RaiseAsync(LiveEvents.ThreadChanged, "t1", (Post("p2", "u4", "Georgi Ivanov", "<p>A <em>new</em> reply</p>"), Summary(replies: 1)));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count));
        Assert.Equal("new", cut.Find("article#p2 .post-body em").TextContent);
        Assert.Contains("1 reply", cut.Markup, StringComparison.Ordinal);

        // Someone else reacts: the count changes, and the reader's own reaction stays pressed.
        await Live.RaiseAsync(LiveEvents.ThreadChanged, "t1", (Post("p1", "u1", "Maria Petrova", "<p>First</p>", new PostReaction("👍", 2, false), new PostReaction("💡", 1, false)), Summary(replies: 1)));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("article#p1 [data-emoji='👍'] [data-testid=reaction-count]").TextContent));
        Assert.Equal("1", cut.Find("article#p1 [data-emoji='💡'] [data-testid=reaction-count]").TextContent);
        Assert.Equal("true", cut.Find("article#p1 [data-emoji='👍']").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("article#p1 [data-emoji='💡']").GetAttribute("aria-pressed"));

        // Changes of other threads are none of this page's business; nothing was read over REST.
        await Live.RaiseAsync(LiveEvents.ThreadChanged, "t2", (Post("x1", "u1", "Maria Petrova", "<p>Elsewhere</p>"), Summary() with { Id = "t2" }));
        Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count);
        Assert.DoesNotContain(Http.Requests, r => r.Path == ThreadPath);
    }

    [Fact]
    public void Reacting_toggles_through_the_api_and_shows_the_answer()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        var path = $"{ThreadPath}/posts/p1/reactions/{Uri.EscapeDataString("💡")}";
        Http.Json(path, Post("p1", "u1", "Maria Petrova", "<p>First</p>", new PostReaction("💡", 1, true)), "PUT");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article[data-testid=post]")));

        cut.Find("article#p1 [data-emoji='💡']").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("article#p1 [data-emoji='💡']").GetAttribute("aria-pressed")));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == path);
        Assert.Equal("1", cut.Find("article#p1 [data-emoji='💡'] [data-testid=reaction-count]").TextContent);
    }

    [Fact]
    public void A_refused_reply_shows_the_servers_message_and_the_counter_warns_first()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        Http.Problem($"{ThreadPath}/posts", HttpStatusCode.BadRequest, "body: at most 10000 characters (this one has 10001).");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=reply-body]")));

        cut.Find("[data-testid=reply-body]").Input(new string('a', ThreadLimits.MaxPostLength + 1));
        var counter = cut.Find("[data-testid=reply-body-count]");
        Assert.Equal("10001 / 10000 characters", counter.TextContent.Trim());
        Assert.Contains("over", counter.ClassList);

        cut.Find("[data-testid=reply-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("body: at most 10000 characters (this one has 10001).", cut.Find("[data-testid=reply-error]").TextContent));
        Assert.Equal("alert", cut.Find("[data-testid=reply-error]").GetAttribute("role"));
        Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == $"{ThreadPath}/posts");
    }

    [Fact]
    public void A_reply_quoting_a_post_is_sent_and_appears()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        Http.Json($"{ThreadPath}/posts", Post("p2", "u2", "Ivan Georgiev", "<p>Me too</p>") with { QuoteOf = "p1", QuoteAuthor = "Maria Petrova", QuoteText = "First" }, "POST");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=reply-body]")));

        cut.Find("article#p1 [data-testid=quote-post]").Click();
        Assert.Contains("Quoting Maria Petrova", cut.Find("[data-testid=quoting]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=reply-body]").Input("Me **too**");
        Assert.Equal("too", cut.Find("[data-testid=reply-body-preview] strong").TextContent);
        cut.Find("[data-testid=reply-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count));
        var sent = Http.Requests.Single(r => r.Method == "POST" && r.Path == $"{ThreadPath}/posts").Body!;
        Assert.Contains("\"quoteOf\":\"p1\"", sent, StringComparison.Ordinal);
        Assert.Contains("Me **too**", sent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cut.Find("[data-testid=reply-body]").GetAttribute("value") ?? string.Empty);
        Assert.Empty(cut.FindAll("[data-testid=quoting]"));
    }

    [Fact]
    public void The_preview_never_contains_markup_from_the_text()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=reply-body]")));

        cut.Find("[data-testid=reply-body]").Input("<script>alert(1)</script>");
        var preview = cut.Find("[data-testid=reply-body-preview]");
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", preview.TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=reply-body]").Input("[click](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](javascript:alert(2)) *hi*{onclick=alert(3)} [ok](https://climaborough.eu)");
        preview = cut.Find("[data-testid=reply-body-preview]");
        Assert.Empty(preview.QuerySelectorAll("img, script, [onclick], [onerror]"));
        Assert.DoesNotContain(preview.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(preview.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://climaborough.eu");
    }

    [Fact]
    public void Only_ones_own_posts_offer_edit_and_an_edit_is_saved_with_its_history_shown()
    {
        SignIn("u1", "Maria Petrova");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>Mine</p>"), Post("p2", "u2", "Ivan Georgiev", "<p>His</p>")));
        Http.Json($"{ThreadPath}/posts/p1", Post("p1", "u1", "Maria Petrova", "<p>Mine, <em>better</em></p>") with { EditedAt = At.AddHours(1), Edits = 1 }, "PUT");
        Http.Json($"{ThreadPath}/posts/p1/history", new[] { new PostRevision("Mine", At) });
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count));

        Assert.Single(cut.FindAll("article#p1 [data-testid=edit-post]"));
        Assert.Empty(cut.FindAll("article#p2 [data-testid=edit-post]"));
        Assert.Empty(cut.FindAll("article#p1 [data-testid=report-post]"));
        Assert.Single(cut.FindAll("article#p2 [data-testid=report-post]"));

        cut.Find("article#p1 [data-testid=edit-post]").Click();
        Assert.Equal("Text of p1", cut.Find("article#p1 [data-testid=edit-body]").GetAttribute("value"));
        cut.Find("article#p1 [data-testid=edit-body]").Input("Mine, *better*");
        cut.Find("article#p1 form.edit-post").Submit();

        cut.WaitForAssertion(() => Assert.Equal("better", cut.Find("article#p1 .post-body em").TextContent));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == $"{ThreadPath}/posts/p1" && r.Body!.Contains("Mine, *better*", StringComparison.Ordinal));

        cut.Find("article#p1 [data-testid=post-edited]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Mine", cut.Find("article#p1 [data-testid=post-history] pre").TextContent));
    }

    [Fact]
    public async Task Editing_a_post_takes_a_file_off_and_attaches_an_upload_and_the_history_shows_the_files_it_had()
    {
        var module = JSInterop.SetupModule("./js/file-uploads.js");
        module.Mode = JSRuntimeMode.Loose;
        var study = new FileAttachment("f00000000000000b2", "traffic study.pdf", 20_480, "application/pdf", "Maria Petrova", At);
        var photo = new FileAttachment("f00000000000000a1", "corner.jpg", 300_000, "image/jpeg", "Maria Petrova", At);
        var counts = new LabFile("f00000000000000c3", "counts.csv", 2_048, "text/csv", "u1", "Maria Petrova", At);
        var body = "The corner:\n\n" + AttachmentLimits.ImageMarkdown("l1", photo.FileId, photo.Name) + "\n";
        SignIn("u1", "Maria Petrova");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>The corner:</p>") with { Body = body, Attachments = [study, photo] }));
        Http.Json($"{ThreadPath}/posts/p1", Post("p1", "u1", "Maria Petrova", "<p>The corner:</p>") with { Body = "The corner:\n\n", EditedAt = At.AddHours(1), Edits = 1, Attachments = [study, FileAttachment.Of(counts)] }, "PUT");
        Http.Json($"{ThreadPath}/posts/p1/history", new[] { new PostRevision(body, At, [study, photo]) });
        module.Setup<Climaborough.Web.Boards.UploadAnswer>("upload", _ => true).SetResult(new Climaborough.Web.Boards.UploadAnswer(201, System.Text.Json.JsonSerializer.Serialize(counts, System.Text.Json.JsonSerializerOptions.Web)));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("article#p1 [data-testid=edit-post]")));

        cut.Find("article#p1 [data-testid=edit-post]").Click();
        Assert.Equal(2, cut.FindAll("article#p1 [data-testid=edit-attachments] [data-attachment]").Count);

        // The photo goes, and with it the image it showed in the text; the counts are uploaded and attached.
        cut.Find($"article#p1 [data-testid=edit-attachments] [data-attachment='{photo.FileId}'] [data-testid=remove-attachment]").Click();
        Assert.Equal("The corner:\n\n", cut.Find("article#p1 [data-testid=edit-body]").GetAttribute("value"));
        var uploads = cut.FindComponents<Climaborough.Web.Files.FileUploads>().Single(c => c.Instance.TestId == "edit-attach");
        await cut.InvokeAsync(() => uploads.Instance.OnFilesPicked([new Climaborough.Web.Files.FilePick("k1", "counts.csv", 2_048, "text/csv")]));
        cut.WaitForAssertion(() => Assert.Equal([study.FileId, counts.Id], cut.FindAll("article#p1 [data-testid=edit-attachments] [data-attachment]").Select(e => e.GetAttribute("data-attachment"))));
        cut.Find("article#p1 form.edit-post").Submit();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("article#p1 form.edit-post")));
        var put = Assert.Single(Http.Requests, r => r.Method == "PUT" && r.Path == $"{ThreadPath}/posts/p1");
        var sent = System.Text.Json.JsonSerializer.Deserialize<EditPostRequest>(put.Body!, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal("The corner:\n\n", sent.Body);
        Assert.Equal([study.FileId, counts.Id], sent.Attachments!);
        Assert.Equal(["traffic study.pdf", "counts.csv"], cut.FindAll("article#p1 [data-testid=attachments] [data-attachment]").Select(e => e.QuerySelector(".attachment-name, a")!.TextContent));

        // The earlier version is kept with the files it had.
        cut.Find("article#p1 [data-testid=post-edited]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Files in this version: traffic study.pdf, corner.jpg", cut.Find("article#p1 [data-testid=revision-files]").TextContent));
    }

    [Fact]
    public void Reporting_a_post_sends_the_reason()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>Spam</p>")));
        Http.Json($"{ThreadPath}/posts/p1/reports", Post("p1", "u1", "Maria Petrova", "<p>Spam</p>"), "POST");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("article#p1 [data-testid=report-post]")));

        cut.Find("article#p1 [data-testid=report-post]").Click();
        cut.Find("[data-testid=report-reason]").Change("Advertising");
        cut.Find("form.report-form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Reported. Thank you.", cut.Find("article#p1 [data-testid=reported]").TextContent));
        Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == $"{ThreadPath}/posts/p1/reports" && r.Body!.Contains("Advertising", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_get_no_moderation_controls()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=reply-body]")));

        Assert.Empty(cut.FindAll("[data-testid=hide-post]"));
        Assert.Empty(cut.FindAll("[data-testid=flag-post]"));
        Assert.Empty(cut.FindAll("[data-testid=lock-thread]"));
        Assert.NotNull(cut.Find("[data-testid=follow-thread]"));
    }

    [Fact]
    public void Moderators_see_hidden_text_marked_and_can_hide_and_lock()
    {
        SignIn("u9", "Petar Stoyanov");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, true, Post("p1", "u1", "Maria Petrova", "<p>First</p>"), Post("p2", "u2", "Ivan Georgiev", "<p>Rude words</p>") with { Body = "Rude words", Hidden = true, Reports = 2 }));
        Http.Json($"{ThreadPath}/posts/p1/moderation", Post("p1", "u1", "Maria Petrova", "<p>First</p>") with { Hidden = true }, "PUT");
        Http.Json($"{ThreadPath}/locked", Summary(replies: 1, locked: true), "PUT");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count));

        Assert.Equal("Rude words", cut.Find("article#p2 .post-body").TextContent);
        Assert.Equal("hidden", cut.Find("article#p2 [data-testid=hidden-mark]").TextContent);
        Assert.Contains("2 reports", cut.Find("article#p2").TextContent, StringComparison.Ordinal);
        Assert.Equal("Show", cut.Find("article#p2 [data-testid=hide-post]").TextContent);

        cut.Find("article#p1 [data-testid=hide-post]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("article#p1 [data-testid=hidden-mark]")));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == $"{ThreadPath}/posts/p1/moderation" && r.Body!.Contains("\"hidden\":true", StringComparison.Ordinal));

        cut.Find("[data-testid=lock-thread]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=thread-locked]")));
        Assert.Empty(cut.FindAll("[data-testid=reply-body]"));
        Assert.Equal("Unlock thread", cut.Find("[data-testid=lock-thread]").TextContent);
    }

    [Fact]
    public async Task A_moderator_reloads_the_thread_when_a_post_is_hidden_live()
    {
        SignIn("u9", "Petar Stoyanov");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, true, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        Http.Json(ThreadPath, View(true, true, Post("p1", "u1", "Maria Petrova", "<p>First</p>") with { Hidden = true }));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article[data-testid=post]")));

        await Live.RaiseAsync(LiveEvents.ThreadChanged, "t1", (Post("p1", "u1", "Maria Petrova", string.Empty) with { Body = string.Empty, Hidden = true }, Summary(replies: 0)));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("article#p1 [data-testid=hidden-mark]")));
        Assert.Equal("First", cut.Find("article#p1 .post-body").TextContent);
        Assert.Contains(Http.Requests, r => r.Method == "GET" && r.Path == ThreadPath);
    }

    [Fact]
    public void A_locked_thread_says_so_and_offers_no_reply_form()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u2", "Ivan Georgiev", "<p>First</p>")) with { Summary = Summary(replies: 0, locked: true) });
        var cut = RenderThread();

        cut.WaitForAssertion(() => Assert.Equal("This thread is locked: no new replies or edits.", cut.Find("[data-testid=thread-locked]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=reply-body]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-post]"));
    }

    [Fact]
    public async Task Offline_the_thread_comes_over_rest_and_is_watched_once_connected()
    {
        SignIn("u2", "Ivan Georgiev");
        Http.Json(ThreadPath, View(true, false, Post("p1", "u1", "Maria Petrova", "<p>From REST</p>")));
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>From REST</p>"), Post("p2", "u2", "Ivan Georgiev", "<p>Missed while offline</p>")));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article[data-testid=post]")));

        await cut.InvokeAsync(Live.GoOnlineAsync);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article[data-testid=post]").Count));
        Assert.Contains("t1", Live.Watching("thread"));
    }

    [Fact]
    public void Following_toggles()
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(false, false, Post("p1", "u1", "Maria Petrova", "<p>First</p>")));
        Http.Json($"{ThreadPath}/follow", true, "PUT");
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Equal("Follow", cut.Find("[data-testid=follow-thread]").TextContent.Trim()));

        cut.Find("[data-testid=follow-thread]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Unfollow", cut.Find("[data-testid=follow-thread]").TextContent.Trim()));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == $"{ThreadPath}/follow");
    }

    [Theory]
    [InlineData("thread", "t1")]
    [InlineData("lab", "l1")]
    public async Task When_the_server_ends_access_the_discussion_gives_way_to_a_no_access_notice(string kind, string id)
    {
        SignIn("u2", "Ivan Georgiev");
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), View(true, false, Post("p1", "u1", "Maria Petrova", "<p>Secret plans</p>")));
        var cut = RenderThread();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article[data-testid=post]")));
        Assert.Equal(["t1"], Live.Watching("thread"));

        // Other threads and labs leave this page alone.
        await Live.LoseAccessAsync("thread", "t2");
        await Live.LoseAccessAsync("lab", "l2");
        Assert.Single(cut.FindAll("article[data-testid=post]"));

        await Live.LoseAccessAsync(kind, id);

        cut.WaitForAssertion(() => Assert.Equal("This discussion is not available", cut.Find("[data-testid=thread-no-access] h1").TextContent));
        Assert.Contains("You no longer have access to this discussion", cut.Find("[data-testid=thread-no-access]").TextContent, StringComparison.Ordinal);
        Assert.Equal("labs", cut.Find("[data-testid=thread-no-access] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("article[data-testid=post]"));
        Assert.Empty(cut.FindAll("[data-testid=reply-form]"));
        Assert.Empty(cut.FindAll("[data-testid=thread-not-found]"));
        Assert.DoesNotContain("Secret plans", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Bike lanes on Vitosha", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("ffline", cut.Markup, StringComparison.Ordinal);

        // A post that was already on its way is not shown either.
        await Live.RaiseAsync(LiveEvents.ThreadChanged, "t1", (Post("p2", "u1", "Maria Petrova", "<p>After the end</p>"), Summary(replies: 1)));
        Assert.DoesNotContain("After the end", cut.Markup, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        Assert.Empty(Live.Watching("thread"));
    }

}

public sealed class ThreadPageInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_thread_page_speaks_bulgarian()
    {
        Live.SetState(LiveState.Connected);
        Live.Serve(LiveTopics.Thread("l1", "t1"), new ThreadView(
            ThreadPagesTests.Summary(replies: 1),
            [ThreadPagesTests.Post("p1", "u1", "Мария Петрова", "<p>Първо</p>"), ThreadPagesTests.Post("p2", "u2", "Иван Георгиев", string.Empty) with { Body = string.Empty, Hidden = true }],
            false,
            true,
            false));
        var cut = Render<Thread>(p => p.Add(t => t.LabId, "l1").Add(t => t.ThreadId, "t1"));

        cut.WaitForAssertion(() => Assert.Equal("Тази публикация е скрита от модератор.", cut.Find("article#p2 [data-testid=hidden-notice]").TextContent));
        Assert.Equal("Публикувай отговора", cut.Find("[data-testid=reply-submit]").TextContent);
        Assert.Contains("1 отговор", cut.Markup, StringComparison.Ordinal);
    }
}
