namespace Climaborough.Server.Tests.Files;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Images on boards (issue 16) on a real node, on both storage backends: a member's photo (EXIF GPS stripped on
/// upload) becomes an Image element of a lab board; every reader of the board reads the image through its signed
/// thumbnail link, someone outside the lab reads neither; the exports carry it; a malformed file reference is refused.
/// </summary>
public abstract class BoardImagesApiTests(FilesNode node)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BoardElement Image(string id, string? fileRef, string alt) =>
        new(id, ElementKind.Image, 100, 80, 320, 160, 1, "#ffffff", alt, null, null, fileRef, string.Empty, default, default);

    [Fact]
    public async Task A_members_photo_on_the_board_is_seen_by_every_reader_of_the_board_and_by_nobody_else()
    {
        using var ivan = await node.As("ivan");
        using var maria = await node.As("maria");
        var board = (await (await maria.PostAsJsonAsync($"api/labs/{node.LabId}/boards", new CreateBoardRequest("Street corner", node.LabId), BoardJson.Options, Ct)).Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;
        using var uploaded = await ivan.PostAsync($"api/labs/{node.LabId}/files?name={Uri.EscapeDataString("corner of Vitosha.jpg")}", new ByteArrayContent(TestFiles.PhotoWithGps()), Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photo = (await uploaded.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!;

        await using (var hub = await TestHubs.ConnectAsync(node.Url, "ivan", Ct))
        {
            var placed = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("images-ivan", 1, [new ElementChange(ChangeType.Create, "i1", Image("i1", photo.Id, photo.Name))]), Ct);
            Assert.True(placed.Ok, placed.Error);

            var bad = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("images-ivan", 2, [new ElementChange(ChangeType.Create, "i2", Image("i2", "../../keys/file-links.key", "x"))]), Ct);
            Assert.False(bad.Ok);
            Assert.Equal(ErrorCodes.InvalidOp, bad.ErrorCode);
        }

        // The element names the file; Maria (owner), Elena (moderator) and Giulia (observer) read the image by its signed thumbnail link.
        foreach (var reader in new[] { "maria", "elena", "giulia" })
        {
            using var http = await node.As(reader);
            var export = (await http.GetFromJsonAsync<BoardExport>($"api/boards/{board.Id}/export.json", BoardJson.Options, Ct))!;
            var image = Assert.Single(export.Elements, e => e.Kind == ElementKind.Image);
            Assert.Equal((photo.Id, "corner of Vitosha.jpg"), (image.FileRef, image.Text));
            var links = (await http.GetFromJsonAsync<LabFile>($"api/labs/{node.LabId}/files/{image.FileRef}", BoardJson.Options, Ct))!;
            using var anyone = new HttpClient { BaseAddress = node.Url };
            using var thumbnail = await anyone.GetAsync(links.ThumbnailUrl!.TrimStart('/'), Ct);
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
            using var full = await anyone.GetAsync(links.Url!.TrimStart('/'), Ct);
            Assert.False(TestFiles.Contains(await full.Content.ReadAsByteArrayAsync(Ct), TestFiles.GpsLatitude));
        }

        var markdown = await (await node.As("giulia")).GetStringAsync($"api/boards/{board.Id}/export.md", Ct);
        Assert.Contains($"- ![corner of Vitosha.jpg](/api/labs/{node.LabId}/files/{photo.Id}/content)", markdown, StringComparison.Ordinal);

        // Olga is in no lab: the board and its image are both "not found" for her.
        using var olga = await node.As("olga");
        using var olgaBoard = await olga.GetAsync($"api/boards/{board.Id}", Ct);
        using var olgaFile = await olga.GetAsync($"api/labs/{node.LabId}/files/{photo.Id}", Ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (olgaBoard.StatusCode, olgaFile.StatusCode));
        Assert.DoesNotContain(photo.Id, await olgaFile.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class BoardImagesApiTestsOnEmbedded(FilesNodeOnEmbedded node) : BoardImagesApiTests(node), IClassFixture<FilesNodeOnEmbedded>;

public sealed class BoardImagesApiTestsOnAzure(FilesNodeOnAzure node) : BoardImagesApiTests(node), IClassFixture<FilesNodeOnAzure>;
