namespace Climaborough.Web.Sessions;

using System.Globalization;
using Climaborough.Contracts;
using Microsoft.Extensions.Localization;

/// <summary>
/// The built-in workshop templates for city living labs: each a board layout (frames with headings and a
/// prompt note in each) and a default agenda. Their words are resources (<c>Tpl_…</c>), so a template is
/// made in the language of the moderator who chooses it.
/// </summary>
public static class WorkshopTemplates
{
    /// <summary>A frame of a template's board: where it sits and its heading's and prompt's resource keys.</summary>
    public sealed record Frame(double X, double Y, double Width, double Height, string Heading, string Prompt);

    /// <summary>A step of a template's agenda: its title's resource key, kind and minutes.</summary>
    public sealed record Step(string Title, SessionStepKind Kind, int Minutes);

    /// <summary>A template: its key (resources <c>Tpl_{Key}</c> and <c>Tpl_{Key}_Lead</c>), board and agenda.</summary>
    public sealed record Template(string Key, IReadOnlyList<Frame> Frames, IReadOnlyList<Step> Steps);

    private static readonly Step Intro = new("TplStep_Intro", SessionStepKind.Present, 5);
    private static readonly Step Group = new("TplStep_Group", SessionStepKind.Cluster, 10);
    private static readonly Step Vote = new("TplStep_Vote", SessionStepKind.Vote, 5);
    private static readonly Step WrapUp = new("TplStep_WrapUp", SessionStepKind.WrapUp, 10);

    /// <summary>Every built-in template, in the order the picker offers them.</summary>
    public static readonly IReadOnlyList<Template> All =
    [
        new("ProblemTree",
            [new(0, 0, 1400, 400, "Tpl_ProblemTree_Effects", "Tpl_ProblemTree_EffectsPrompt"), new(300, 450, 800, 250, "Tpl_ProblemTree_Problem", "Tpl_ProblemTree_ProblemPrompt"), new(0, 750, 1400, 400, "Tpl_ProblemTree_Causes", "Tpl_ProblemTree_CausesPrompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.Brainstorm, 15), Group, Vote, WrapUp]),
        new("StakeholderMap",
            [new(0, 0, 700, 500, "Tpl_Stakeholders_KeepSatisfied", "Tpl_Stakeholders_Prompt"), new(750, 0, 700, 500, "Tpl_Stakeholders_ManageClosely", "Tpl_Stakeholders_Prompt"), new(0, 550, 700, 500, "Tpl_Stakeholders_Monitor", "Tpl_Stakeholders_Prompt"), new(750, 550, 700, 500, "Tpl_Stakeholders_KeepInformed", "Tpl_Stakeholders_Prompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.Brainstorm, 15), new("TplStep_Group", SessionStepKind.Cluster, 15), new("TplStep_Discuss", SessionStepKind.Discuss, 15), WrapUp]),
        new("HowMightWe",
            [new(0, 0, 600, 500, "Tpl_Hmw_Challenge", "Tpl_Hmw_ChallengePrompt"), new(650, 0, 600, 500, "Tpl_Hmw_Questions", "Tpl_Hmw_QuestionsPrompt"), new(1300, 0, 800, 500, "Tpl_Hmw_Ideas", "Tpl_Hmw_IdeasPrompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.PrivateBrainstorm, 10), Group, Vote, WrapUp]),
        new("ImpactEffort",
            [new(0, 0, 700, 500, "Tpl_Matrix_QuickWins", "Tpl_Matrix_Prompt"), new(750, 0, 700, 500, "Tpl_Matrix_BigBets", "Tpl_Matrix_Prompt"), new(0, 550, 700, 500, "Tpl_Matrix_FillIns", "Tpl_Matrix_Prompt"), new(750, 550, 700, 500, "Tpl_Matrix_MoneyPits", "Tpl_Matrix_Prompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.Brainstorm, 10), new("TplStep_Group", SessionStepKind.Cluster, 15), Vote, WrapUp]),
        new("JourneyMap",
            [new(0, 0, 500, 600, "Tpl_Journey_Before", "Tpl_Journey_Prompt"), new(550, 0, 500, 600, "Tpl_Journey_During", "Tpl_Journey_Prompt"), new(1100, 0, 500, 600, "Tpl_Journey_After", "Tpl_Journey_Prompt"), new(0, 650, 1600, 300, "Tpl_Journey_Pains", "Tpl_Journey_PainsPrompt"), new(0, 1000, 1600, 300, "Tpl_Journey_Chances", "Tpl_Journey_ChancesPrompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.Brainstorm, 20), new("TplStep_Discuss", SessionStepKind.Discuss, 15), Vote, new("TplStep_WrapUp", SessionStepKind.WrapUp, 5)]),
        new("Retrospective",
            [new(0, 0, 600, 700, "Tpl_Retro_Start", "Tpl_Retro_Prompt"), new(650, 0, 600, 700, "Tpl_Retro_Stop", "Tpl_Retro_Prompt"), new(1300, 0, 600, 700, "Tpl_Retro_Continue", "Tpl_Retro_Prompt")],
            [Intro, new("TplStep_Ideas", SessionStepKind.PrivateBrainstorm, 10), Group, Vote, WrapUp]),
    ];

    /// <summary>The template with <paramref name="key"/>, if any.</summary>
    public static Template? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    /// <summary>The template's agenda in the current language.</summary>
    public static IReadOnlyList<SessionStepRequest> Agenda(Template template, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(l);
        return [.. template.Steps.Select(s => new SessionStepRequest(l[s.Title], null, s.Minutes, s.Kind))];
    }

    /// <summary>The template's board layout in the current language: each frame with its heading, and a prompt note inside it.</summary>
    public static BoardExport Board(Template template, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(l);
        var elements = new List<BoardElement>();
        var z = 0;
        foreach (var (frame, i) in template.Frames.Select((f, i) => (f, i)))
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"tpl-frame-{i + 1}");
            elements.Add(new BoardElement(id, ElementKind.Frame, frame.X, frame.Y, frame.Width, frame.Height, z++, "#ffffff", l[frame.Heading], null, null, null, string.Empty, default, default));
            elements.Add(new BoardElement(string.Create(CultureInfo.InvariantCulture, $"tpl-prompt-{i + 1}"), ElementKind.Note, frame.X + 30, frame.Y + 60, 200, 120, z++, "#fff59d", l[frame.Prompt], null, null, null, string.Empty, default, default));
        }

        return new BoardExport(BoardExport.FormatName, 1, l["Tpl_" + template.Key], default, 0, elements);
    }

    /// <summary>The value a saved template has in the picker (built-in ones use their key).</summary>
    public static string PickerValue(WorkshopTemplateView saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return "saved:" + saved.Id;
    }

    /// <summary>A saved template's agenda, as its author kept it (titles and instructions in the words they were written in).</summary>
    public static IReadOnlyList<SessionStepRequest> Agenda(WorkshopTemplateView saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return [.. saved.Steps.Select(s => new SessionStepRequest(s.Title, s.Instructions.Length > 0 ? s.Instructions : null, s.Minutes, s.Kind))];
    }

    /// <summary>A saved template's board layout: each frame with its title, and the notes and texts that were inside it.</summary>
    public static BoardExport Board(WorkshopTemplateView saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var elements = new List<BoardElement>();
        var z = 0;
        foreach (var (frame, i) in saved.Frames.Select((f, i) => (f, i)))
        {
            elements.Add(new BoardElement(string.Create(CultureInfo.InvariantCulture, $"tpl-frame-{i + 1}"), ElementKind.Frame, frame.X, frame.Y, frame.Width, frame.Height, z++, frame.Color, frame.Title, null, null, null, string.Empty, default, default));
        }

        // Every note above every frame, so a nested frame never hides a note of the frame around it.
        foreach (var (frame, i) in saved.Frames.Select((f, i) => (f, i)))
        {
            foreach (var (note, j) in frame.Notes.Select((n, j) => (n, j)))
            {
                elements.Add(new BoardElement(string.Create(CultureInfo.InvariantCulture, $"tpl-note-{i + 1}-{j + 1}"), note.Kind, note.X, note.Y, note.Width, note.Height, z++, note.Color, note.Text, null, null, null, string.Empty, default, default));
            }
        }

        return new BoardExport(BoardExport.FormatName, 1, saved.Name, default, 0, elements);
    }
}
