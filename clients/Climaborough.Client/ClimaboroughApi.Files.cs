namespace Climaborough.Client;

using System.Net.Http.Headers;
using Climaborough.Contracts;

/// <summary>A lab's files (docs/protocol.md, "Files").</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>A lab's files with signed links, the space used and the limits (readers).</summary>
    public Task<ApiResult<LabFiles>> GetLabFilesAsync(string labId, CancellationToken cancellationToken = default) =>
        SendAsync<LabFiles>(HttpMethod.Get, $"api/labs/{E(labId)}/files", null, cancellationToken);

    /// <summary>Uploads one file as it is read from <paramref name="content"/>; the server decides its type from the content and may refuse it (too large, quota, type).</summary>
    public Task<ApiResult<LabFile>> UploadFileAsync(string labId, string name, Stream content, CancellationToken cancellationToken = default)
    {
        var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendContentAsync<LabFile>(HttpMethod.Post, $"api/labs/{E(labId)}/files?name={E(name)}", body, cancellationToken);
    }

    /// <summary>Deletes a file (its uploader, or a moderator).</summary>
    public Task<ApiResult<bool>> DeleteFileAsync(string labId, string fileId, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(HttpMethod.Delete, $"api/labs/{E(labId)}/files/{E(fileId)}", null, cancellationToken);
}
