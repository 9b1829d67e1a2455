namespace Climaborough.Web.Tests.Files;

using System.Globalization;
using System.Text.Json;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Climaborough.Web.Files;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The upload control, the attachment list and the inline images of a post (issue 16), in English.</summary>
public sealed class AttachmentsTests : WebTestContext
{
    private static readonly DateTimeOffset When = new(2026, 11, 30, 12, 15, 0, TimeSpan.Zero);

    private static readonly FileAttachment Study = new("f00000000000000b2", "traffic study.pdf", 20_480, "application/pdf", "Elena Dimitrova", When);

    private static readonly FileAttachment Photo = new("f00000000000000a1", "corner.jpg", 1_572_864, "image/jpeg", "Ivan Georgiev", When);

    private static readonly LabFile PhotoLinks = new(Photo.FileId, Photo.Name, Photo.Size, Photo.ContentType, "u-ivan", Photo.UploaderName, When, 800, 600,
        "/api/labs/l1/files/f00000000000000a1/content?exp=1&sig=full", "/api/labs/l1/files/f00000000000000a1/thumbnail?exp=1&sig=small", DateTimeOffset.UtcNow.AddMinutes(5));

    private readonly BunitJSModuleInterop module;
    private readonly List<LabFile> uploaded = [];

    public AttachmentsTests()
    {
        module = JSInterop.SetupModule("./js/file-uploads.js");
        module.Mode = JSRuntimeMode.Loose;
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private FileLinks LabLinks() => new(async id => (await Services.GetRequiredService<Climaborough.Client.ClimaboroughApi>().GetLabFileAsync("l1", id)).Value);

    private IRenderedComponent<FileUploads> RenderUploads(long max = 2 * 1024 * 1024) =>
        Render<FileUploads>(p => p.Add(c => c.LabId, "l1").Add(c => c.CanUpload, true).Add(c => c.MaxFileBytes, max)
            .Add(c => c.OnUploaded, EventCallback.Factory.Create<LabFile>(this, uploaded.Add)));

    [Fact]
    public void Each_attachment_shows_its_name_kind_size_uploader_and_date_and_links_to_the_file_while_it_can_be_read()
    {
        Http.Json($"/api/labs/l1/files/{Photo.FileId}", PhotoLinks);
        var cut = Render<AttachmentList>(p => p.Add(c => c.Attachments, [Study, Photo]).Add(c => c.Links, LabLinks()));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-attachment='{Photo.FileId}'] a")));
        var photo = cut.Find($"[data-attachment='{Photo.FileId}']");
        Assert.Equal(PhotoLinks.Url, photo.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(PhotoLinks.ThumbnailUrl, photo.QuerySelector("img")!.GetAttribute("src"));
        Assert.Contains("Image · 1.5 MB · Ivan Georgiev · 30 Nov 2026", Flat(photo.TextContent), StringComparison.Ordinal);

        // The study was deleted since (its details are a 404): named, not linked, and said to be gone.
        var study = cut.Find($"[data-attachment='{Study.FileId}']");
        Assert.Null(study.QuerySelector("a"));
        Assert.Contains("traffic study.pdf", study.TextContent, StringComparison.Ordinal);
        Assert.Contains("PDF · 20 KB · Elena Dimitrova", Flat(study.TextContent), StringComparison.Ordinal);
        Assert.Equal("no longer available", study.QuerySelector("[data-testid='attachment-unavailable']")!.TextContent);
        Assert.Equal(When.ToString("o", CultureInfo.InvariantCulture), study.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task An_upload_shows_its_progress_then_hands_over_the_stored_file()
    {
        var upload = module.Setup<UploadAnswer>("upload", _ => true);
        var cut = RenderUploads();

        var picking = cut.InvokeAsync(() => cut.Instance.OnFilesPicked([new FilePick("file1", "traffic study.pdf", 20_480, "application/pdf")]));
        cut.WaitForAssertion(() => Assert.Equal("Uploading traffic study.pdf: 0 %", cut.Find("[data-testid='upload-progress']").TextContent));
        var call = Assert.Single(module.Invocations["upload"]);
        Assert.Equal(("file1", "api/labs/l1/files?name=traffic%20study.pdf"), ((string)call.Arguments[0]!, (string)call.Arguments[1]!));
        await cut.InvokeAsync(() => cut.Instance.OnUploadProgress("file1", 64));
        Assert.Equal("Uploading traffic study.pdf: 64 %", cut.Find("[data-testid='upload-progress']").TextContent);
        Assert.True(cut.Instance.Busy);
        Assert.Empty(uploaded);

        upload.SetResult(new UploadAnswer(201, JsonSerializer.Serialize(PhotoLinks with { Id = Study.FileId, Name = Study.Name, ContentType = "application/pdf" }, JsonSerializerOptions.Web)));
        await picking;
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-upload]")));
        Assert.Equal([Study.FileId], uploaded.Select(f => f.Id));
        Assert.False(cut.Instance.Busy);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_next_to_the_control_without_being_sent_and_a_server_refusal_says_why()
    {
        var upload = module.Setup<UploadAnswer>("upload", _ => true);
        var cut = RenderUploads(max: 2 * 1024 * 1024);

        await cut.InvokeAsync(() => cut.Instance.OnFilesPicked([new FilePick("big", "drone survey.mp4", 3 * 1024 * 1024, "video/mp4")]));
        Assert.Equal("drone survey.mp4 was not uploaded: it is larger than the limit of 2 MB.", cut.Find("[data-testid='upload-error']").TextContent);
        Assert.Equal("alert", cut.Find("[data-testid='upload-error']").GetAttribute("role"));
        Assert.Empty(module.Invocations["upload"]);

        var picking = cut.InvokeAsync(() => cut.Instance.OnFilesPicked([new FilePick("q", "counts.csv", 1_000, "text/csv")]));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["upload"]));
        upload.SetResult(new UploadAnswer(413, """{"title":"Quota","status":413,"detail":"The lab's quota is full: 0 MB left; nothing was stored.","code":"quota-exceeded"}"""));
        await picking;
        cut.WaitForAssertion(() => Assert.Contains("counts.csv was not uploaded: the lab's space for files is full.", cut.FindAll("[data-testid='upload-error']").Select(e => e.TextContent)));
        Assert.Empty(uploaded);
    }

    [Fact]
    public void An_own_image_shows_by_its_signed_link_with_its_alt_text_and_one_the_reader_may_not_read_shows_only_its_alt_text()
    {
        Http.Json($"/api/labs/l1/files/{Photo.FileId}", PhotoLinks);
        const string html = "<p>Before:</p>\n<p><img src=\"/api/labs/lab1/files/f00000000000000a1/content\" alt=\"The corner &amp; the bins\" loading=\"lazy\"></p>\n"
            + "<p><img src=\"/api/labs/lab1/files/f00000000000000c3/content\" alt=\"Someone else's map\" loading=\"lazy\"> and <a href=\"https://example.org/x.png\" rel=\"nofollow noopener noreferrer\">a link</a></p>";
        var cut = Render<ItemHtml>(p => p.Add(c => c.Html, html).Add(c => c.Links, LabLinks()).Add(c => c.TestId, "post-body"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='inline-image']")));
        var image = cut.Find("[data-testid='inline-image']");
        Assert.Equal(PhotoLinks.Url, image.GetAttribute("src"));
        Assert.Equal("The corner & the bins", image.GetAttribute("alt"));
        Assert.Equal("Someone else's map (image not available)", cut.Find("[data-testid='image-unavailable']").TextContent);
        Assert.Single(cut.FindAll("img"));
        Assert.Equal("https://example.org/x.png", cut.Find("a").GetAttribute("href"));
        Assert.DoesNotContain(Http.Requests, r => r.Path.EndsWith("/content", StringComparison.Ordinal));
    }
}

/// <summary>The same in Bulgarian: the words, sizes and dates of the reader's language.</summary>
public sealed class AttachmentsInBulgarianTests : WebTestContext
{
    private static readonly DateTimeOffset When = new(2026, 11, 30, 12, 15, 0, TimeSpan.Zero);

    public AttachmentsInBulgarianTests()
        : base("bg")
    {
        JSInterop.SetupModule("./js/file-uploads.js").Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_list_and_a_refusal_read_in_bulgarian()
    {
        var list = Render<AttachmentList>(p => p.Add(c => c.Attachments, [new FileAttachment("f00000000000000a1", "карта.png", 1_572_864, "image/png", "Иван Георгиев", When)]));
        var month = CultureInfo.GetCultureInfo("bg").DateTimeFormat.GetAbbreviatedMonthName(11);
        Assert.Contains($"Изображение · 1,5 МБ · Иван Георгиев · 30 {month} 2026", System.Text.RegularExpressions.Regex.Replace(list.Find("[data-attachment]").TextContent, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal("Прикачени файлове", list.Find("[data-testid='attachments']").GetAttribute("aria-label"));

        var uploads = Render<FileUploads>(p => p.Add(c => c.LabId, "l1").Add(c => c.CanUpload, true).Add(c => c.MaxFileBytes, 2 * 1024 * 1024));
        uploads.InvokeAsync(() => uploads.Instance.OnFilesPicked([new FilePick("big", "проучване.pdf", 3 * 1024 * 1024, "application/pdf")]));
        Assert.Equal("проучване.pdf не беше качен: по-голям е от ограничението от 2 МБ.", uploads.Find("[data-testid='upload-error']").TextContent);
        Assert.Equal("Прикачване на файлове", uploads.Find("[data-testid='attach-pick']").TextContent);
    }
}
