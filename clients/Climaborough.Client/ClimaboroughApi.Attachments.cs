namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>Attachments of posts, lessons, pilots and milestones (docs/protocol.md, "Attachments").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>Edits one's own post: its text and, unless null, its attachments (the ids of the lab's files).</summary>
    public Task<ApiResult<PostView>> EditPostAsync(string labId, string threadId, string postId, EditPostRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(HttpMethod.Put, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}", request, cancellationToken);

    /// <summary>Replaces a pilot's attached files with <paramref name="fileIds"/> (files of its lab); answers the pilot.</summary>
    public Task<ApiResult<PilotView>> SetPilotAttachmentsAsync(string pilotId, IReadOnlyList<string> fileIds, CancellationToken cancellationToken = default) =>
        SendAsync<PilotView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/attachments", new AttachmentsRequest(fileIds), cancellationToken);

    /// <summary>Replaces a milestone's attached files with <paramref name="fileIds"/> (files of the pilot's lab); answers the milestone.</summary>
    public Task<ApiResult<MilestoneView>> SetMilestoneAttachmentsAsync(string pilotId, string milestoneId, IReadOnlyList<string> fileIds, CancellationToken cancellationToken = default) =>
        SendAsync<MilestoneView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/milestones/{E(milestoneId)}/attachments", new AttachmentsRequest(fileIds), cancellationToken);

    /// <summary>A file a lesson attaches or shows, with fresh signed links (whoever may read the lesson).</summary>
    public Task<ApiResult<LabFile>> GetLessonFileAsync(string lessonId, string fileId, CancellationToken cancellationToken = default) =>
        SendAsync<LabFile>(HttpMethod.Get, $"api/lessons/{E(lessonId)}/files/{E(fileId)}", null, cancellationToken);
}
