namespace Climaborough.Server.Endpoints;

using System.Buffers;
using System.Security.Cryptography;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;
using Climaborough.Server.Files;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

/// <summary>
/// A lab's files over REST (docs/protocol.md, "Files"): upload as the raw request body, streamed to a
/// temporary file within the per-file limit, typed by content, images re-encoded, stored under the
/// content's SHA-256, then recorded by the lab's <see cref="IFileLibraryGrain"/>, which decides who may.
/// Downloads authorize like every read of the lab, or carry a short-lived signed link (<see cref="FileLinks"/>).
/// </summary>
public static class FilesApi
{
    /// <summary>Name of the per-person upload rate limit.</summary>
    public const string UploadRateLimit = "file-uploads";

    /// <summary>Maps <c>/api/labs/{labId}/files</c>.</summary>
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/labs/{labId}/files").WithTags("Files");
        files.MapGet("/", ListAsync).AllowAnonymous().WithName("ListFiles").WithSummary("A lab's files, newest first, with signed links, the space used and the limits (readers).");
        files.MapPost("/", UploadAsync).RequireAuthorization().RequireRateLimiting(UploadRateLimit).DisableAntiforgery()
            .WithName("UploadFile").WithSummary("Uploads one file as the request body, its name in ?name= (contributors; the type is decided by the content).");
        files.MapGet("/{fileId}", GetAsync).AllowAnonymous().WithName("GetFile").WithSummary("One file's details with signed links (readers).");
        files.MapGet("/{fileId}/content", (string labId, string fileId, string? exp, string? sig, HttpContext http, CurrentActor caller, IGrainFactory grains, IFileStore store, FileLinks links) =>
                ServeAsync(labId, fileId, FileVariants.Content, exp, sig, http, caller, grains, store, links))
            .AllowAnonymous().WithName("DownloadFile").WithSummary("The file's content (readers, or a signed link).");
        files.MapGet("/{fileId}/thumbnail", (string labId, string fileId, string? exp, string? sig, HttpContext http, CurrentActor caller, IGrainFactory grains, IFileStore store, FileLinks links) =>
                ServeAsync(labId, fileId, FileVariants.Thumbnail, exp, sig, http, caller, grains, store, links))
            .AllowAnonymous().WithName("DownloadThumbnail").WithSummary("An image's thumbnail (readers, or a signed link).");
        files.MapDelete("/{fileId}", DeleteAsync).RequireAuthorization().WithName("DeleteFile").WithSummary("Deletes a file (its uploader, or a moderator).");
        return app;
    }

    private static IResult NoSuchFile() => Problems.For(Refusal.NotFound("There is no such file."));

    private static async Task<IResult> ListAsync(string labId, CurrentActor caller, IGrainFactory grains, FileLinks links)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var outcome = await grains.GetGrain<IFileLibraryGrain>(labId).ListAsync(caller.Actor);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        var signed = new List<LabFile>(outcome.Value!.Files.Count);
        foreach (var file in outcome.Value.Files)
        {
            signed.Add(await WithLinksAsync(labId, file, links));
        }

        return Results.Ok(outcome.Value with { Files = signed });
    }

    private static async Task<IResult> GetAsync(string labId, string fileId, CurrentActor caller, IGrainFactory grains, FileLinks links)
    {
        if (!LabIds.IsValid(labId) || !FileLimits.IsValidId(fileId))
        {
            return NoSuchFile();
        }

        var outcome = await grains.GetGrain<IFileLibraryGrain>(labId).GetAsync(caller.Actor, fileId);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        var f = outcome.Value!;
        return Results.Ok(await WithLinksAsync(labId, new LabFile(f.Id, f.Name, f.Size, f.ContentType, f.UploaderId, f.UploaderName, f.UploadedAt, f.Width, f.Height), links));
    }

    private static async Task<IResult> DeleteAsync(string labId, string fileId, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId) || !FileLimits.IsValidId(fileId))
        {
            return NoSuchFile();
        }

        return Problems.Answer(await grains.GetGrain<IFileLibraryGrain>(labId).DeleteAsync(caller.Required, fileId));
    }

    private static async Task<IResult> UploadAsync(string labId, string? name, HttpContext http, CurrentActor caller, IGrainFactory grains, IFileStore store, TimeProvider time, IOptions<LabFileOptions> options, ILoggerFactory loggers)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var actor = caller.Required;
        var library = grains.GetGrain<IFileLibraryGrain>(labId);
        var allowance = await library.AllowUploadAsync(actor);
        if (allowance.Refusal is { } refusal)
        {
            return Problems.For(refusal);
        }

        var (max, remaining) = (allowance.Value!.MaxFileBytes, allowance.Value.RemainingBytes);
        if (http.Request.ContentLength is { } declared)
        {
            if (declared > max)
            {
                return TooLarge(max);
            }

            if (declared > remaining)
            {
                return OverQuota(remaining);
            }
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = max + 1;
        }

        var fileName = FileLimits.SanitizeName(name);
        var tempPath = Path.Combine(Path.GetTempPath(), "climaborough-upload-" + Guid.NewGuid().ToString("N"));
        await using var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
        {
            timeout.CancelAfter(options.Value.UploadTimeout);
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                long total = 0;
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    total += read;
                    if (total > max)
                    {
                        return TooLarge(max);
                    }

                    await temp.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                }
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                return Problems.For(Refusal.Invalid($"file: The upload took longer than {options.Value.UploadTimeout.TotalSeconds:0} seconds; nothing was stored."));
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(max);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var (type, extension, refusedType) = FileTypes.Detect(temp, fileName);
        if (type is null)
        {
            return Problems.For(new Refusal(ErrorCodes.UnsupportedType, refusedType!));
        }

        Stream content = temp;
        byte[]? thumbnail = null;
        int? width = null, height = null;
        if (FileTypes.IsImage(type))
        {
            var image = ImageProcessor.Process(temp, type, out var unreadable);
            if (image is null)
            {
                return Problems.For(new Refusal(ErrorCodes.UnsupportedType, unreadable!));
            }

            if (image.Content.Length > max)
            {
                return TooLarge(max);
            }

            (content, type, extension, thumbnail, width, height) = (new MemoryStream(image.Content, writable: false), image.ContentType, image.Extension, image.Thumbnail, image.Width, image.Height);
        }

        await using var stored = content == temp ? null : content;
        content.Position = 0;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, http.RequestAborted));
        var size = content.Length;
        if (size > remaining)
        {
            return OverQuota(remaining);
        }

        content.Position = 0;
        await store.PutAsync(FileBlobs.Content(labId, sha), content, type, http.RequestAborted);
        if (thumbnail is not null)
        {
            using var small = new MemoryStream(thumbnail, writable: false);
            await store.PutAsync(FileBlobs.Thumbnail(labId, sha), small, "image/webp", http.RequestAborted);
        }

        var record = new StoredLabFile(FileBlobs.NewId(), FileTypes.WithExtension(fileName, extension!), size, type, sha, actor.UserId, actor.Name, time.GetUtcNow(), width, height, thumbnail is null ? null : "image/webp");
        var added = await library.AddAsync(actor, record);
        if (added.Refusal is { } notAdded)
        {
            await library.DiscardAsync(sha);
            return Problems.For(notAdded);
        }

        loggers.CreateLogger(typeof(FilesApi)).LogInformation("File {FileId} ({Type}, {Size} bytes) added to lab {LabId}", record.Id, type, size, labId);
        var links = http.RequestServices.GetRequiredService<FileLinks>();
        return Results.Created($"/api/labs/{labId}/files/{record.Id}", await WithLinksAsync(labId, added.Value!, links));
    }

    private static IResult TooLarge(long max) =>
        Problems.For(new Refusal(ErrorCodes.FileTooLarge, $"The file is larger than the limit of {Megabytes(max)} MB; nothing was stored."));

    private static IResult OverQuota(long remaining) =>
        Problems.For(new Refusal(ErrorCodes.QuotaExceeded, $"The lab's quota is full: {Megabytes(remaining)} MB left; nothing was stored."));

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The file with fresh signed links for its content (and thumbnail, for images).</summary>
    internal static async Task<LabFile> WithLinksAsync(string labId, LabFile file, FileLinks links)
    {
        var (url, expires) = await links.SignAsync(labId, file.Id, FileVariants.Content);
        var thumbnail = file.IsImage ? (await links.SignAsync(labId, file.Id, FileVariants.Thumbnail)).Url : null;
        return file with { Url = url, ThumbnailUrl = thumbnail, LinksExpireAt = expires };
    }

    private static async Task<IResult> ServeAsync(string labId, string fileId, string variant, string? exp, string? sig, HttpContext http, CurrentActor caller, IGrainFactory grains, IFileStore store, FileLinks links)
    {
        if (!LabIds.IsValid(labId) || !FileLimits.IsValidId(fileId))
        {
            return NoSuchFile();
        }

        var library = grains.GetGrain<IFileLibraryGrain>(labId);
        StoredLabFile? file;
        if (sig is not null || exp is not null)
        {
            // A signed link is its own permission (for <img> and downloads, which carry no token); a bad or expired one is "no such file".
            file = await links.VerifyAsync(labId, fileId, variant, exp, sig) ? await library.FindForLinkAsync(fileId) : null;
        }
        else
        {
            var outcome = await library.GetAsync(caller.Actor, fileId);
            if (outcome.Refusal is { } refusal)
            {
                return Problems.For(refusal);
            }

            file = outcome.Value;
        }

        if (file is null || (variant == FileVariants.Thumbnail && file.ThumbnailType is null))
        {
            return NoSuchFile();
        }

        var blob = variant == FileVariants.Thumbnail ? FileBlobs.Thumbnail(labId, file.Sha256) : FileBlobs.Content(labId, file.Sha256);
        var stream = await store.OpenReadAsync(blob, http.RequestAborted);
        if (stream is null)
        {
            return NoSuchFile();
        }

        var type = variant == FileVariants.Thumbnail ? file.ThumbnailType! : file.ContentType;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = Disposition(FileTypes.IsImage(type) ? "inline" : "attachment", variant == FileVariants.Thumbnail ? "thumbnail-" + file.Name : file.Name);
        headers.CacheControl = "private, max-age=300";
        headers.ETag = $"\"{file.Sha256}\"";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return Results.Stream(stream, type);
    }

    /// <summary>A Content-Disposition header with the file's name (an ASCII fallback and the UTF-8 form).</summary>
    private static string Disposition(string kind, string name)
    {
        var value = new ContentDispositionHeaderValue(kind);
        value.SetHttpFileName(name);
        return value.ToString();
    }
}

/// <summary>What a file link serves.</summary>
public static class FileVariants
{
    /// <summary>The file itself.</summary>
    public const string Content = "content";

    /// <summary>An image's thumbnail.</summary>
    public const string Thumbnail = "thumbnail";
}
