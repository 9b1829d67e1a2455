namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// Saving a workshop as a template for the network, on each storage backend: Elena saves a workshop's agenda and its
/// board's frames with the notes inside them (never a private note, a shape or a note outside every frame); the same
/// request id saves once; only moderators save; its author or an administrator deletes it; it survives a restart.
/// </summary>
public abstract class WorkshopTemplateTests(ClusterFixture fixture)
{
    private static readonly IReadOnlyList<SessionStepRequest> Agenda =
    [
        new("Welcome", "Say who you are.", 5, SessionStepKind.Present),
        new("Ideas on your own", "One idea per note.", 10, SessionStepKind.PrivateBrainstorm),
        new("Vote", null, 5, SessionStepKind.Vote),
    ];

    private static readonly Actor Admin = new("u-admin-templates", "Ada Admin", null);

    private IWorkshopTemplatesGrain Templates => fixture.Grains.GetGrain<IWorkshopTemplatesGrain>(IWorkshopTemplatesGrain.NetworkKey);

    private sealed record Workshop(string LabId, IBoardGrain Board, ISessionGrain Session);

    private static BoardElement Element(string id, ElementKind kind, double x, double y, double w, double h, string text) =>
        new(id, kind, x, y, w, h, 0, kind == ElementKind.Frame ? "#ffffff" : "#fff59d", text, null, null, null, string.Empty, default, default);

    /// <summary>
    /// A lab (Elena moderates, Ivan is a member, Giulia observes) whose board has a frame "Causes" holding a note, a text
    /// and a rectangle, an empty frame "Effects", and a loose note; a workshop on it, running its private step, in which
    /// Ivan has added a private note inside "Causes".
    /// </summary>
    private async Task<Workshop> NewWorkshopAsync()
    {
        var labId = await WorkshopLabs.NewAsync(fixture.Grains);
        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        var edit = await board.EditAsync(Elena, new BoardEdit("c-elena-layout", 1,
        [
            new(ChangeType.Create, "causes", Element("causes", ElementKind.Frame, 1000, 500, 700, 600, " Causes ")),
            new(ChangeType.Create, "effects", Element("effects", ElementKind.Frame, 1800, 500, 500, 400, "Effects")),
            new(ChangeType.Create, "drive", Element("drive", ElementKind.Note, 1050, 600, 180, 120, "Parents drive")),
            new(ChangeType.Create, "why", Element("why", ElementKind.Text, 1300, 600, 200, 60, "Why does it happen?")),
            new(ChangeType.Create, "box", Element("box", ElementKind.Rectangle, 1100, 800, 100, 100, "A shape")),
            new(ChangeType.Create, "loose", Element("loose", ElementKind.Note, 0, 0, 180, 120, "Loose idea")),
        ]));
        Assert.True(edit.Ok, edit.Error);

        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        Assert.True((await session.CreateAsync(Elena, labId, new CreateSessionRequest("Why parents drive", null, null, board.GetPrimaryKeyString(), Agenda))).Ok);
        Assert.True((await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Start))).Ok);
        Assert.True((await session.ControlAsync(Elena, labId, new SessionControlRequest(SessionCommand.Next))).Ok);
        var secret = await board.EditAsync(Ivan, new BoardEdit("c-ivan-secret", 1, [new(ChangeType.Create, "secret", Element("secret", ElementKind.Note, 1050, 900, 180, 120, "Ivan's secret idea"))]));
        Assert.True(secret.Ok, secret.Error);
        Assert.Contains((await board.ExportAsync(Elena)).Value!.Elements, e => e.Id == "secret"); // Elena, a facilitator, sees it
        return new Workshop(labId, board, session);
    }

    private static string RequestId() => "save-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_moderator_saves_the_agenda_and_the_frames_with_their_notes_and_nothing_private_or_outside_them()
    {
        var w = await NewWorkshopAsync();
        var requestId = RequestId();
        var saved = await w.Session.SaveAsTemplateAsync(Elena, w.LabId, new SaveTemplateRequest(requestId, "  Why parents drive  ", "Trace the school run's causes. "));
        Assert.True(saved.Ok, saved.Message);
        var template = saved.Value!;
        Assert.Equal(("Why parents drive", "Trace the school run's causes.", "sofia", Elena.Name, true), (template.Name, template.Description, template.CityId, template.AuthorName, template.YouMayDelete));

        Assert.Equal(
            [("Welcome", SessionStepKind.Present, 5, "Say who you are."), ("Ideas on your own", SessionStepKind.PrivateBrainstorm, 10, "One idea per note."), ("Vote", SessionStepKind.Vote, 5, string.Empty)],
            template.Steps.Select(s => (s.Title, s.Kind, s.Minutes, s.Instructions)));

        // Frames top to bottom, left to right, moved so the layout starts at 0, 0; in each only the notes and texts inside it.
        Assert.Equal([("Causes", 0d, 0d, 700d, 600d), ("Effects", 800d, 0d, 500d, 400d)], template.Frames.Select(f => (f.Title, f.X, f.Y, f.Width, f.Height)));
        Assert.Equal([(ElementKind.Note, "Parents drive", 50d, 100d), (ElementKind.Text, "Why does it happen?", 300d, 100d)], template.Frames[0].Notes.Select(n => (n.Kind, n.Text, n.X, n.Y)));
        Assert.Empty(template.Frames[1].Notes);
        var texts = template.Frames.SelectMany(f => f.Notes.Select(n => n.Text)).ToList();
        Assert.DoesNotContain("Ivan's secret idea", texts);
        Assert.DoesNotContain("Loose idea", texts);
        Assert.DoesNotContain("A shape", texts);

        // The same request again (a double click, a retry) answers the same template; a new one makes another.
        var again = await w.Session.SaveAsTemplateAsync(Elena, w.LabId, new SaveTemplateRequest(requestId, "Why parents drive", null));
        Assert.Equal(template.Id, again.Value!.Id);
        Assert.Single((await Templates.ListAsync(Ivan)).Value!, t => t.Id == template.Id);

        // Kept across a restart, and offered to anyone signed in (here Olga, from another city and in no lab).
        await fixture.Cluster.DeactivateAsync(Templates);
        var listed = Assert.Single((await Templates.ListAsync(Olga)).Value!, t => t.Id == template.Id);
        Assert.False(listed.YouMayDelete);
        Assert.Equal(template.Frames.Select(f => f.Title), listed.Frames.Select(f => f.Title));
        Assert.Equal(texts, listed.Frames.SelectMany(f => f.Notes.Select(n => n.Text)));
    }

    [Fact]
    public async Task Only_moderators_save_readers_get_forbidden_outsiders_not_found_and_bad_input_is_named()
    {
        var w = await NewWorkshopAsync();
        var name = "Refused " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SaveAsTemplateAsync(Ivan, w.LabId, new SaveTemplateRequest(RequestId(), name, null))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await w.Session.SaveAsTemplateAsync(Giulia, w.LabId, new SaveTemplateRequest(RequestId(), name, null))).Code);
        var outsider = await w.Session.SaveAsTemplateAsync(Olga, w.LabId, new SaveTemplateRequest(RequestId(), name, null));
        Assert.Equal(ErrorCodes.NotFound, outsider.Code);
        Assert.DoesNotContain(w.LabId, outsider.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.NotFound, (await w.Session.SaveAsTemplateAsync(Elena, LabIds.New(), new SaveTemplateRequest(RequestId(), name, null))).Code);

        foreach (var (request, field) in new[]
        {
            (new SaveTemplateRequest(RequestId(), "   ", null), "name"),
            (new SaveTemplateRequest(RequestId(), new string('n', WorkshopTemplateLimits.MaxNameLength + 1), null), "name"),
            (new SaveTemplateRequest(RequestId(), name, new string('d', WorkshopTemplateLimits.MaxDescriptionLength + 1)), "description"),
            (new SaveTemplateRequest("short", name, null), "requestId"),
        })
        {
            var refused = await w.Session.SaveAsTemplateAsync(Elena, w.LabId, request);
            Assert.Equal(ErrorCodes.Invalid, refused.Code);
            Assert.StartsWith(field + ":", refused.Message, StringComparison.Ordinal);
        }

        // The longest name and description are taken.
        Assert.True((await w.Session.SaveAsTemplateAsync(Elena, w.LabId, new SaveTemplateRequest(RequestId(), new string('n', WorkshopTemplateLimits.MaxNameLength), new string('d', WorkshopTemplateLimits.MaxDescriptionLength)))).Ok);
        Assert.DoesNotContain((await Templates.ListAsync(Elena)).Value!, t => t.Name == name);
    }

    [Fact]
    public async Task Its_author_or_an_administrator_deletes_a_template_and_nobody_else()
    {
        await fixture.Grains.GetGrain<IUserGrain>(Admin.UserId).SetAsync(new UserProfile(Admin.Name, null), [PlatformRoles.Member, PlatformRoles.Admin]);
        var labId = await WorkshopLabs.NewAsync(fixture.Grains);

        // A workshop without a board saves its agenda only.
        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        Assert.True((await session.CreateAsync(Elena, labId, new CreateSessionRequest("Agenda only", null, null, null, Agenda))).Ok);
        var first = (await session.SaveAsTemplateAsync(Elena, labId, new SaveTemplateRequest(RequestId(), "Agenda only", null))).Value!;
        var second = (await session.SaveAsTemplateAsync(Maria, labId, new SaveTemplateRequest(RequestId(), "Maria's agenda", null))).Value!;
        Assert.Empty(first.Frames);
        Assert.Equal(3, first.Steps.Count);

        Assert.True(Assert.Single((await Templates.ListAsync(Admin)).Value!, t => t.Id == first.Id).YouMayDelete);
        Assert.False(Assert.Single((await Templates.ListAsync(Maria)).Value!, t => t.Id == first.Id).YouMayDelete);

        // Maria owns the lab but not the template: only Elena or an administrator deletes it.
        Assert.Equal(ErrorCodes.Forbidden, (await Templates.DeleteAsync(Maria, first.Id)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Templates.DeleteAsync(Ivan, second.Id)).Code);
        Assert.Equal(first.Id, (await Templates.DeleteAsync(Elena, first.Id)).Value!.Id);
        Assert.Equal(second.Id, (await Templates.DeleteAsync(Admin, second.Id)).Value!.Id);
        Assert.Equal(ErrorCodes.NotFound, (await Templates.DeleteAsync(Elena, first.Id)).Code);

        await fixture.Cluster.DeactivateAsync(Templates);
        Assert.DoesNotContain((await Templates.ListAsync(Elena)).Value!, t => t.Id == first.Id || t.Id == second.Id);
    }
}

public sealed class WorkshopTemplateTestsOnEmbedded(EmbeddedClusterFixture fixture) : WorkshopTemplateTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class WorkshopTemplateTestsOnAzure(AzureClusterFixture fixture) : WorkshopTemplateTests(fixture), IClassFixture<AzureClusterFixture>;
