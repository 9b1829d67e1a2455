namespace Climaborough.Web.Tests.Sessions;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Resources;
using Climaborough.Web.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

/// <summary>Preparing a workshop from a template, in English and Bulgarian.</summary>
public abstract class WorkshopTemplatesTestsBase(string culture) : WebTestContext(culture)
{
    protected IRenderedComponent<LabWorkshops> PickProblemTree()
    {
        Http.Json("/api/labs/l1/sessions", Array.Empty<SessionSummary>());
        Http.Json("/api/labs/l1/sessions/from-template", Workshop.View(SessionPhase.Scheduled, null, 1), "POST");
        var cut = Render<LabWorkshops>(p => p.Add(w => w.LabId, "l1").Add(w => w.CanModerate, true)
            .Add(w => w.Boards, [new LabContent("board", "b1", "Lyulin map", DateTimeOffset.UnixEpoch)]));
        cut.WaitForAssertion(() => cut.Find("[data-testid=workshop-template]"));
        Assert.Equal(WorkshopTemplates.All.Count + 1, cut.FindAll("[data-testid=workshop-template] option").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=workshop-board]"));
        cut.Find("[data-testid=workshop-template]").Change("ProblemTree");
        return cut;
    }

    protected string Submit(IRenderedComponent<LabWorkshops> cut)
    {
        cut.Find("[data-testid=new-workshop] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == "POST" && r.Path == "/api/labs/l1/sessions/from-template"));
        return Http.Requests.Last(r => r.Method == "POST").Body!;
    }
}

public sealed class WorkshopTemplatesTests() : WorkshopTemplatesTestsBase("en")
{
    [Fact]
    public void Choosing_a_template_fills_the_agenda_and_creating_sends_its_board_layout_in_english()
    {
        var cut = PickProblemTree();

        // The agenda is the template's, editable; the template makes its own board, so no board is chosen.
        Assert.Equal(5, cut.FindAll("[data-testid=workshop-step]").Count);
        Assert.Equal("Welcome and purpose", cut.Find("[data-testid=workshop-step] input").GetAttribute("value"));
        Assert.Equal("Problem tree", cut.Find("[data-testid=workshop-title]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=workshop-board]"));
        Assert.Contains("Trace a local problem", cut.Find("[data-testid=workshop-template-lead]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=workshop-title]").Change("Why parents drive to school");
        var body = Submit(cut);
        Assert.Contains("\"boardTitle\":\"Why parents drive to school\"", body, StringComparison.Ordinal);
        Assert.Contains("Causes (roots)", body, StringComparison.Ordinal);
        Assert.Contains("Why does it happen?", body, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Vote\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_template_has_a_board_of_frames_each_with_a_prompt_and_an_agenda_that_the_server_accepts()
    {
        var l = Services.GetRequiredService<IStringLocalizer<Strings>>();
        Assert.True(WorkshopTemplates.All.Count >= 6);
        foreach (var template in WorkshopTemplates.All)
        {
            var board = WorkshopTemplates.Board(template, l);
            Assert.Equal(template.Frames.Count, board.Elements.Count(e => e.Kind == ElementKind.Frame));
            foreach (var frame in board.Elements.Where(e => e.Kind == ElementKind.Frame))
            {
                Assert.Single(board.Elements, e => e.Kind == ElementKind.Note && BoardGeometry.IsInside(e, frame));
            }

            Assert.All(board.Elements, e => Assert.False(string.IsNullOrWhiteSpace(e.Text)));
            var agenda = WorkshopTemplates.Agenda(template, l);
            Assert.InRange(agenda.Count, 1, SessionLimits.MaxSteps);
            Assert.All(agenda, s => Assert.InRange(s.DurationMinutes, 1, SessionLimits.MaxStepMinutes));
        }
    }
}

public sealed class WorkshopTemplatesInBulgarianTests() : WorkshopTemplatesTestsBase("bg")
{
    [Fact]
    public void The_template_picker_and_the_board_it_makes_speak_bulgarian()
    {
        var cut = PickProblemTree();
        Assert.Equal("Дърво на проблема", cut.Find("[data-testid=workshop-title]").GetAttribute("value"));
        Assert.Equal("Добре дошли и цел", cut.Find("[data-testid=workshop-step] input").GetAttribute("value"));

        var body = Submit(cut);
        Assert.Contains("Причини (корени)", System.Text.RegularExpressions.Regex.Unescape(body), StringComparison.Ordinal);
        Assert.Contains("Защо се случва?", System.Text.RegularExpressions.Regex.Unescape(body), StringComparison.Ordinal);
    }
}
