namespace Climaborough.Server.Tests.Files;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Climaborough.Contracts;
using SkiaSharp;

/// <summary>
/// Attachments and inline images (issue 16) on a real node, on both storage backends: a post's files are read by the
/// thread's readers and nobody else; a lesson's files by the lesson's readers (anyone for a public lesson, though its
/// lab is private); an image of the item's own lab shows inline, any other image stays a link; attaching a file that is
/// not the lab's is refused and changes nothing; a deleted file is gone from storage and from every item that showed it.
/// </summary>
public abstract class AttachmentsApiTests(FilesNode node)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<LabFile> UploadAsync(HttpClient http, string labId, byte[] content, string name)
    {
        using var response = await http.PostAsync($"api/labs/{labId}/files?name={Uri.EscapeDataString(name)}", new ByteArrayContent(content), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<LabFile>(BoardJson.Options, Ct))!;
    }

    private async Task<string> ThreadAsync(string labId)
    {
        using var maria = await node.As("maria");
        using var created = await maria.PostAsJsonAsync($"api/labs/{labId}/threads", new CreateThreadRequest("Street corner before the works", "What do we keep?"), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, Ct))!.Summary.Id;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_posts_files_and_inline_image_are_read_by_the_threads_readers_and_by_nobody_outside_the_lab()
    {
        var threadId = await ThreadAsync(node.LabId);
        using var ivan = await node.As("ivan");
        var study = await UploadAsync(ivan, node.LabId, Pdf, "traffic study.pdf");
        var photo = await UploadAsync(ivan, node.LabId, TestFiles.PhotoWithGps(), "corner.jpg");
        var body = $"The corner today:\n\n{AttachmentLimits.ImageMarkdown(node.LabId, photo)}\n\nand one from elsewhere: ![a stranger's picture](https://evil.example/tracker.png)";

        using var replied = await ivan.PostAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts", new ReplyRequest(body, null, [study.Id, photo.Id]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);

        // Giulia, an observer, reads the thread: the files are listed with what a reader needs, the photo shows inline with its alt text.
        using var giulia = await node.As("giulia");
        var post = (await giulia.GetFromJsonAsync<ThreadView>($"api/labs/{node.LabId}/threads/{threadId}", BoardJson.Options, Ct))!.Posts[^1];
        Assert.Equal(
            [("traffic study.pdf", (long)Pdf.Length, "application/pdf", "Ivan Georgiev"), ("corner.jpg", photo.Size, "image/jpeg", "Ivan Georgiev")],
            post.Attachments!.Select(a => (a.Name, a.Size, a.ContentType, a.UploaderName)));
        Assert.Contains($"<img src=\"/api/labs/{node.LabId}/files/{photo.Id}/content\" alt=\"corner.jpg\"", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"https://evil.example", post.Html, StringComparison.Ordinal);
        Assert.Contains(">a stranger's picture</a>", post.Html.Replace("&#39;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var file in new[] { study, photo })
        {
            var links = (await giulia.GetFromJsonAsync<LabFile>($"api/labs/{node.LabId}/files/{file.Id}", BoardJson.Options, Ct))!;
            using var anyone = new HttpClient { BaseAddress = node.Url };
            using var content = await anyone.GetAsync(links.Url!.TrimStart('/'), Ct);
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
            Assert.Equal(file.ContentType, content.Content.Headers.ContentType?.MediaType);
        }

        // Olga is in no lab: neither the thread, nor the files' details, nor the image's address in the post.
        using var olga = await node.As("olga");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/labs/{node.LabId}/threads/{threadId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/labs/{node.LabId}/files/{study.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/labs/{node.LabId}/files/{photo.Id}/content"));
        using var nobody = await node.As("anonymous");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(nobody, $"api/labs/{node.LabId}/files/{photo.Id}/content"));
    }

    [Fact]
    public async Task A_file_of_another_lab_is_neither_attached_nor_shown_and_a_refused_post_changes_nothing()
    {
        var threadId = await ThreadAsync(node.LabId);
        var otherLab = await node.NewLabAsync("Maria's other lab");
        using var maria = await node.As("maria");
        var elsewhere = await UploadAsync(maria, otherLab, TestFiles.Image(SKEncodedImageFormat.Png), "other lab.png");

        using var refused = await maria.PostAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts", new ReplyRequest("See attached.", null, [elsewhere.Id]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("attachments", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var tooMany = await maria.PostAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts", new ReplyRequest("Many.", null, [.. Enumerable.Range(0, AttachmentLimits.MaxPerItem + 1).Select(i => $"f{i:x16}")]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var thread = (await maria.GetFromJsonAsync<ThreadView>($"api/labs/{node.LabId}/threads/{threadId}", BoardJson.Options, Ct))!;
        Assert.Single(thread.Posts);

        // Its address in the text: a link, never an image (the post's readers need not read the other lab).
        using var replied = await maria.PostAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts", new ReplyRequest(AttachmentLimits.ImageMarkdown(otherLab, elsewhere), null), BoardJson.Options, Ct);
        var post = (await replied.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!;
        Assert.DoesNotContain("<img", post.Html, StringComparison.Ordinal);
        Assert.Contains(">other lab.png</a>", post.Html, StringComparison.Ordinal);
        Assert.Empty(post.Attachments!);
    }

    [Fact]
    public async Task A_public_lessons_files_are_read_by_anyone_a_network_lessons_by_partner_cities_and_nothing_else_of_the_lab()
    {
        using var maria = await node.As("maria");
        var report = await UploadAsync(maria, node.LabId, Pdf, "final report.pdf");
        var photo = await UploadAsync(maria, node.LabId, TestFiles.Image(SKEncodedImageFormat.Jpeg), "after.jpg");
        var unrelated = await UploadAsync(maria, node.LabId, TestFiles.Text(300, "minutes"), "internal minutes.txt");
        var lessons = new Dictionary<LessonVisibility, string>();
        foreach (var visibility in new[] { LessonVisibility.Public, LessonVisibility.Network })
        {
            var request = new LessonRequest($"Corner redesign ({visibility})", LessonKind.Lesson, "A busy corner.", "Asked residents.", $"It worked:\n\n{AttachmentLimits.ImageMarkdown(node.LabId, photo)}", "Start earlier.", string.Empty, [], null, visibility, [report.Id]);
            using var published = await maria.PostAsJsonAsync($"api/labs/{node.LabId}/lessons", request, BoardJson.Options, Ct);
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            var lesson = (await published.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, Ct))!;
            Assert.Equal(["final report.pdf"], lesson.Attachments!.Select(a => a.Name));
            Assert.Contains($"<img src=\"/api/labs/{node.LabId}/files/{photo.Id}/content\" alt=\"after.jpg\"", lesson.HappenedHtml, StringComparison.Ordinal);
            lessons[visibility] = lesson.Summary.Id;
        }

        // Nobody signed in reads the public lesson's report and photo through the lesson, and downloads them by the signed link; the lab stays closed to them.
        using var nobody = await node.As("anonymous");
        foreach (var file in new[] { report, photo })
        {
            var links = (await nobody.GetFromJsonAsync<LabFile>($"api/lessons/{lessons[LessonVisibility.Public]}/files/{file.Id}", BoardJson.Options, Ct))!;
            Assert.Equal((file.Name, file.Size), (links.Name, links.Size));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(nobody, links.Url!));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(nobody, $"api/labs/{node.LabId}/files/{file.Id}"));
        }

        // The network lesson's files: Olga (a partner city, in no lab) reads them; nobody signed in does not.
        using var olga = await node.As("olga");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(olga, $"api/lessons/{lessons[LessonVisibility.Network]}/files/{report.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(nobody, $"api/lessons/{lessons[LessonVisibility.Network]}/files/{report.Id}"));

        // A file of the lab that the lesson does not name is not readable through it.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(nobody, $"api/lessons/{lessons[LessonVisibility.Public]}/files/{unrelated.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/lessons/{lessons[LessonVisibility.Network]}/files/{unrelated.Id}"));
    }

    [Fact]
    public async Task Editing_a_posts_files_replaces_them_and_the_history_keeps_the_files_each_earlier_version_had()
    {
        var threadId = await ThreadAsync(node.LabId);
        using var ivan = await node.As("ivan");
        var draft = await UploadAsync(ivan, node.LabId, TestFiles.Text(150, "draft counts"), "counts draft.csv");
        var final = await UploadAsync(ivan, node.LabId, TestFiles.Text(160, "final counts"), "counts final.csv");
        using var replied = await ivan.PostAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts", new ReplyRequest("The counts.", null, [draft.Id]), BoardJson.Options, Ct);
        var postId = (await replied.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!.Id;

        // Only the files change: still an edit, kept in the history with the file the post had.
        using var edited = await ivan.PutAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts/{postId}", new EditPostRequest("The counts.", [final.Id]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var post = (await edited.Content.ReadFromJsonAsync<PostView>(BoardJson.Options, Ct))!;
        Assert.Equal(["counts final.csv"], post.Attachments!.Select(a => a.Name));
        Assert.Equal(1, post.Edits);

        // Then the text, keeping the file: the second earlier version has the final counts.
        using (var again = await ivan.PutAsJsonAsync($"api/labs/{node.LabId}/threads/{threadId}/posts/{postId}", new EditPostRequest("The final counts.", null), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using var giulia = await node.As("giulia");
        var history = (await giulia.GetFromJsonAsync<PostRevision[]>($"api/labs/{node.LabId}/threads/{threadId}/posts/{postId}/history", BoardJson.Options, Ct))!;
        Assert.Equal([("The counts.", "counts draft.csv"), ("The counts.", "counts final.csv")], history.Select(r => (r.Body, string.Join(",", r.Attachments!.Select(a => a.Name)))));
        var now = (await giulia.GetFromJsonAsync<ThreadView>($"api/labs/{node.LabId}/threads/{threadId}", BoardJson.Options, Ct))!.Posts.Single(p => p.Id == postId);
        Assert.Equal(("The final counts.", "counts final.csv"), (now.Body, now.Attachments!.Single().Name));
    }

    [Fact]
    public async Task A_pilots_and_its_milestones_files_are_attached_by_its_members_read_by_its_readers_and_by_nobody_outside_the_lab()
    {
        using var maria = await node.As("maria");
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(node.LabId, LabThemes.EnergyAndMobility, "Low-traffic corner", "Fewer cars at the school gate.", PilotStage.CoCreate), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pilotId = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
        using var added = await maria.PostAsJsonAsync($"api/pilots/{pilotId}/milestones", new MilestoneRequest("Counts before the trial", new DateOnly(2030, 3, 1), "Maria", MilestoneStatus.Planned), BoardJson.Options, Ct);
        var milestoneId = (await added.Content.ReadFromJsonAsync<MilestoneView>(BoardJson.Options, Ct))!.Id;

        // Ivan, a member, attaches the study to the pilot and the counts to the milestone (its evidence).
        using var ivan = await node.As("ivan");
        var study = await UploadAsync(ivan, node.LabId, Pdf, "school gate study.pdf");
        var counts = await UploadAsync(ivan, node.LabId, TestFiles.Text(200, "date,cars"), "counts.csv");
        using (var attached = await ivan.PutAsJsonAsync($"api/pilots/{pilotId}/attachments", new AttachmentsRequest([study.Id]), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
            Assert.Equal(["school gate study.pdf"], (await attached.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Attachments!.Select(a => a.Name));
        }

        using (var evidence = await ivan.PutAsJsonAsync($"api/pilots/{pilotId}/milestones/{milestoneId}/attachments", new AttachmentsRequest([counts.Id]), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        }

        // A body without the list is refused and removes nothing (only an empty list removes every file).
        foreach (var path in new[] { $"api/pilots/{pilotId}/attachments", $"api/pilots/{pilotId}/milestones/{milestoneId}/attachments" })
        {
            using var malformed = await ivan.PutAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Contains("attachments", await malformed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var kept = (await ivan.GetFromJsonAsync<PilotView>($"api/pilots/{pilotId}", BoardJson.Options, Ct))!;
        Assert.Equal(["school gate study.pdf"], kept.Attachments!.Select(a => a.Name));
        Assert.Equal(["counts.csv"], kept.Milestones.Single().Attachments!.Select(a => a.Name));

        // Giulia, an observer, reads both with what a reader needs and downloads them, but may not change them.
        using var giulia = await node.As("giulia");
        var pilot = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{pilotId}", BoardJson.Options, Ct))!;
        Assert.Equal([("school gate study.pdf", (long)Pdf.Length, "application/pdf", "Ivan Georgiev")], pilot.Attachments!.Select(a => (a.Name, a.Size, a.ContentType, a.UploaderName)));
        Assert.Equal([("counts.csv", "text/csv", "Ivan Georgiev")], pilot.Milestones.Single().Attachments!.Select(a => (a.Name, a.ContentType, a.UploaderName)));
        foreach (var file in new[] { study, counts })
        {
            var links = (await giulia.GetFromJsonAsync<LabFile>($"api/labs/{node.LabId}/files/{file.Id}", BoardJson.Options, Ct))!;
            using var anyone = new HttpClient { BaseAddress = node.Url };
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(anyone, links.Url!));
        }

        using (var observer = await giulia.PutAsJsonAsync($"api/pilots/{pilotId}/attachments", new AttachmentsRequest([]), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, observer.StatusCode);
        }

        // Olga is in no lab: the pilot, its files and changing them are all exactly a missing pilot's or file's answer.
        using var olga = await node.As("olga");
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..8];
        using var outsider = await olga.PutAsJsonAsync($"api/pilots/{pilotId}/attachments", new AttachmentsRequest([]), BoardJson.Options, Ct);
        using var nowhere = await olga.PutAsJsonAsync($"api/pilots/{missing}/attachments", new AttachmentsRequest([]), BoardJson.Options, Ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outsider.StatusCode, nowhere.StatusCode));
        Assert.DoesNotContain("gate", await outsider.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var outsiderEvidence = await olga.PutAsJsonAsync($"api/pilots/{pilotId}/milestones/{milestoneId}/attachments", new AttachmentsRequest([]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.NotFound, outsiderEvidence.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/pilots/{pilotId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(olga, $"api/labs/{node.LabId}/files/{counts.Id}"));

        // A file of another lab is refused and changes nothing; taking the study off leaves the pilot without files.
        var otherLab = await node.NewLabAsync("Maria's pilot elsewhere");
        var elsewhere = await UploadAsync(maria, otherLab, Pdf, "elsewhere.pdf");
        using (var refused = await maria.PutAsJsonAsync($"api/pilots/{pilotId}/attachments", new AttachmentsRequest([study.Id, elsewhere.Id]), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("attachments", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var removed = await ivan.PutAsJsonAsync($"api/pilots/{pilotId}/attachments", new AttachmentsRequest([]), BoardJson.Options, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        pilot = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{pilotId}", BoardJson.Options, Ct))!;
        Assert.Empty(pilot.Attachments!);
        Assert.Equal(["counts.csv"], pilot.Milestones.Single().Attachments!.Select(a => a.Name));
    }

    [Fact]
    public async Task A_deleted_attachment_is_gone_from_storage_and_from_every_item_that_showed_it()
    {
        var labId = await node.NewLabAsync("Deleting attachments");
        var threadId = await ThreadAsync(labId);
        using var maria = await node.As("maria");
        var photo = await UploadAsync(maria, labId, TestFiles.Image(SKEncodedImageFormat.Png, 60, 30), "withdrawn.png");
        using (var replied = await maria.PostAsJsonAsync($"api/labs/{labId}/threads/{threadId}/posts", new ReplyRequest(AttachmentLimits.ImageMarkdown(labId, photo), null, [photo.Id]), BoardJson.Options, Ct))
        {
            replied.EnsureSuccessStatusCode();
        }

        var request = new LessonRequest("Withdrawn photo", LessonKind.Lesson, "Context.", "Tried.", "Happened.", "Differently.", string.Empty, [], null, LessonVisibility.Public, [photo.Id]);
        using var published = await maria.PostAsJsonAsync($"api/labs/{labId}/lessons", request, BoardJson.Options, Ct);
        var lessonId = (await published.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, Ct))!.Summary.Id;
        var signed = (await maria.GetFromJsonAsync<LabFile>($"api/labs/{labId}/files/{photo.Id}", BoardJson.Options, Ct))!;
        using var anyone = new HttpClient { BaseAddress = node.Url };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anyone, signed.Url!));

        using (var deleted = await maria.DeleteAsync($"api/labs/{labId}/files/{photo.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        // Nothing else of the lab had that content: the bytes are gone, so even a link signed before the deletion reads nothing.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anyone, signed.Url!));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(maria, $"api/labs/{labId}/files/{photo.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anyone, $"api/lessons/{lessonId}/files/{photo.Id}"));
        Assert.DoesNotContain((await maria.GetFromJsonAsync<LabFiles>($"api/labs/{labId}/files", BoardJson.Options, Ct))!.Files, f => f.Id == photo.Id);
    }
}

public sealed class AttachmentsApiTestsOnEmbedded(FilesNodeOnEmbedded node) : AttachmentsApiTests(node), IClassFixture<FilesNodeOnEmbedded>;

public sealed class AttachmentsApiTestsOnAzure(FilesNodeOnAzure node) : AttachmentsApiTests(node), IClassFixture<FilesNodeOnAzure>;
