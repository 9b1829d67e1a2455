namespace Climaborough.Web.Tests.Files;

using System.Net;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Files;
using Microsoft.AspNetCore.Components.Forms;

public sealed class LabFileListTests : WebTestContext
{
    private static readonly DateTimeOffset When = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    private static LabFile Photo => new("f00000000000000a1", "corner.jpg", 1_572_864, "image/jpeg", "u-ivan", "Ivan", When, 800, 600, "/api/labs/l1/files/f00000000000000a1/content?exp=1&sig=a", "/api/labs/l1/files/f00000000000000a1/thumbnail?exp=1&sig=b");

    private static LabFile Study => new("f00000000000000b2", "traffic study.pdf", 20_480, "application/pdf", "u-elena", "Elena", When, Url: "/api/labs/l1/files/f00000000000000b2/content?exp=1&sig=c");

    private static LabFiles Listed(params LabFile[] files) => new(files, files.Sum(f => f.Size), FileLimits.DefaultLabQuotaBytes, 2 * 1024 * 1024);

    [Fact]
    public void The_list_shows_each_files_name_type_size_uploader_and_date_and_the_space_used()
    {
        Http.Json("/api/labs/l1/files", Listed(Photo, Study));
        var cut = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.UserId, "u-ivan").Add(c => c.CanUpload, true));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-file]").Count));
        var photo = cut.Find("[data-file='f00000000000000a1']");
        Assert.Contains("corner.jpg", photo.TextContent, StringComparison.Ordinal);
        Assert.Contains("Image", photo.TextContent, StringComparison.Ordinal);
        Assert.Contains("1.5 MB", photo.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ivan", photo.TextContent, StringComparison.Ordinal);
        Assert.Equal(Photo.ThumbnailUrl, photo.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("corner.jpg", photo.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(Photo.Url, photo.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(When.ToString("o", System.Globalization.CultureInfo.InvariantCulture), photo.QuerySelector("time")!.GetAttribute("datetime"));

        var study = cut.Find("[data-file='f00000000000000b2']");
        Assert.Contains("PDF", study.TextContent, StringComparison.Ordinal);
        Assert.Contains("20 KB", study.TextContent, StringComparison.Ordinal);
        Assert.Null(study.QuerySelector("img"));

        // Ivan may delete his own photo, not Elena's study.
        Assert.NotNull(photo.QuerySelector("[data-testid='delete-file']"));
        Assert.Null(study.QuerySelector("[data-testid='delete-file']"));
        Assert.Equal("1.5 MB of 2 GB used · up to 2 MB a file", cut.Find("[data-testid='files-space']").TextContent);
    }

    [Fact]
    public void An_observer_sees_the_files_but_no_upload_and_a_moderator_may_delete_any()
    {
        Http.Json("/api/labs/l1/files", Listed(Photo, Study));
        var observer = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.UserId, "u-giulia"));
        observer.WaitForAssertion(() => Assert.Equal(2, observer.FindAll("[data-file]").Count));
        Assert.Empty(observer.FindAll("input[type=file]"));
        Assert.Empty(observer.FindAll("[data-testid='delete-file']"));

        var moderator = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.UserId, "u-elena").Add(c => c.CanUpload, true).Add(c => c.CanModerate, true));
        moderator.WaitForAssertion(() => Assert.Equal(2, moderator.FindAll("[data-testid='delete-file']").Count));
        moderator.Find("[data-file='f00000000000000a1'] [data-testid='delete-file']").Click();
        moderator.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "DELETE" && r.Path == "/api/labs/l1/files/f00000000000000a1"));
    }

    [Fact]
    public void A_picked_file_is_sent_with_its_name_and_the_list_is_read_again()
    {
        Http.Json("/api/labs/l1/files", Listed(Study));
        Http.Json("/api/labs/l1/files", Photo, "POST");
        var cut = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.UserId, "u-ivan").Add(c => c.CanUpload, true));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-file]")));
        var reads = Http.Requests.Count(r => r.Method == "GET");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("count,street\n3,Vitosha\n", "counts.csv"));

        cut.WaitForAssertion(() => Assert.True(Http.Requests.Count(r => r.Method == "GET") > reads));
        var upload = Assert.Single(Http.Requests, r => r.Method == "POST");
        Assert.Equal("?name=counts.csv", upload.Query);
        Assert.Equal("count,street\n3,Vitosha\n", upload.Body);
        Assert.Empty(cut.FindAll("[data-testid='file-error']"));
    }

    [Fact]
    public void A_file_over_the_limit_is_not_sent_and_a_refused_upload_says_why()
    {
        Http.Json("/api/labs/l1/files", Listed(Study));
        Http.Problem("/api/labs/l1/files", HttpStatusCode.UnsupportedMediaType, "HTML, SVG and other markup are not accepted.", "POST");
        var cut = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.UserId, "u-ivan").Add(c => c.CanUpload, true));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-file]")));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[(2 * 1024 * 1024) + 1], "huge.pdf"));
        cut.WaitForAssertion(() => Assert.Contains("huge.pdf is larger than the limit of 2 MB", cut.Find("[data-testid='file-error']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Http.Requests, r => r.Method == "POST");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<html></html>", "photo.png"));
        cut.WaitForAssertion(() => Assert.Equal("photo.png was not uploaded: HTML, SVG and other markup are not accepted.", cut.Find("[data-testid='file-error']").TextContent));
    }
}

public sealed class LabFileListInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_space_used_reads_in_bulgarian()
    {
        Http.Json("/api/labs/l1/files", new LabFiles([], 0, FileLimits.DefaultLabQuotaBytes, FileLimits.DefaultMaxFileBytes));
        var cut = Render<LabFileList>(p => p.Add(c => c.LabId, "l1").Add(c => c.CanUpload, true));
        cut.WaitForAssertion(() => Assert.Equal("Заети 0 КБ от 2 ГБ · до 25 МБ на файл", cut.Find("[data-testid='files-space']").TextContent));
        Assert.Equal("Все още няма файлове.", cut.Find("[data-testid='no-files']").TextContent);
    }
}
