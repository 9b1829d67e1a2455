namespace Climaborough.Server.Tests.Sessions;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Web.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// Saving a workshop as a template over a real node: Elena saves a workshop of the private lab with its board's frame and
/// the note inside it; a retry saves once; everyone signed in lists it (Olga from another city too, nobody anonymous);
/// a member gets 403 and an outsider 404 for the session; its author or an administrator deletes it.
/// </summary>
public sealed class WorkshopTemplatesApiTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    private static string RequestId() => "tpl-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>A frame with a note inside it and a note outside it on the lab's board, and a workshop of Elena's on it; answers the session id and the two texts.</summary>
    private async Task<(string SessionId, string Frame, string Inside, string Outside)> NewWorkshopAsync(HttpClient elena)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (frame, inside, outside) = ("Causes " + suffix, "Parents drive " + suffix, "Loose " + suffix);
        await using var maria = lab.Hub("maria");
        await maria.StartAsync(Ct);
        await maria.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var x = Random.Shared.Next(0, 100) * 3000;
        var edit = await maria.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit("maria-tpl-" + suffix, 1,
        [
            new(ChangeType.Create, "f" + suffix, new BoardElement("f" + suffix, ElementKind.Frame, x, 20_000, 800, 600, 0, "#ffffff", frame, null, null, null, string.Empty, default, default)),
            new(ChangeType.Create, "i" + suffix, new BoardElement("i" + suffix, ElementKind.Note, x + 100, 20_100, 180, 120, 1, "#fff59d", inside, null, null, null, string.Empty, default, default)),
            new(ChangeType.Create, "o" + suffix, new BoardElement("o" + suffix, ElementKind.Note, x + 1000, 20_000, 180, 120, 2, "#fff59d", outside, null, null, null, string.Empty, default, default)),
        ]), Ct);
        Assert.True(edit.Ok, edit.Error);

        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("School run " + suffix, null, null, lab.BoardId,
            [new("Ideas", "One idea per note.", 15, SessionStepKind.Brainstorm), new("Vote", null, 5, SessionStepKind.Vote)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!.Id, frame, inside, outside);
    }

    [Fact]
    public async Task A_moderator_saves_a_workshop_once_and_everyone_signed_in_lists_it_with_its_frames_and_agenda()
    {
        using var elena = await lab.As("elena");
        var (sessionId, frame, inside, outside) = await NewWorkshopAsync(elena);
        var request = new SaveTemplateRequest(RequestId(), "School run causes", "Why parents drive to school.");
        using var saved = await elena.PostAsJsonAsync($"{Sessions}/{sessionId}/template", request, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var template = (await saved.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!;
        Assert.Equal($"/api/workshop-templates/{template.Id}", saved.Headers.Location?.OriginalString);
        Assert.Equal(["Ideas", "Vote"], template.Steps.Select(s => s.Title));
        Assert.Equal("One idea per note.", template.Steps[0].Instructions);
        var savedFrame = Assert.Single(template.Frames, f => f.Title == frame);
        Assert.Equal([inside], savedFrame.Notes.Select(n => n.Text));
        Assert.DoesNotContain(template.Frames.SelectMany(f => f.Notes), n => n.Text == outside);

        // A retry (the answer was lost) answers the same template.
        using var retried = await elena.PostAsJsonAsync($"{Sessions}/{sessionId}/template", request, BoardJson.Options, Ct);
        Assert.Equal(template.Id, (await retried.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!.Id);

        foreach (var person in new[] { "elena", "ivan", "olga" })
        {
            using var http = await lab.As(person);
            var list = (await http.GetFromJsonAsync<WorkshopTemplateView[]>("api/workshop-templates", BoardJson.Options, Ct))!;
            var listed = Assert.Single(list, t => t.Id == template.Id);
            Assert.Equal((person == "elena", "School run causes", "Elena Dimitrova"), (listed.YouMayDelete, listed.Name, listed.AuthorName));
        }

        using var anonymous = await lab.As("anonymous");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("api/workshop-templates", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_member_gets_403_an_outsider_404_and_bad_input_400_and_nothing_is_saved()
    {
        using var elena = await lab.As("elena");
        var (sessionId, frame, _, _) = await NewWorkshopAsync(elena);
        var path = $"{Sessions}/{sessionId}/template";

        using var ivan = await lab.As("ivan");
        using var member = await ivan.PostAsJsonAsync(path, new SaveTemplateRequest(RequestId(), "Ivan's", null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(member));

        using var olga = await lab.As("olga");
        using var outsider = await olga.PostAsJsonAsync(path, new SaveTemplateRequest(RequestId(), "Olga's", null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.DoesNotContain(lab.LabId, await outsider.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var anonymous = await lab.As("anonymous");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path, new SaveTemplateRequest(RequestId(), "Nobody's", null), BoardJson.Options, Ct)).StatusCode);

        using var tooLong = await elena.PostAsJsonAsync(path, new SaveTemplateRequest(RequestId(), new string('n', WorkshopTemplateLimits.MaxNameLength + 1), null), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("120", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        using var longDescription = await elena.PostAsJsonAsync(path, new SaveTemplateRequest(RequestId(), "Fine", new string('d', WorkshopTemplateLimits.MaxDescriptionLength + 1)), BoardJson.Options, Ct);
        Assert.True((await longDescription.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("description", out _));

        var list = (await elena.GetFromJsonAsync<WorkshopTemplateView[]>("api/workshop-templates", BoardJson.Options, Ct))!;
        Assert.DoesNotContain(list, t => t.Frames.Any(f => f.Title == frame));
    }

    [Fact]
    public async Task Its_author_or_an_administrator_deletes_a_template_and_a_member_may_not()
    {
        using var elena = await lab.As("elena");
        var (sessionId, _, _, _) = await NewWorkshopAsync(elena);
        async Task<string> SaveAsync(string name)
        {
            using var saved = await elena.PostAsJsonAsync($"{Sessions}/{sessionId}/template", new SaveTemplateRequest(RequestId(), name, null), BoardJson.Options, Ct);
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            return (await saved.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!.Id;
        }

        var (mine, other) = (await SaveAsync("Deleted by Elena"), await SaveAsync("Deleted by the administrator"));
        using var ivan = await lab.As("ivan");
        using var refused = await ivan.DeleteAsync(new Uri($"api/workshop-templates/{mine}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await elena.DeleteAsync(new Uri($"api/workshop-templates/{mine}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elena.DeleteAsync(new Uri($"api/workshop-templates/{mine}", UriKind.Relative), Ct)).StatusCode);
        using var admin = await lab.As("admin");
        using var byAdmin = await admin.DeleteAsync(new Uri($"api/workshop-templates/{other}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("Deleted by the administrator", (await byAdmin.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!.Name);

        var list = (await ivan.GetFromJsonAsync<WorkshopTemplateView[]>("api/workshop-templates", BoardJson.Options, Ct))!;
        Assert.DoesNotContain(list, t => t.Id == mine || t.Id == other);
    }

    [Fact]
    public async Task A_workshop_prepared_from_a_saved_template_gets_a_new_board_with_its_frames_and_notes_and_its_agenda()
    {
        using var elena = await lab.As("elena");
        var (sessionId, frame, inside, outside) = await NewWorkshopAsync(elena);
        using var saved = await elena.PostAsJsonAsync($"{Sessions}/{sessionId}/template", new SaveTemplateRequest(RequestId(), "Reused layout", null), BoardJson.Options, Ct);
        var id = (await saved.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!.Id;

        // Maria, preparing another workshop, picks it from the list: the web app sends its layout and agenda as a built-in one.
        using var maria = await lab.As("maria");
        var template = (await maria.GetFromJsonAsync<WorkshopTemplateView[]>("api/workshop-templates", BoardJson.Options, Ct))!.Single(t => t.Id == id);
        var request = new SessionFromTemplateRequest(new CreateSessionRequest("Reused", null, null, null, WorkshopTemplates.Agenda(template)), "Reused board", WorkshopTemplates.Board(template));
        using var created = await maria.PostAsJsonAsync($"{Sessions}/from-template", request, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        Assert.Equal(["Ideas", "Vote"], session.Steps.Select(s => s.Title));
        Assert.Equal([SessionStepKind.Brainstorm, SessionStepKind.Vote], session.Steps.Select(s => s.Kind));
        Assert.NotEqual(lab.BoardId, session.BoardId);

        var board = (await maria.GetFromJsonAsync<BoardExport>($"api/boards/{session.BoardId}/export.json", BoardJson.Options, Ct))!;
        var newFrame = Assert.Single(board.Elements, e => e.Kind == ElementKind.Frame && e.Text == frame);
        var kept = template.Frames.Single(f => f.Title == frame);
        Assert.Equal((kept.X, kept.Y, 800d, 600d), (newFrame.X, newFrame.Y, newFrame.Width, newFrame.Height));
        var note = Assert.Single(board.Elements, e => e.Text == inside);
        Assert.True(BoardGeometry.IsInside(note, newFrame));
        Assert.DoesNotContain(board.Elements, e => e.Text == outside);
    }
}
