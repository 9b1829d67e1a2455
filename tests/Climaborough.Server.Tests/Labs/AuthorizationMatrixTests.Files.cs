namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Climaborough.Contracts;
using Climaborough.Testing;
using SkiaSharp;

/// <summary>
/// The lab matrix on files: every file route as each person on an image in each lab (uploaded by Maria).
/// Reading follows the lab's Read, uploading its Contribute; deleting someone else's file needs Moderate
/// (the uploader's own: FilesApiTests). Who may not read the lab gets exactly the not-found answer.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static readonly ConditionalWeakTable<MatrixNode, Task<Dictionary<string, string>>> FilesOfNode = new();

    /// <summary>File routes → what they need in the lab.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> FileRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/labs/{labId}/files"] = LabAction.Read,
        ["POST /api/labs/{labId}/files"] = LabAction.Contribute,
        ["GET /api/labs/{labId}/files/{fileId}"] = LabAction.Read,
        ["GET /api/labs/{labId}/files/{fileId}/content"] = LabAction.Read,
        ["GET /api/labs/{labId}/files/{fileId}/thumbnail"] = LabAction.Read,
        ["DELETE /api/labs/{labId}/files/{fileId}"] = LabAction.Moderate,
    };

    public static TheoryData<string, string, string> FileRouteCases() => Cases(FileRoutes.Keys);

    /// <summary>An image in each lab, by lab name; made once per node.</summary>
    private Task<Dictionary<string, string>> FilesAsync() => FilesOfNode.GetValue(fixture, node => MakeFilesAsync(node));

    private static async Task<Dictionary<string, string>> MakeFilesAsync(MatrixNode node)
    {
        var files = new Dictionary<string, string>();
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        foreach (var lab in LabNames)
        {
            files[lab] = await UploadImageAsync(maria, node.Labs[lab], $"matrix-{lab}.png");
        }

        return files;
    }

    private static async Task<string> UploadImageAsync(HttpClient http, string labId, string name)
    {
        using var bitmap = new SKBitmap(8, 8);
        bitmap.Erase(new SKColor((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256)));
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var uploaded = await http.PostAsync($"api/labs/{labId}/files?name={name}", new ByteArrayContent(png.ToArray()), Ct);
        uploaded.EnsureSuccessStatusCode();
        return (await uploaded.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!.Id;
    }

    [Theory]
    [MemberData(nameof(FileRouteCases))]
    public async Task File_routes_answer_exactly_what_the_lab_allows(string route, string person, string lab)
    {
        var files = await FilesAsync();
        var labId = fixture.Labs[lab];
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var fileId = files[lab];
        if (method == "DELETE")
        {
            // Each case deletes a file of its own, so the cases run in any order.
            using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
            fileId = await UploadImageAsync(maria, labId, "to-delete.png");
        }

        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var path = template.Replace("{labId}", labId, StringComparison.Ordinal).Replace("{fileId}", fileId, StringComparison.Ordinal).TrimStart('/');
        if (method == "POST")
        {
            path += "?name=matrix.txt";
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent($"From the matrix: {person} in {lab} {Guid.NewGuid():N}") : null,
        };
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        if (Allowed(FileRoutes[route], person, lab) && (method == "GET" || person != "anonymous"))
        {
            Assert.True(response.IsSuccessStatusCode, $"{person} on the {lab} lab: {route} should be allowed, got {(int)response.StatusCode} {text}");
        }
        else
        {
            var expected = person == "anonymous" && method != "GET" ? HttpStatusCode.Unauthorized : Allowed(LabAction.Read, person, lab) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.DoesNotContain(labId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(fileId, text, StringComparison.Ordinal);
        }
    }
}
