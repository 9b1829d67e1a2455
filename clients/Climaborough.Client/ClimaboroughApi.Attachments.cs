namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>Attachments of posts and lessons (docs/protocol.md, "Attachments").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Edits one's own post: its text and, unless null, its attachments (the ids of the lab's files).</summary>
    public Task<ApiResult<PostView>> EditPostAsync(string labId, string threadId, string postId, EditPostRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(HttpMethod.Put, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}", request, cancellationToken);

    /// <summary>A file a lesson attaches or shows, with fresh signed links (whoever may read the lesson).</summary>
    public Task<ApiResult<LabFile>> GetLessonFileAsync(string lessonId, string fileId, CancellationToken cancellationToken = default) =>
        SendAsync<LabFile>(HttpMethod.Get, $"api/lessons/{E(lessonId)}/files/{E(fileId)}", null, cancellationToken);
}
