namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Lessons;
using Climaborough.Contracts;
using Climaborough.Server.Files;

/// <summary>
/// Attachments whose read rule is not their lab's (docs/security.md, "Attachments"): a lesson's files are read by the
/// lesson's readers (anyone for a public lesson), so the lesson grain decides and the answer carries signed links.
/// A board version's images are read by the board's readers, also once deleted from the lab while the version keeps them.
/// A post's and a pilot's files are their lab's files and need no route of their own (<c>GET /api/labs/{labId}/files/{fileId}</c>).
/// </summary>
public static class AttachmentsApi
{
    /// <summary>Maps <c>/api/lessons/{lessonId}/files/{fileId}</c> and <c>/api/boards/{boardId}/versions/{versionSeq}/files/{fileId}</c>.</summary>
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lessons/{lessonId}/files/{fileId}", LessonFileAsync).AllowAnonymous().WithTags("Lessons", "Files").WithName("GetLessonFile")
            .WithSummary("A file the lesson attaches or shows, with signed links (whoever may read the lesson).");
        app.MapGet("/api/boards/{boardId}/versions/{versionSeq:long}/files/{fileId}", VersionFileAsync).RequireAuthorization().WithTags("Boards", "Files").WithName("GetBoardVersionFile")
            .WithSummary("A file an image of a stored board version shows, with signed links, also once deleted from the lab while the version keeps it (the board's readers).");
        return app;
    }

    private static async Task<IResult> VersionFileAsync(string boardId, long versionSeq, string fileId, CurrentActor caller, IGrainFactory grains, FileLinks links)
    {
        if (!BoardIds.IsValid(boardId) || !FileLimits.IsValidId(fileId))
        {
            return Problems.For(Refusal.NotFound("There is no such file."));
        }

        var outcome = await grains.GetGrain<IBoardGrain>(boardId).VersionFileAsync(caller.Required, versionSeq, fileId);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        var (labId, f) = outcome.Value!;
        return Results.Ok(await FilesApi.WithLinksAsync(labId, new LabFile(f.Id, f.Name, f.Size, f.ContentType, f.UploaderId, f.UploaderName, f.UploadedAt, f.Width, f.Height), links));
    }

    private static async Task<IResult> LessonFileAsync(string lessonId, string fileId, CurrentActor caller, IGrainFactory grains, FileLinks links)
    {
        if (!LessonIds.IsValid(lessonId) || !FileLimits.IsValidId(fileId))
        {
            return Problems.For(Refusal.NotFound("There is no such file."));
        }

        var outcome = await grains.GetGrain<ILessonLibraryGrain>(ILessonLibraryGrain.NetworkKey).FileAsync(caller.Actor, lessonId, fileId);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        var (labId, f) = outcome.Value!;
        return Results.Ok(await FilesApi.WithLinksAsync(labId, new LabFile(f.Id, f.Name, f.Size, f.ContentType, f.UploaderId, f.UploaderName, f.UploadedAt, f.Width, f.Height), links));
    }
}
