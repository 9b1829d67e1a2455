namespace Climaborough.Web.Tests.Sessions;

using System.Text.RegularExpressions;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Sessions;

/// <summary>Templates moderators saved for the network: offered in the "new workshop" picker beside the built-in ones, and saved from a workshop's page.</summary>
public abstract class SavedTemplatesTestsBase(string culture) : WebTestContext(culture)
{
    protected static readonly WorkshopTemplateView Saved = new(
        "t1", "School run causes", "Why parents drive to school.", "sofia", "Sofia", "Elena Dimitrova", new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero),
        [new("Ideas on your own", SessionStepKind.PrivateBrainstorm, 12, "One idea per note."), new("Vote", SessionStepKind.Vote, 5, string.Empty)],
        [new(0, 0, 700, 600, "#ffffff", "Causes", [new(ElementKind.Note, 50, 100, 180, 120, "#fff59d", "Parents drive")]), new(800, 0, 500, 400, "#ffffff", "Effects", [])],
        YouMayDelete: false);

    protected IRenderedComponent<LabWorkshops> RenderForm(params WorkshopTemplateView[] saved)
    {
        Http.Json("/api/labs/l1/sessions", Array.Empty<SessionSummary>());
        Http.Json("/api/workshop-templates", saved, "GET");
        Http.Json("/api/labs/l1/sessions/from-template", Workshop.View(SessionPhase.Scheduled, null, 1), "POST");
        var cut = Render<LabWorkshops>(p => p.Add(w => w.LabId, "l1").Add(w => w.CanModerate, true)
            .Add(w => w.Boards, [new LabContent("board", "b1", "Lyulin map", DateTimeOffset.UnixEpoch)]));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=saved-templates] option")));
        return cut;
    }

    protected static IReadOnlyList<string> SavedOptions(IRenderedComponent<LabWorkshops> cut) =>
        [.. cut.FindAll("[data-testid=saved-templates] option").Select(o => o.TextContent)];
}

public sealed class SavedTemplatesTests() : SavedTemplatesTestsBase("en")
{
    [Fact]
    public void The_picker_offers_the_networks_saved_templates_after_the_built_in_ones_and_one_lays_out_its_board_and_agenda()
    {
        var cut = RenderForm(Saved);
        Assert.Equal(WorkshopTemplates.All.Count + 2, cut.FindAll("[data-testid=workshop-template] option").Count);
        Assert.Equal(["School run causes (Sofia, Elena Dimitrova)"], SavedOptions(cut));
        Assert.Equal("Saved by moderators of the network", cut.Find("[data-testid=saved-templates]").GetAttribute("label"));

        cut.Find("[data-testid=workshop-template]").Change("saved:t1");
        Assert.Equal("School run causes", cut.Find("[data-testid=workshop-title]").GetAttribute("value"));
        Assert.Equal(["Ideas on your own", "Vote"], cut.FindAll("[data-testid=step-title]").Select(i => i.GetAttribute("value")!));
        Assert.Equal(["PrivateBrainstorm", "Vote"], cut.FindAll("[data-testid=step-kind]").Select(i => i.GetAttribute("value")!));
        Assert.Equal("12", cut.Find("[data-testid=step-minutes]").GetAttribute("value"));
        Assert.Equal("One idea per note.", cut.Find("[data-testid=step-instructions]").GetAttribute("value"));
        var lead = cut.Find("[data-testid=workshop-template-lead]").TextContent;
        Assert.Contains("Why parents drive to school.", lead, StringComparison.Ordinal);
        Assert.Contains("Saved by Elena Dimitrova (Sofia) on 3 November 2026", Regex.Replace(lead, @"\s+", " "), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=workshop-board]")); // the template makes its own board
        Assert.Empty(cut.FindAll("[data-testid=delete-template]")); // not Elena's here

        cut.Find("[data-testid=new-workshop] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/labs/l1/sessions/from-template"));
        var body = Http.Requests.Last(r => r.Method == "POST").Body!;
        Assert.Contains("\"boardTitle\":\"School run causes\"", body, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Causes\"", body, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Effects\"", body, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Parents drive\"", body, StringComparison.Ordinal);
        Assert.Contains("\"instructions\":\"One idea per note.\"", body, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"PrivateBrainstorm\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_author_deletes_a_saved_template_from_the_picker()
    {
        Http.Json("/api/workshop-templates/t1", Saved with { YouMayDelete = true }, "DELETE");
        var cut = RenderForm(Saved with { YouMayDelete = true });
        cut.Find("[data-testid=workshop-template]").Change("saved:t1");
        cut.Find("[data-testid=delete-template]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=saved-templates]")));
        Assert.Contains(Http.Requests, r => r.Method == "DELETE" && r.Path == "/api/workshop-templates/t1");
        Assert.Equal(WorkshopTemplates.All.Count + 1, cut.FindAll("[data-testid=workshop-template] option").Count);
    }

    [Fact]
    public void A_moderator_saves_the_workshop_as_a_template_once_per_draft()
    {
        Http.Json("/api/labs/l1/sessions/s1/template", Saved with { Name = "Lyulin school run" }, "POST");
        var cut = Render<SaveAsTemplate>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1").Add(s => s.Title, "Lyulin school run"));
        Assert.Equal("Lyulin school run", cut.Find("[data-testid=template-name]").GetAttribute("value"));
        Assert.Contains("private notes that were not revealed", cut.Find(".save-template .hint").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=template-description]").Change("Causes and effects of the school run.");
        cut.Find(".save-template form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saved as the template “Lyulin school run”: every lab now offers it under “Prepare a workshop”.", cut.Find("[data-testid=template-saved]").TextContent));
        var body = Http.Requests.Single(r => r.Method == "POST").Body!;
        Assert.Contains("\"name\":\"Lyulin school run\"", body, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"Causes and effects of the school run.\"", body, StringComparison.Ordinal);
        Assert.Matches("\"requestId\":\"[0-9a-f]{32}\"", body);
    }

    [Fact]
    public void A_refused_save_keeps_its_request_id_for_the_retry_and_shows_why()
    {
        Http.Problem("/api/labs/l1/sessions/s1/template", System.Net.HttpStatusCode.Forbidden, "Saving a workshop as a template needs the moderator role in this lab.", "POST");
        var cut = Render<SaveAsTemplate>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1").Add(s => s.Title, "Lyulin"));
        cut.Find(".save-template form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saving a workshop as a template needs the moderator role in this lab.", cut.Find("[data-testid=template-error]").TextContent));
        cut.Find(".save-template form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Method == "POST")));
        var ids = Http.Requests.Where(r => r.Method == "POST").Select(r => Regex.Match(r.Body!, "\"requestId\":\"([^\"]+)\"").Groups[1].Value).ToList();
        Assert.Equal(ids[0], ids[1]);
        Assert.Empty(cut.FindAll("[data-testid=template-saved]"));
    }
}

public sealed class SavedTemplatesInBulgarianTests() : SavedTemplatesTestsBase("bg")
{
    [Fact]
    public void The_picker_and_the_save_form_speak_bulgarian()
    {
        var cut = RenderForm(Saved with { CityName = "София" });
        Assert.Equal("Запазени от модератори в мрежата", cut.Find("[data-testid=saved-templates]").GetAttribute("label"));
        Assert.Equal(["School run causes (София, Elena Dimitrova)"], SavedOptions(cut));
        cut.Find("[data-testid=workshop-template]").Change("saved:t1");
        Assert.Contains("Запазен от Elena Dimitrova (София) на 3 ноември 2026", Regex.Replace(cut.Find("[data-testid=workshop-template-lead]").TextContent, @"\s+", " "), StringComparison.Ordinal);

        var form = Render<SaveAsTemplate>(p => p.Add(s => s.LabId, "l1").Add(s => s.SessionId, "s1").Add(s => s.Title, "Люлин"));
        Assert.Equal("Запази като шаблон за мрежата", form.Find(".save-template summary").TextContent);
        Assert.Equal("Запази шаблона", form.Find("[data-testid=template-save]").TextContent);
    }
}
