namespace Climaborough.Client;

using System.Net;
using Climaborough.Contracts;

/// <summary>Images on boards (docs/protocol.md, "Images on boards"): a board's image is a file of the board's lab.</summary>
public sealed partial class ClimaboroughApi
{
    /// <summary>One file's details with fresh signed links (readers of the lab, so every reader of its boards).</summary>
    public Task<ApiResult<LabFile>> GetLabFileAsync(string labId, string fileId, CancellationToken cancellationToken = default) =>
        SendAsync<LabFile>(HttpMethod.Get, $"api/labs/{E(labId)}/files/{E(fileId)}", null, cancellationToken);

    /// <summary>A file an image of a stored board version shows, with fresh signed links: also once deleted from the lab, while the version keeps it (the board's readers).</summary>
    public Task<ApiResult<LabFile>> GetBoardVersionFileAsync(string boardId, long versionSeq, string fileId, CancellationToken cancellationToken = default) =>
        SendAsync<LabFile>(HttpMethod.Get, $"api/boards/{E(boardId)}/versions/{versionSeq.ToString(System.Globalization.CultureInfo.InvariantCulture)}/files/{E(fileId)}", null, cancellationToken);

    /// <summary>Where a file is uploaded (relative to the app's base), for uploads the browser sends itself (with progress).</summary>
    public static string UploadPath(string labId, string name) => $"api/labs/{E(labId)}/files?name={E(name)}";

    /// <summary>Reads an upload's answer that the browser received itself, as <see cref="UploadFileAsync"/> would have.</summary>
    public static async Task<ApiResult<LabFile>> ReadUploadAnswerAsync(int status, string body, CancellationToken cancellationToken = default)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body ?? string.Empty, System.Text.Encoding.UTF8, "application/json") };
        return await ResultAsync<LabFile>(response, cancellationToken);
    }
}
