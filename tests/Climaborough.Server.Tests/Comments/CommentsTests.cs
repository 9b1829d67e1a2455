namespace Climaborough.Server.Tests.Comments;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>Comments on a board as its people meet them over REST and the hub: an observer comments but may not edit, everyone sees it live, a mention rings the bell.</summary>
[Collection("discussions")]
public sealed class CommentsTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Comments => $"api/boards/{lab.BoardId}/comments";

    [Fact]
    public async Task An_observer_comments_with_a_mention_everyone_on_the_board_sees_it_live_and_the_mentioned_member_is_notified()
    {
        var seen = new ConcurrentQueue<CommentThreadView>();
        var notified = new ConcurrentQueue<NotificationItem>();
        await using var ivan = lab.Hub("ivan");
        ivan.On<string, CommentThreadView>(nameof(ILiveClient.CommentThreadChanged), (id, thread) =>
        {
            if (id == lab.BoardId)
            {
                seen.Enqueue(thread);
            }
        });
        ivan.On<NotificationItem, int>(nameof(ILiveClient.Notified), (item, _) => notified.Enqueue(item));
        await ivan.StartAsync(Ct);
        var watched = await ivan.InvokeAsync<BoardCommentsView>(nameof(ILiveHub.WatchComments), lab.BoardId, Ct);
        Assert.True(watched.CanComment);
        await ivan.InvokeAsync<NotificationList>(nameof(ILiveHub.WatchNotifications), Ct);

        // Giulia observes: her edit of the board is refused, her comment is taken.
        await using var giuliaHub = lab.Hub("giulia");
        await giuliaHub.StartAsync(Ct);
        await giuliaHub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var edit = await giuliaHub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit("giulia-" + Guid.NewGuid().ToString("N")[..8], 1, [new ElementChange(ChangeType.Create, "gnote", new BoardElement("gnote", ElementKind.Note, 0, 0, 10, 10, 0, "#ffffff", "x", null, null, null, string.Empty, default, default))]), Ct);
        Assert.Equal(ErrorCodes.Forbidden, edit.ErrorCode);

        using var giulia = await lab.As("giulia");
        using var made = await giulia.PostAsJsonAsync(Comments, new NewCommentThreadRequest(new CommentAnchor(null, 40, 60), "@ivan is **this** the collection point?"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var thread = (await made.Content.ReadFromJsonAsync<CommentThreadView>(BoardJson.Options, Ct))!;
        Assert.Contains("<strong>this</strong>", thread.Comments[0].Html, StringComparison.Ordinal);

        await Eventually(() => seen.Any(t => t.Id == thread.Id));
        await Eventually(() => notified.Any(n => n.Kind == NotificationKind.Mention && n.Link == $"boards/{lab.BoardId}?comment={thread.Id}"));
        Assert.Equal("Giulia Rossi", notified.First(n => n.Kind == NotificationKind.Mention).ActorName);

        // Ivan replies; Giulia follows the thread she opened, so she hears of it.
        using var ivanHttp = await lab.As("ivan");
        using var replied = await ivanHttp.PostAsJsonAsync($"{Comments}/{thread.Id}/posts", new CommentRequest("Yes, behind the school."), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        await Eventually(() => seen.Any(t => t.Id == thread.Id && t.Comments.Count == 2));
        var giuliaBell = (await giulia.GetFromJsonAsync<NotificationList>("api/me/notifications", BoardJson.Options, Ct))!;
        Assert.Contains(giuliaBell.Items, n => n.Kind == NotificationKind.Reply && n.ActorName == "Ivan Georgiev" && n.Link.EndsWith($"?comment={thread.Id}", StringComparison.Ordinal));

        // Ivan may not resolve Giulia's thread; she may.
        using var notHis = await ivanHttp.PutAsJsonAsync($"{Comments}/{thread.Id}/resolved", new ResolveRequest(true), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notHis.StatusCode);
        using var resolved = await giulia.PutAsJsonAsync($"{Comments}/{thread.Id}/resolved", new ResolveRequest(true), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await Eventually(() => seen.Any(t => t.Id == thread.Id && t.Resolved));
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_and_changes_nothing()
    {
        using var ivan = await lab.As("ivan");
        var before = (await ivan.GetFromJsonAsync<BoardCommentsView>(Comments, BoardJson.Options, Ct))!.Threads.Count;
        using var empty = await ivan.PostAsJsonAsync(Comments, new NewCommentThreadRequest(new CommentAnchor(null, 0, 0), "   "), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("body", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var far = await ivan.PostAsJsonAsync(Comments, new NewCommentThreadRequest(new CommentAnchor(null, 1e9, 0), "Far away"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Equal(before, (await ivan.GetFromJsonAsync<BoardCommentsView>(Comments, BoardJson.Options, Ct))!.Threads.Count);
    }

    [Fact]
    public async Task The_board_exports_carry_its_comments_under_their_note_and_outsiders_get_the_missing_board_answer()
    {
        // Ivan writes a note and comments on it; Giulia (an observer) reads both exports.
        var note = "note-" + Guid.NewGuid().ToString("N")[..8];
        await using var ivanHub = lab.Hub("ivan");
        await ivanHub.StartAsync(Ct);
        await ivanHub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var edit = await ivanHub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit("ivan-" + Guid.NewGuid().ToString("N")[..8], 1, [new ElementChange(ChangeType.Create, note, new BoardElement(note, ElementKind.Note, 100, 100, 120, 80, 0, "#fff59d", "Compost bins by the market", null, null, null, string.Empty, default, default))]), Ct);
        Assert.Null(edit.ErrorCode);
        using var ivan = await lab.As("ivan");
        using var made = await ivan.PostAsJsonAsync(Comments, new NewCommentThreadRequest(new CommentAnchor(note, 10, 10), "Who empties them on Sundays?"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var thread = (await made.Content.ReadFromJsonAsync<CommentThreadView>(BoardJson.Options, Ct))!;

        using var giulia = await lab.As("giulia");
        var markdown = await giulia.GetStringAsync($"api/boards/{lab.BoardId}/export.md", Ct);
        var lines = markdown.Split('\n');
        var section = Array.IndexOf(lines, "## Comments");
        Assert.True(section >= 0, markdown);
        var under = Array.IndexOf(lines, "### On \"Compost bins by the market\"", section);
        Assert.True(under > section, markdown);
        Assert.Contains(lines.Skip(under), l => l.StartsWith("- **Ivan Georgiev** (", StringComparison.Ordinal) && l.EndsWith("): Who empties them on Sundays?", StringComparison.Ordinal));

        var json = (await giulia.GetFromJsonAsync<BoardExport>($"api/boards/{lab.BoardId}/export.json", BoardJson.Options, Ct))!;
        var exported = Assert.Single(json.Comments!, t => t.Id == thread.Id);
        Assert.Equal(note, exported.Anchor.ElementId);
        Assert.Equal("Who empties them on Sundays?", Assert.Single(exported.Comments).Body);

        // Olga is in no role in the lab: both exports answer as for a board that does not exist.
        using var olga = await lab.As("olga");
        foreach (var format in new[] { "md", "json" })
        {
            using var refused = await olga.GetAsync(new Uri($"api/boards/{lab.BoardId}/export.{format}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("Sundays", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
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

/// <summary>Comments keep the board's durability promise: what was answered is there after the node is killed.</summary>
public sealed class CommentsDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answered_comment_is_there_once_after_the_node_is_killed_and_started_again()
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path };
        string boardId;
        var answered = new List<string>();
        await using (var node = NodeProcess.Start(settings))
        {
            await node.WaitReadyAsync();
            using var maria = await TestTokens.ClientAsync(node.Url, "maria");
            using var board = await maria.PostAsJsonAsync("api/boards", new CreateBoardRequest("Kept comments"), BoardJson.Options, Ct);
            boardId = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
            using var opened = await maria.PostAsJsonAsync($"api/boards/{boardId}/comments", new NewCommentThreadRequest(new CommentAnchor("n1", 0, 0), "First"), BoardJson.Options, Ct);
            var thread = (await opened.Content.ReadFromJsonAsync<CommentThreadView>(BoardJson.Options, Ct))!.Id;
            answered.Add("First");
            for (var i = 0; i < 10; i++)
            {
                using var reply = await maria.PostAsJsonAsync($"api/boards/{boardId}/comments/{thread}/posts", new CommentRequest($"Reply {i}"), BoardJson.Options, Ct);
                Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
                answered.Add($"Reply {i}");
            }

            // Disposing kills the process, as a crash would: nothing is shut down gracefully.
        }

        await using var again = NodeProcess.Start(settings);
        await again.WaitReadyAsync();
        using var back = await TestTokens.ClientAsync(again.Url, "maria");
        var listed = (await back.GetFromJsonAsync<BoardCommentsView>($"api/boards/{boardId}/comments", BoardJson.Options, Ct))!;
        Assert.Equal(answered, Assert.Single(listed.Threads).Comments.Select(c => c.Body));
    }
}
