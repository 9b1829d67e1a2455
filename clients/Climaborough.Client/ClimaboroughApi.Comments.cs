namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>Comments on a board's elements (docs/protocol.md, "Comments").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>A board's comment threads (readers).</summary>
    public Task<ApiResult<BoardCommentsView>> GetCommentsAsync(string boardId, CancellationToken cancellationToken = default) =>
        SendAsync<BoardCommentsView>(HttpMethod.Get, $"api/boards/{E(boardId)}/comments", null, cancellationToken);

    /// <summary>Opens a thread on an element or a point with its first comment.</summary>
    public Task<ApiResult<CommentThreadView>> StartCommentAsync(string boardId, NewCommentThreadRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CommentThreadView>(HttpMethod.Post, $"api/boards/{E(boardId)}/comments", request, cancellationToken);

    /// <summary>Replies in a thread.</summary>
    public Task<ApiResult<CommentThreadView>> ReplyToCommentAsync(string boardId, string threadId, string body, CancellationToken cancellationToken = default) =>
        SendAsync<CommentThreadView>(HttpMethod.Post, $"api/boards/{E(boardId)}/comments/{E(threadId)}/posts", new CommentRequest(body), cancellationToken);

    /// <summary>Changes one's own comment.</summary>
    public Task<ApiResult<CommentThreadView>> EditCommentAsync(string boardId, string threadId, string commentId, string body, CancellationToken cancellationToken = default) =>
        SendAsync<CommentThreadView>(HttpMethod.Put, $"api/boards/{E(boardId)}/comments/{E(threadId)}/posts/{E(commentId)}", new CommentRequest(body), cancellationToken);

    /// <summary>A comment's earlier texts.</summary>
    public Task<ApiResult<IReadOnlyList<PostRevision>>> GetCommentHistoryAsync(string boardId, string threadId, string commentId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<PostRevision>>(HttpMethod.Get, $"api/boards/{E(boardId)}/comments/{E(threadId)}/posts/{E(commentId)}/history", null, cancellationToken);

    /// <summary>Resolves or reopens a thread.</summary>
    public Task<ApiResult<CommentThreadView>> ResolveCommentAsync(string boardId, string threadId, bool resolved, CancellationToken cancellationToken = default) =>
        SendAsync<CommentThreadView>(HttpMethod.Put, $"api/boards/{E(boardId)}/comments/{E(threadId)}/resolved", new ResolveRequest(resolved), cancellationToken);

    /// <summary>Hides or shows a comment (moderators).</summary>
    public Task<ApiResult<CommentThreadView>> HideCommentAsync(string boardId, string threadId, string commentId, bool hidden, CancellationToken cancellationToken = default) =>
        SendAsync<CommentThreadView>(HttpMethod.Put, $"api/boards/{E(boardId)}/comments/{E(threadId)}/posts/{E(commentId)}/hidden", new HideCommentRequest(hidden), cancellationToken);
}
