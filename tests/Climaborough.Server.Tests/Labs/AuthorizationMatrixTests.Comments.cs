namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The lab matrix on a board's comments: every comment route and <c>WatchComments</c>, as each person on
/// each lab's board. Commenting needs <see cref="LabAction.Comment"/> (every member, observers included);
/// resolving, the thread's author or Moderate; editing, the comment's author; hiding, Moderate. Who may not
/// read the lab gets exactly the answer for a board that does not exist.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static readonly ConditionalWeakTable<MatrixNode, Task<Dictionary<string, string>>> CommentThreadsOfNode = new();

    /// <summary>Comment routes → what they need in the board's lab (on a thread Maria opened; its first comment <c>c1</c> is hers).</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> CommentRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/boards/{boardId}/comments"] = LabAction.Read,
        ["POST /api/boards/{boardId}/comments"] = LabAction.Comment,
        ["POST /api/boards/{boardId}/comments/{threadId}/posts"] = LabAction.Comment,
        ["PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}"] = LabAction.Comment, // and then its author only
        ["GET /api/boards/{boardId}/comments/{threadId}/posts/{commentId}/history"] = LabAction.Read,
        ["PUT /api/boards/{boardId}/comments/{threadId}/resolved"] = LabAction.Comment, // and then the thread's author or a moderator
        ["PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}/hidden"] = LabAction.Moderate,
    };

    public static TheoryData<string, string, string> CommentRouteCases() => Cases(CommentRoutes.Keys);

    public static TheoryData<string, string, string> CommentHubCases() => Cases([nameof(ILiveHub.WatchComments)]);

    /// <summary>A thread on each lab's board, opened by Maria, by lab name; made once per node.</summary>
    private Task<Dictionary<string, string>> CommentThreadsAsync() => CommentThreadsOfNode.GetValue(fixture, node => MakeCommentThreadsAsync(node));

    private static async Task<Dictionary<string, string>> MakeCommentThreadsAsync(MatrixNode node)
    {
        var threads = new Dictionary<string, string>();
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        foreach (var lab in LabNames)
        {
            using var made = await maria.PostAsJsonAsync($"api/boards/{node.Boards[lab]}/comments", new NewCommentThreadRequest(new CommentAnchor(null, 10, 10), $"Comment of {lab}"), BoardJson.Options);
            made.EnsureSuccessStatusCode();
            threads[lab] = (await made.Content.ReadFromJsonAsync<CommentThreadView>(BoardJson.Options))!.Id;
        }

        return threads;
    }

    [Theory]
    [MemberData(nameof(CommentRouteCases))]
    public async Task Comment_routes_answer_exactly_what_the_boards_lab_allows(string route, string person, string lab)
    {
        var threads = await CommentThreadsAsync();
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var missing = "bnosuchboard" + Guid.NewGuid().ToString("N")[..8];
        object? body = route switch
        {
            "POST /api/boards/{boardId}/comments" => new NewCommentThreadRequest(new CommentAnchor(null, 1, 1), $"From {person}"),
            "POST /api/boards/{boardId}/comments/{threadId}/posts" => new CommentRequest($"Reply from {person}"),
            "PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}" => new CommentRequest($"Comment of {lab}"), // Maria's text: no change, so cases run in any order
            "PUT /api/boards/{boardId}/comments/{threadId}/resolved" => new ResolveRequest(false),
            "PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}/hidden" => new HideCommentRequest(false),
            _ => null,
        };

        async Task<(HttpStatusCode Status, string Text)> CallAsync(string boardId)
        {
            var path = template.Replace("{boardId}", boardId, StringComparison.Ordinal).Replace("{threadId}", threads[lab], StringComparison.Ordinal).Replace("{commentId}", "c1", StringComparison.Ordinal).TrimStart('/');
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body, options: BoardJson.Options) };
            using var response = await http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, text) = await CallAsync(fixture.Boards[lab]);
        if (person == "anonymous")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return;
        }

        if (!Allowed(LabAction.Read, person, lab))
        {
            // Exactly what a board that does not exist answers, and nothing of the board or its comments.
            var (missingStatus, missingText) = await CallAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(missingStatus, status);
            Assert.Equal(Untraced(missingText.Replace(missing, "ID", StringComparison.Ordinal)), Untraced(text.Replace(fixture.Boards[lab], "ID", StringComparison.Ordinal)));
            Assert.DoesNotContain($"Comment of {lab}", text, StringComparison.Ordinal);
            return;
        }

        var allowed = Allowed(CommentRoutes[route], person, lab) && route switch
        {
            "PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}" => person == "maria",
            "PUT /api/boards/{boardId}/comments/{threadId}/resolved" => person == "maria" || Allowed(LabAction.Moderate, person, lab),
            _ => true,
        };
        var expected = allowed ? (method == "POST" && route.EndsWith("/comments", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK) : HttpStatusCode.Forbidden;
        Assert.True(expected == status, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)status} {text}");
    }

    [Theory]
    [MemberData(nameof(CommentHubCases))]
    public async Task Watching_comments_needs_a_signed_in_reader_and_a_non_reader_hears_what_a_missing_board_says(string method, string person, string lab)
    {
        await CommentThreadsAsync();
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);
        var missing = "bnosuchboard" + Guid.NewGuid().ToString("N")[..8];

        async Task<(string? Error, BoardCommentsView? View)> CallAsync(string boardId)
        {
            try
            {
                return (null, await hub.InvokeAsync<BoardCommentsView>(method, boardId, Ct));
            }
            catch (HubException ex)
            {
                return (ex.Message.Replace(boardId, "ID", StringComparison.Ordinal), null);
            }
        }

        var (error, view) = await CallAsync(fixture.Boards[lab]);
        if (person != "anonymous" && Allowed(LabAction.Read, person, lab))
        {
            Assert.Null(error);
            Assert.Contains(view!.Threads, t => t.Comments[0].Body == $"Comment of {lab}");
            Assert.Equal(Allowed(LabAction.Comment, person, lab), view.CanComment);
            return;
        }

        Assert.NotNull(error);
        if (person != "anonymous")
        {
            Assert.Equal((await CallAsync(missing)).Error, error);
        }
    }
}
