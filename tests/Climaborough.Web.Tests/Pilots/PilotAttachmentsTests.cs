namespace Climaborough.Web.Tests.Pilots;

using System.Text.Json;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Boards;
using Climaborough.Web.Files;
using Climaborough.Web.Pilots;

/// <summary>Files on a pilot's page (issue 16): the pilot's and each milestone's, listed as on lessons; contributors upload and remove them, and each change is saved at once.</summary>
public sealed class PilotAttachmentsTests : WebTestContext
{
    private static readonly DateTimeOffset When = new(2026, 11, 30, 12, 15, 0, TimeSpan.Zero);

    private static readonly FileAttachment Study = new("f00000000000000b2", "school gate study.pdf", 20_480, "application/pdf", "Elena Dimitrova", When);

    private static readonly FileAttachment Counts = new("f00000000000000c3", "counts.csv", 2_048, "text/csv", "Ivan Georgiev", When);

    private static readonly LabFile StudyLinks = new(Study.FileId, Study.Name, Study.Size, Study.ContentType, "u-elena", Study.UploaderName, When, null, null,
        "/api/labs/l1/files/f00000000000000b2/content?exp=1&sig=s", null, DateTimeOffset.UtcNow.AddMinutes(5));

    private static readonly LabFile Photo = new("f00000000000000a1", "gate.jpg", 300_000, "image/jpeg", "u-ivan", "Ivan Georgiev", When, 800, 600, null, null, null);

    private static readonly PilotSummary Summary = new("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Low-traffic school gate", PilotStage.Deploy, PilotStatus.OnTrack, 0, DateTimeOffset.UnixEpoch);

    private static PilotView Page(bool contribute, IReadOnlyList<FileAttachment> files, IReadOnlyList<FileAttachment>? milestoneFiles = null) => new(
        Summary,
        "Fewer cars",
        "<p>Fewer cars</p>",
        [new MilestoneView("m1", "Counts before the trial", new DateOnly(2030, 3, 1), "Maria", MilestoneStatus.Planned, false, Evidence: [], Attachments: milestoneFiles ?? [Counts])],
        [],
        DateTimeOffset.UnixEpoch,
        YouMayContribute: contribute,
        YouMayManage: false,
        Attachments: files);

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private readonly BunitJSModuleInterop module;

    public PilotAttachmentsTests()
    {
        module = JSInterop.SetupModule("./js/file-uploads.js");
        module.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_reader_sees_the_pilots_and_the_milestones_files_with_name_kind_size_and_uploader_and_cannot_change_them()
    {
        Http.Json("/api/pilots/pl1", Page(contribute: false, [Study]));
        Http.Json($"/api/labs/l1/files/{Study.FileId}", StudyLinks);
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-testid=pilot-attachments] [data-attachment='{Study.FileId}'] a")));
        var study = cut.Find($"[data-testid=pilot-attachments] [data-attachment='{Study.FileId}']");
        Assert.Equal(StudyLinks.Url, study.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("PDF · 20 KB · Elena Dimitrova · 30 Nov 2026", Flat(study.TextContent), StringComparison.Ordinal);

        // The milestone's counts are in its evidence; the reader may not read them any more (a 404): named, said to be gone.
        var counts = cut.Find($"tr[data-milestone=m1] [data-attachment='{Counts.FileId}']");
        Assert.Contains("counts.csv", counts.TextContent, StringComparison.Ordinal);
        Assert.Contains("CSV · 2 KB · Ivan Georgiev", Flat(counts.TextContent), StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.NotNull(counts.QuerySelector("[data-testid=attachment-unavailable]")));

        Assert.Empty(cut.FindAll("[data-testid=remove-attachment]"));
        Assert.Empty(cut.FindAll("[data-testid=pilot-attachments-attach]"));
        Assert.Empty(cut.FindAll("[data-testid=milestone-files]"));
    }

    [Fact]
    public async Task A_contributors_upload_is_attached_to_the_pilot_at_once_and_a_removed_file_is_taken_off()
    {
        Http.Json("/api/pilots/pl1", Page(contribute: true, [Study]));
        Http.Json("/api/pilots/pl1/attachments", Page(contribute: true, [Study, FileAttachment.Of(Photo)]), "PUT");
        module.Setup<UploadAnswer>("upload", _ => true).SetResult(new UploadAnswer(201, JsonSerializer.Serialize(Photo, JsonSerializerOptions.Web)));
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=pilot-attachments-attach-pick]")));
        Assert.Equal("PDF, office documents, CSV or images, up to 25 MB each.", cut.Find("[data-testid=pilot-attachments-attach] .hint").TextContent);

        var uploads = cut.FindComponents<FileUploads>().Single(c => c.Instance.TestId == "pilot-attachments-attach");
        await cut.InvokeAsync(() => uploads.Instance.OnFilesPicked([new FilePick("file1", "gate.jpg", 300_000, "image/jpeg")]));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=pilot-attachments] [data-attachment]").Count));
        var put = Assert.Single(Http.Requests, r => r.Method == "PUT" && r.Path == "/api/pilots/pl1/attachments");
        Assert.Equal([Study.FileId, Photo.Id], JsonSerializer.Deserialize<AttachmentsRequest>(put.Body!, JsonSerializerOptions.Web)!.Attachments);
        Assert.Contains("gate.jpg", cut.Find($"[data-testid=pilot-attachments] [data-attachment='{Photo.Id}']").TextContent, StringComparison.Ordinal);

        // Removing the study saves the list without it.
        Http.Json("/api/pilots/pl1/attachments", Page(contribute: true, [FileAttachment.Of(Photo)]), "PUT");
        cut.Find($"[data-testid=pilot-attachments] [data-attachment='{Study.FileId}'] [data-testid=remove-attachment]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=pilot-attachments] [data-attachment]")));
        Assert.Equal([Photo.Id], JsonSerializer.Deserialize<AttachmentsRequest>(Http.Requests.Last(r => r.Method == "PUT").Body!, JsonSerializerOptions.Web)!.Attachments);
    }

    [Fact]
    public void A_contributor_opens_a_milestones_files_and_a_refusal_is_said_next_to_them()
    {
        Http.Json("/api/pilots/pl1", Page(contribute: true, []));
        Http.Problem("/api/pilots/pl1/milestones/m1/attachments", System.Net.HttpStatusCode.Forbidden, "Adding to this pilot needs the member role in its lab.", "PUT");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("tr[data-milestone=m1] [data-testid=milestone-files]")));
        Assert.Equal("Files of “Counts before the trial”", cut.Find("tr[data-milestone=m1] [data-testid=milestone-files]").GetAttribute("aria-label"));

        cut.Find("tr[data-milestone=m1] [data-testid=milestone-files]").Click();
        var editor = cut.Find("[data-testid=milestone-files-editor]");
        Assert.Equal("Files of “Counts before the trial”", editor.QuerySelector("h3")!.TextContent);
        cut.Find($"[data-testid=milestone-files-of] [data-attachment='{Counts.FileId}'] [data-testid=remove-attachment]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Adding to this pilot needs the member role in its lab.", cut.Find("[data-testid=milestone-files-of-error]").TextContent));
        Assert.Contains(Http.Requests, r => r.Method == "PUT" && r.Path == "/api/pilots/pl1/milestones/m1/attachments" && r.Body!.Contains("[]", StringComparison.Ordinal));
        Assert.Single(cut.FindAll($"[data-testid=milestone-files-of] [data-attachment='{Counts.FileId}']"));
    }
}
