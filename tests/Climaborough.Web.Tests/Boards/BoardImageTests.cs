namespace Climaborough.Web.Tests.Boards;

using System.Net;
using System.Text.Json;
using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.Extensions.DependencyInjection;

public sealed class BoardImageTests : WebTestContext
{
    private const string FileId = "f00000000000000a1";

    private static readonly LabFile Photo = new(FileId, "corner.jpg", 180_000, "image/jpeg", "u-ivan", "Ivan", DateTimeOffset.UnixEpoch, 800, 600,
        $"/api/labs/l1/files/{FileId}/content?exp=1&sig=full", $"/api/labs/l1/files/{FileId}/thumbnail?exp=1&sig=small", DateTimeOffset.UtcNow.AddMinutes(5));

    private readonly BunitJSModuleInterop module;
    private readonly List<PlacedImage> placed = [];

    public BoardImageTests()
    {
        Services.AddSingleton<IAccessTokenProvider>(new FixedToken("token-ivan"));
        module = JSInterop.SetupModule("./js/board-images.js");
        module.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<BoardImageUploads> RenderUploads(bool online = true, string? labId = "l1") =>
        Render<BoardImageUploads>(p => p.Add(c => c.LabId, labId).Add(c => c.CanUpload, true).Add(c => c.Online, online)
            .Add(c => c.OnUploaded, EventCallback.Factory.Create<PlacedImage>(this, placed.Add)));

    private static UploadAnswer Created(LabFile file) => new(201, JsonSerializer.Serialize(file, JsonSerializerOptions.Web));

    [Fact]
    public async Task An_upload_shows_its_progress_in_per_cent_then_the_stored_image_is_placed()
    {
        var upload = module.Setup<UploadAnswer>("upload", _ => true);
        var cut = RenderUploads();

        var picking = cut.InvokeAsync(() => cut.Instance.OnImagesPicked([new ImagePick("img1", "corner.jpg", 180_000, "image/jpeg")], 400, 300));
        cut.WaitForAssertion(() => Assert.Equal("Uploading corner.jpg: 0 %", cut.Find("[data-testid='image-progress']").TextContent));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["upload"]));
        var call = Assert.Single(module.Invocations["upload"]);
        Assert.Equal("img1", call.Arguments[0]);
        Assert.Equal("api/labs/l1/files?name=corner.jpg", call.Arguments[1]);
        Assert.Equal("token-ivan", call.Arguments[2]);

        await cut.InvokeAsync(() => cut.Instance.OnUploadProgress("img1", 42));
        Assert.Equal("Uploading corner.jpg: 42 %", cut.Find("[data-testid='image-progress']").TextContent);
        Assert.Equal("42", cut.Find("progress").GetAttribute("value"));
        Assert.Empty(placed);

        upload.SetResult(Created(Photo));
        await picking;
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-upload]")));
        var image = Assert.Single(placed);
        Assert.Equal(FileId, image.File.Id);
        Assert.Equal((400d, 300d), (image.ClientX!.Value, image.ClientY!.Value));
    }

    [Fact]
    public async Task A_refused_upload_says_why_and_places_nothing()
    {
        var refusal = JsonSerializer.Serialize(new { title = "Too large", status = 413, detail = "The file is larger than the limit of 25 MB; nothing was stored.", code = "file-too-large" });
        module.Setup<UploadAnswer>("upload", _ => true).SetResult(new UploadAnswer(413, refusal));
        var cut = RenderUploads();

        await cut.InvokeAsync(() => cut.Instance.OnImagesPicked([new ImagePick("img1", "huge.png", 1_000, "image/png")], null, null));

        cut.WaitForAssertion(() => Assert.Equal("huge.png was not uploaded: The file is larger than the limit of 25 MB; nothing was stored.", cut.Find("[data-testid='image-error']").TextContent));
        Assert.Empty(placed);
        Assert.Contains(module.Invocations["forget"], i => (string?)i.Arguments[0] == "img1");
    }

    [Fact]
    public async Task What_is_not_an_image_or_too_large_is_refused_before_any_upload()
    {
        var cut = RenderUploads();

        await cut.InvokeAsync(() => cut.Instance.OnImagesPicked(
        [
            new ImagePick("a", "study.pdf", 1_000, "application/pdf"),
            new ImagePick("b", "map.svg", 1_000, "image/svg+xml"),
            new ImagePick("c", "drone.jpg", FileLimits.DefaultMaxFileBytes + 1, "image/jpeg"),
        ], null, null));

        var errors = cut.FindAll("[data-testid='image-error']").Select(e => e.TextContent).ToList();
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("study.pdf is not an image", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("map.svg is not an image", errors[1], StringComparison.Ordinal);
        Assert.Equal("drone.jpg is larger than the limit of 25 MB.", errors[2]);
        Assert.Empty(module.Invocations["upload"]);
    }

    [Fact]
    public async Task Offline_an_image_waits_within_the_limit_and_uploads_when_the_connection_is_back()
    {
        var upload = module.Setup<UploadAnswer>("upload", _ => true);
        var cut = RenderUploads(online: false);
        const long twenty = 20L * 1024 * 1024;

        await cut.InvokeAsync(() => cut.Instance.OnImagesPicked(
        [
            new ImagePick("a", "one.jpg", twenty, "image/jpeg"),
            new ImagePick("b", "two.jpg", twenty, "image/jpeg"),
            new ImagePick("c", "three.jpg", twenty, "image/jpeg"),
        ], null, null));

        Assert.Equal(
            ["one.jpg waits for the connection and will be uploaded when it is back.", "two.jpg waits for the connection and will be uploaded when it is back."],
            cut.FindAll("[data-testid='image-waiting']").Select(e => e.TextContent));
        Assert.Equal("three.jpg cannot wait for the connection: images waiting offline may take at most 50 MB in all.", cut.Find("[data-testid='image-error']").TextContent);
        Assert.Empty(module.Invocations["upload"]);

        upload.SetResult(Created(Photo));
        cut.Render(p => p.Add(c => c.Online, true));

        cut.WaitForAssertion(() => Assert.Equal(2, placed.Count));
        Assert.Equal(["a", "b"], module.Invocations["upload"].Select(i => (string)i.Arguments[0]!));
        Assert.Empty(cut.FindAll("[data-testid='image-waiting']"));
    }

    [Fact]
    public void An_image_element_shows_its_thumbnail_zoomed_out_the_full_image_zoomed_in_and_its_alt_text()
    {
        Http.Json($"/api/labs/l1/files/{FileId}", Photo);
        var links = new BoardImageLinks(Services.GetRequiredService<ClimaboroughApi>(), TimeProvider.System) { LabId = "l1" };
        var element = new BoardElement("i1", ElementKind.Image, 10, 20, 320, 240, 1, "#ffffff", "Corner of Vitosha and Patriarh", null, null, FileId, "u-ivan", default, default);

        var cut = Render<CascadingValue<BoardImageLinks>>(p => p.Add(c => c.Value, links).Add(c => c.IsFixed, true)
            .AddChildContent<BoardElementView>(v => v.Add(e => e.Element, element).Add(e => e.X, element.X).Add(e => e.Y, element.Y)));

        cut.WaitForAssertion(() => Assert.Equal(Photo.ThumbnailUrl, cut.Find("[data-testid='board-image']").GetAttribute("href")));
        var image = cut.Find("[data-testid='board-image']");
        Assert.Equal("Corner of Vitosha and Patriarh", image.GetAttribute("aria-label"));
        Assert.Equal("Corner of Vitosha and Patriarh", cut.Find("title").TextContent);

        cut.InvokeAsync(() => links.SetZoom(2));
        cut.WaitForAssertion(() => Assert.Equal(Photo.Url, cut.Find("[data-testid='board-image']").GetAttribute("href")));

        cut.InvokeAsync(() => links.SetZoom(0.5));
        cut.WaitForAssertion(() => Assert.Equal(Photo.ThumbnailUrl, cut.Find("[data-testid='board-image']").GetAttribute("href")));
    }

    [Fact]
    public void An_image_whose_file_cannot_be_read_says_so()
    {
        var links = new BoardImageLinks(Services.GetRequiredService<ClimaboroughApi>(), TimeProvider.System) { LabId = "l1" };
        var element = new BoardElement("i1", ElementKind.Image, 0, 0, 200, 100, 1, "#ffffff", "gone.jpg", null, null, "f00000000000000ff", "u-ivan", default, default);

        var cut = Render<CascadingValue<BoardImageLinks>>(p => p.Add(c => c.Value, links).Add(c => c.IsFixed, true)
            .AddChildContent<BoardElementView>(v => v.Add(e => e.Element, element)));

        cut.WaitForAssertion(() => Assert.Equal("Image not available", cut.Find("[data-testid='board-image-missing']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='board-image']"));
    }

    [Fact]
    public void A_previewed_versions_image_is_read_through_the_version_so_it_shows_though_its_file_left_the_lab()
    {
        // The file was deleted from the lab (its lab route is a 404); the stored version 12 still holds it.
        Http.Json($"/api/boards/b1/versions/12/files/{FileId}", Photo);
        var links = new BoardImageLinks(Services.GetRequiredService<ClimaboroughApi>(), TimeProvider.System) { LabId = "l1", Version = ("b1", 12) };
        var element = new BoardElement("i1", ElementKind.Image, 0, 0, 200, 100, 1, "#ffffff", "corner.jpg", null, null, FileId, "u-ivan", default, default);

        var cut = Render<CascadingValue<BoardImageLinks>>(p => p.Add(c => c.Value, links).Add(c => c.IsFixed, true)
            .AddChildContent<BoardElementView>(v => v.Add(e => e.Element, element)));

        cut.WaitForAssertion(() => Assert.Equal(Photo.ThumbnailUrl, cut.Find("[data-testid='board-image']").GetAttribute("href")));
        Assert.DoesNotContain(Http.Requests, r => r.Path == $"/api/labs/l1/files/{FileId}");

        // Back to the live board: asked through the lab again, where the file is gone.
        links.Version = null;
        var live = Render<CascadingValue<BoardImageLinks>>(p => p.Add(c => c.Value, links).Add(c => c.IsFixed, true)
            .AddChildContent<BoardElementView>(v => v.Add(e => e.Element, element)));
        live.WaitForAssertion(() => Assert.Equal("Image not available", live.Find("[data-testid='board-image-missing']").TextContent.Trim()));
    }

    [Fact]
    public void A_new_image_element_keeps_the_pictures_proportions_within_a_thumbnail_and_takes_its_name_as_alt_text()
    {
        var element = BoardImageLinks.Element(new Dictionary<string, BoardElement>(), Photo, 500, 400, new BoardViewport(0, 0, 1200, 700));

        Assert.Equal(ElementKind.Image, element.Kind);
        Assert.Equal(FileId, element.FileRef);
        Assert.Equal("corner.jpg", element.Text);
        Assert.Equal((320d, 240d), (element.Width, element.Height));
        Assert.Equal((340d, 280d), (element.X, element.Y));
    }

    private sealed class FixedToken(string token) : IAccessTokenProvider
    {
        public ValueTask<AccessTokenResult> RequestAccessToken() =>
            ValueTask.FromResult(new AccessTokenResult(AccessTokenResultStatus.Success, new AccessToken { Value = token, Expires = DateTimeOffset.UtcNow.AddHours(1) }, null, null));

        public ValueTask<AccessTokenResult> RequestAccessToken(AccessTokenRequestOptions options) => RequestAccessToken();
    }
}
