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

    [Fact]
    public async Task A_board_version_keeps_its_image_after_the_element_and_the_file_are_deleted_until_the_version_is_pruned()
    {
        using var ivan = await node.As("ivan");
        using var maria = await node.As("maria");
        var board = (await (await maria.PostAsJsonAsync($"api/labs/{node.LabId}/boards", new CreateBoardRequest("Kept in history", node.LabId), BoardJson.Options, Ct)).Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!;
        using var uploaded = await ivan.PostAsync($"api/labs/{node.LabId}/files?name={Uri.EscapeDataString("bench.jpg")}", new ByteArrayContent(TestFiles.PhotoWithGps()), Ct);
        var photo = (await uploaded.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!;

        await using (var hub = await TestHubs.ConnectAsync(node.Url, "ivan", Ct))
        {
            Assert.True((await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("history-ivan", 1, [new ElementChange(ChangeType.Create, "i1", Image("i1", photo.Id, photo.Name))]), Ct)).Ok);
            var shown = await VersionAsync(ivan, board.Id, v => v.ElementCount == 1);
            Assert.True((await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("history-ivan", 2, [new ElementChange(ChangeType.Delete, "i1", null)]), Ct)).Ok);
            var after = await VersionAsync(ivan, board.Id, v => v.Seq > shown.Seq && v.ElementCount == 0);

            // The image element is gone from the board and Maria, a moderator, deletes the file: it leaves the lab.
            using (var deleted = await maria.DeleteAsync($"api/labs/{node.LabId}/files/{photo.Id}", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            }

            using var gone = await maria.GetAsync($"api/labs/{node.LabId}/files/{photo.Id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.DoesNotContain((await maria.GetFromJsonAsync<LabFiles>($"api/labs/{node.LabId}/files", BoardJson.Options, Ct))!.Files, f => f.Id == photo.Id);

            // The version that showed it still does, to every reader of the board (Giulia observes), without the GPS position.
            using var giulia = await node.As("giulia");
            var links = (await giulia.GetFromJsonAsync<LabFile>($"api/boards/{board.Id}/versions/{shown.Seq}/files/{photo.Id}", BoardJson.Options, Ct))!;
            using var anyone = new HttpClient { BaseAddress = node.Url };
            using (var full = await anyone.GetAsync(links.Url!.TrimStart('/'), Ct))
            {
                Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (full.StatusCode, full.Content.Headers.ContentType?.MediaType));
                Assert.False(TestFiles.Contains(await full.Content.ReadAsByteArrayAsync(Ct), TestFiles.GpsLatitude));
            }

            // Not through a version that does not show it, and not to anyone outside the lab.
            using var notShown = await giulia.GetAsync($"api/boards/{board.Id}/versions/{after.Seq}/files/{photo.Id}", Ct);
            using var olga = await node.As("olga");
            using var outsider = await olga.GetAsync($"api/boards/{board.Id}/versions/{shown.Seq}/files/{photo.Id}", Ct);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notShown.StatusCode, outsider.StatusCode));
            Assert.DoesNotContain(photo.Id, await outsider.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            // Pruning the version (no route does it yet) lets the bytes go: the link signed for the version reads nothing.
            await node.Grains.GetGrain<Climaborough.Abstractions.Files.IFileLibraryGrain>(node.LabId).ReleaseAsync(Climaborough.Abstractions.Files.FileHolders.BoardVersion(board.Id, shown.Seq));
            using var pruned = await anyone.GetAsync(links.Url!.TrimStart('/'), Ct);
            Assert.Equal(HttpStatusCode.NotFound, pruned.StatusCode);
            using var prunedDetails = await giulia.GetAsync($"api/boards/{board.Id}/versions/{shown.Seq}/files/{photo.Id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, prunedDetails.StatusCode);
        }
    }

    /// <summary>The first stored version that <paramref name="match"/>es (versions are stored just after the edit is durable).</summary>
    private static async Task<BoardVersion> VersionAsync(HttpClient http, string boardId, Func<BoardVersion, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            var versions = (await http.GetFromJsonAsync<BoardVersion[]>($"api/boards/{boardId}/versions", BoardJson.Options, Ct))!;
            if (versions.FirstOrDefault(match) is { } version)
            {
                return version;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Board {boardId}: no such version was stored.");
    }
}

public sealed class BoardImagesApiTestsOnEmbedded(FilesNodeOnEmbedded node) : BoardImagesApiTests(node), IClassFixture<FilesNodeOnEmbedded>;

public sealed class BoardImagesApiTestsOnAzure(FilesNodeOnAzure node) : BoardImagesApiTests(node), IClassFixture<FilesNodeOnAzure>;
