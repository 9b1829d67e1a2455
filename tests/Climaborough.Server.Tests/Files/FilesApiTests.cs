namespace Climaborough.Server.Tests.Files;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using SkiaSharp;

/// <summary>
/// Files over REST on a real node, the same cases on both storage backends: each item of the issue's
/// Security list (type by content, never served inline as markup, metadata stripped, lab matrix,
/// signed links, sanitised names, limits, rate) as a user would meet it.
/// </summary>
public abstract class FilesApiTests(FilesNode node)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string labId, byte[] content, string name, string clientType = "application/octet-stream", bool withLength = true)
    {
        HttpContent body = withLength ? new ByteArrayContent(content) : new StreamContent(new UnknownLengthStream(content));
        body.Headers.ContentType = new MediaTypeHeaderValue(clientType);
        return await http.PostAsync($"api/labs/{labId}/files?name={Uri.EscapeDataString(name)}", body, Ct);
    }

    private static async Task<LabFile> UploadedAsync(HttpClient http, string labId, byte[] content, string name, string clientType = "application/octet-stream")
    {
        using var response = await UploadAsync(http, labId, content, name, clientType);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!;
    }

    private async Task<LabFiles> ListAsync(string labId, string user = "maria")
    {
        using var http = await node.As(user);
        return (await http.GetFromJsonAsync<LabFiles>($"api/labs/{labId}/files", BoardJson.Options, Ct))!;
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString()!;

    [Fact]
    public async Task A_members_photo_loses_its_gps_position_is_turned_upright_and_readers_see_it_with_its_details()
    {
        using var ivan = await node.As("ivan");
        var photo = TestFiles.PhotoWithGps();
        Assert.True(TestFiles.Contains(photo, TestFiles.GpsLatitude));

        var file = await UploadedAsync(ivan, node.LabId, photo, "corner of Vitosha.jpg", "image/jpeg");

        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("corner of Vitosha.jpg", file.Name);
        var me = await ivan.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal(me.GetProperty("id").GetString(), file.UploaderId);
        Assert.False(string.IsNullOrWhiteSpace(file.UploaderName));
        Assert.Equal((20, 40), (file.Width, file.Height)); // orientation 6 applied: the 40 × 20 photo stands upright
        var listed = Assert.Single((await ListAsync(node.LabId, "giulia")).Files, f => f.Id == file.Id);
        Assert.Equal(file.Size, listed.Size);

        using var giulia = await node.As("giulia");
        using var download = await giulia.GetAsync($"api/labs/{node.LabId}/files/{file.Id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var stored = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.False(TestFiles.Contains(stored, TestFiles.GpsLatitude), "the GPS latitude is still in the stored image");
        Assert.False(TestFiles.Contains(stored, "Exif"u8), "an EXIF block is still in the stored image");
        using var codec = SKCodec.Create(new MemoryStream(stored));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal((20, 40), (codec.Info.Width, codec.Info.Height));
        Assert.Equal(file.Size, stored.Length);

        using var thumbnail = await giulia.GetAsync($"api/labs/{node.LabId}/files/{file.Id}/thumbnail", Ct);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        using var small = SKCodec.Create(new MemoryStream(await thumbnail.Content.ReadAsByteArrayAsync(Ct)));
        Assert.True(small.Info.Width <= 320 && small.Info.Height <= 320);
    }

    [Fact]
    public async Task File_responses_are_never_sniffed_never_run_and_only_images_are_shown_inline()
    {
        using var maria = await node.As("maria");
        var image = await UploadedAsync(maria, node.LabId, TestFiles.Image(SKEncodedImageFormat.Png), "map.png");
        var text = await UploadedAsync(maria, node.LabId, TestFiles.Text(2_000, "headers"), "counts.csv", "text/html");
        Assert.Equal("text/csv", text.ContentType);

        foreach (var (file, disposition) in new[] { (image, "inline"), (text, "attachment") })
        {
            using var response = await maria.GetAsync($"api/labs/{node.LabId}/files/{file.Id}/content", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(file.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("sandbox", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Equal(disposition, response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(file.Name, response.Content.Headers.ContentDisposition?.FileNameStar);
        }
    }

    [Fact]
    public async Task The_type_is_decided_by_the_content_never_by_the_name_or_the_clients_content_type()
    {
        var labId = await node.NewLabAsync("Types");
        using var maria = await node.As("maria");

        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
        using (var refused = await UploadAsync(maria, labId, html, "photo.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.Equal(ErrorCodes.UnsupportedType, await CodeOfAsync(refused));
        }

        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"9\" height=\"9\"/></svg>");
        using (var refused = await UploadAsync(maria, labId, svg, "logo.svg", "image/svg+xml"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        }

        // A PNG signature in front of a web page is no PNG: it cannot be decoded, so it is refused.
        byte[] fakePng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. html];
        using (var refused = await UploadAsync(maria, labId, fakePng, "innocent.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        }

        Assert.Empty((await ListAsync(labId)).Files);

        // A JPEG named like a PDF is kept as the JPEG it is; a real PNG with a script appended (a polyglot) keeps only its pixels.
        var jpeg = await UploadedAsync(maria, labId, TestFiles.Image(SKEncodedImageFormat.Jpeg), "report.pdf", "application/pdf");
        Assert.Equal(("image/jpeg", "report.jpg"), (jpeg.ContentType, jpeg.Name));
        byte[] polyglot = [.. TestFiles.Image(SKEncodedImageFormat.Png), .. html];
        var png = await UploadedAsync(maria, labId, polyglot, "polyglot.png", "text/html");
        using var stored = await maria.GetAsync($"api/labs/{labId}/files/{png.Id}/content", Ct);
        Assert.Equal("image/png", stored.Content.Headers.ContentType?.MediaType);
        Assert.False(TestFiles.Contains(await stored.Content.ReadAsByteArrayAsync(Ct), "<script>"u8));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_with_the_limit_and_nothing_is_stored_with_or_without_a_declared_length()
    {
        var labId = await node.NewLabAsync("Oversize");
        using var maria = await node.As("maria");
        var big = TestFiles.Text((int)FilesNode.MaxFileBytes + 1, "big");
        foreach (var withLength in new[] { true, false })
        {
            using var refused = await UploadAsync(maria, labId, big, "traffic-study.csv", withLength: withLength);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Equal(ErrorCodes.FileTooLarge, await CodeOfAsync(refused));
            Assert.Contains("0.3 MB", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var files = await ListAsync(labId);
        Assert.Empty(files.Files);
        Assert.Equal(0, files.UsedBytes);
        Assert.Equal(FilesNode.MaxFileBytes, files.MaxFileBytes);
    }

    [Fact]
    public async Task The_lab_quota_counts_identical_files_once_and_refuses_what_would_go_over_it()
    {
        var labId = await node.NewLabAsync("Quota");
        using var maria = await node.As("maria");
        var first = TestFiles.Text(250_000, "one");
        await UploadedAsync(maria, labId, first, "one.csv");
        await UploadedAsync(maria, labId, first, "one again.csv"); // the same content: stored once
        await UploadedAsync(maria, labId, TestFiles.Text(250_000, "two"), "two.csv");
        var before = await ListAsync(labId);
        Assert.Equal(500_000, before.UsedBytes);
        Assert.Equal(FilesNode.QuotaBytes, before.QuotaBytes);

        using var refused = await UploadAsync(maria, labId, TestFiles.Text(250_000, "three"), "three.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(ErrorCodes.QuotaExceeded, await CodeOfAsync(refused));

        var after = await ListAsync(labId);
        Assert.Equal(3, after.Files.Count);
        Assert.Equal(500_000, after.UsedBytes);
    }

    [Fact]
    public async Task Who_may_not_read_the_lab_gets_exactly_the_answer_for_a_file_that_does_not_exist()
    {
        using var maria = await node.As("maria");
        var file = await UploadedAsync(maria, node.LabId, TestFiles.Text(100, "secret"), "minutes.txt");
        const string missing = "f0123456789abcdef";

        foreach (var person in new[] { "olga", "anonymous" })
        {
            using var http = await node.As(person);
            foreach (var path in new[] { $"api/labs/{node.LabId}/files/{file.Id}/content", $"api/labs/{node.LabId}/files/{file.Id}", $"api/labs/{node.LabId}/files/{file.Id}/thumbnail" })
            {
                using var response = await http.GetAsync(path, Ct);
                using var absent = await http.GetAsync(path.Replace(file.Id, missing, StringComparison.Ordinal), Ct);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal(WithoutTrace(await absent.Content.ReadAsStringAsync(Ct)), WithoutTrace(await response.Content.ReadAsStringAsync(Ct)).Replace(file.Id, missing, StringComparison.Ordinal));
            }

            using var list = await http.GetAsync($"api/labs/{node.LabId}/files", Ct);
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        using var olga = await node.As("olga");
        using var upload = await UploadAsync(olga, node.LabId, TestFiles.Text(100, "olga"), "olga.txt");
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        using var giulia = await node.As("giulia");
        using var observer = await UploadAsync(giulia, node.LabId, TestFiles.Text(100, "giulia"), "giulia.txt");
        Assert.Equal(HttpStatusCode.Forbidden, observer.StatusCode);
    }

    [Fact]
    public async Task A_signed_link_works_without_a_token_for_its_own_file_only()
    {
        using var maria = await node.As("maria");
        var photo = await UploadedAsync(maria, node.LabId, TestFiles.Image(SKEncodedImageFormat.Webp), "sketch.webp");
        var other = await UploadedAsync(maria, node.LabId, TestFiles.Text(100, "other"), "other.txt");
        Assert.NotNull(photo.Url);
        Assert.True(photo.LinksExpireAt <= DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(5));

        using var anyone = await node.As("anonymous");
        using (var ok = await anyone.GetAsync(photo.Url!.TrimStart('/'), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("image/webp", ok.Content.Headers.ContentType?.MediaType);
        }

        using (var thumbnail = await anyone.GetAsync(photo.ThumbnailUrl!.TrimStart('/'), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }

        var query = photo.Url![photo.Url.IndexOf('?', StringComparison.Ordinal)..];
        var stolen = $"api/labs/{node.LabId}/files/{other.Id}/content{query}";
        var tampered = photo.Url.TrimStart('/').Replace("exp=", "exp=1", StringComparison.Ordinal);
        var swapped = photo.Url.TrimStart('/').Replace("/content?", "/thumbnail?", StringComparison.Ordinal);
        foreach (var path in new[] { stolen, tampered, swapped })
        {
            using var refused = await anyone.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Names_are_sanitised_and_cannot_climb_out_of_anything()
    {
        using var maria = await node.As("maria");
        var file = await UploadedAsync(maria, node.LabId, TestFiles.Text(100, "names"), "../../etc/pass\u0000wd\u202e.txt");
        Assert.Equal("passwd.txt", file.Name);
        var html = await UploadedAsync(maria, node.LabId, TestFiles.Text(100, "plain"), "page.html");
        Assert.Equal(("text/plain", "page.txt"), (html.ContentType, html.Name));
    }

    [Fact]
    public async Task Uploaders_delete_their_own_files_moderators_any_and_shared_content_stays_for_the_other_file()
    {
        using var ivan = await node.As("ivan");
        using var elena = await node.As("elena");
        using var giulia = await node.As("giulia");
        var content = TestFiles.Text(5_000, "shared");
        var mine = await UploadedAsync(ivan, node.LabId, content, "mine.csv");
        var copy = await UploadedAsync(elena, node.LabId, content, "copy.csv");

        Assert.Equal(HttpStatusCode.Forbidden, (await giulia.DeleteAsync($"api/labs/{node.LabId}/files/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ivan.DeleteAsync($"api/labs/{node.LabId}/files/{copy.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ivan.DeleteAsync($"api/labs/{node.LabId}/files/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ivan.GetAsync($"api/labs/{node.LabId}/files/{mine.Id}/content", Ct)).StatusCode);
        Assert.Equal(content, await ivan.GetByteArrayAsync($"api/labs/{node.LabId}/files/{copy.Id}/content", Ct));

        var other = await UploadedAsync(ivan, node.LabId, TestFiles.Text(5_000, "ivan's"), "ivan.csv");
        Assert.Equal(HttpStatusCode.OK, (await elena.DeleteAsync($"api/labs/{node.LabId}/files/{other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elena.DeleteAsync($"api/labs/{node.LabId}/files/{copy.Id}", Ct)).StatusCode);
        Assert.DoesNotContain((await ListAsync(node.LabId)).Files, f => f.Id == copy.Id || f.Id == other.Id || f.Id == mine.Id);
    }

    [Fact]
    public async Task Thousands_of_tiny_uploads_are_cut_off_by_the_per_person_rate_limit()
    {
        // The administrator is in no lab here and uploads nowhere else: every upload is refused anyway; the limit still counts them.
        using var admin = await node.As("admin");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 45; i++)
        {
            using var response = await UploadAsync(admin, node.LabId, [(byte)'a'], $"tiny-{i}.txt");
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(ErrorCodes.RateLimited, await CodeOfAsync(response));
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.All(codes[..^1], c => Assert.Equal(HttpStatusCode.NotFound, c));
        Assert.InRange(codes.Count, 2, 41);
    }

    private static string WithoutTrace(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);

    /// <summary>A stream without a length, so the body goes chunked and the server learns the size only by reading.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

public sealed class FilesApiTestsOnEmbedded(FilesNodeOnEmbedded node) : FilesApiTests(node), IClassFixture<FilesNodeOnEmbedded>;

public sealed class FilesApiTestsOnAzure(FilesNodeOnAzure node) : FilesApiTests(node), IClassFixture<FilesNodeOnAzure>;
