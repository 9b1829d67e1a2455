namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// Images on boards (issue 16) add no route: a board's image is a file of the board's lab, read with the file
/// routes. What must hold (security.md, "Images on boards") is that whoever reads the board reads its images
/// (their details and the signed thumbnail link an &lt;image&gt; uses), and whoever does not, reads neither.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string> BoardImageCases() => Cases(["board image"]);

    [Theory]
    [MemberData(nameof(BoardImageCases))]
    public async Task A_boards_image_is_readable_exactly_by_the_boards_readers(string call, string person, string lab)
    {
        Assert.Equal("board image", call);
        if (person == "anonymous")
        {
            return; // boards are for signed-in people only (GET /api/boards/{id} is 401 for anyone else)
        }

        var files = await FilesAsync();
        var (labId, fileId) = (fixture.Labs[lab], files[lab]);
        using var http = await TestTokens.ClientAsync(fixture.Url, person);
        using var board = await http.GetAsync($"api/boards/{fixture.Boards[lab]}", Ct);
        using var file = await http.GetAsync($"api/labs/{labId}/files/{fileId}", Ct);
        var text = await file.Content.ReadAsStringAsync(Ct);

        Assert.Equal(Allowed(LabAction.Read, person, lab), board.IsSuccessStatusCode);
        if (board.IsSuccessStatusCode)
        {
            Assert.True(file.IsSuccessStatusCode, $"{person} reads the {lab} lab's board but not its image: {(int)file.StatusCode} {text}");
            var links = (await file.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!;
            using var anyone = new HttpClient { BaseAddress = fixture.Url };
            using var thumbnail = await anyone.GetAsync(links.ThumbnailUrl!.TrimStart('/'), Ct);
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
            Assert.DoesNotContain(fileId, text, StringComparison.Ordinal);
        }
    }
}
