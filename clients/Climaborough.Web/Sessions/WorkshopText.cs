namespace Climaborough.Web.Sessions;

using System.Globalization;
using System.Text;
using Climaborough.Contracts;
using Microsoft.Extensions.Localization;

/// <summary>
/// A workshop's record written out in the reader's language: the Markdown minutes (shown on the lab and
/// downloaded as a .md file) and the fields of a draft lesson learned. The words come from the resources;
/// what people typed (titles, notes, decisions) is escaped where it sits inline, so it stays text.
/// </summary>
public static class WorkshopText
{
    /// <summary>The minutes of <paramref name="outcome"/> as Markdown.</summary>
    public static string Minutes(SessionOutcomeView outcome, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(l);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Inline(outcome.Title)).AppendLine();
        if (outcome.StartedAt is { } started)
        {
            md.Append('*').Append(Format(l["MinutesHeld"], When(started), outcome.EndedAt is { } end ? When(end) : "…")).AppendLine("*");
        }
        else
        {
            md.Append('*').Append(l["MinutesNeverStarted"]).AppendLine("*");
        }

        if (outcome.EndedBy is { Length: > 0 } by)
        {
            md.AppendLine().Append(Format(l["MinutesEndedBy"], Inline(by))).AppendLine();
        }

        md.AppendLine();
        if (outcome.Purpose.Trim().Length > 0)
        {
            md.Append("## ").AppendLine(l["MinutesPurpose"]).AppendLine().AppendLine(outcome.Purpose.Trim()).AppendLine();
        }

        md.Append("## ").AppendLine(l["MinutesAgenda"]).AppendLine();
        md.Append(Agenda(outcome, l)).AppendLine();

        md.Append("## ").AppendLine(l["MinutesTopItems"]).AppendLine();
        md.Append(TopItems(outcome, l)).AppendLine();

        foreach (var vote in outcome.Votes)
        {
            md.Append("## ").AppendLine(Format(l["MinutesVote"], Inline(vote.StepTitle))).AppendLine();
            md.Append(l.Plural("MinutesVoters", vote.Voters)).Append(" · ").AppendLine(l.Plural("MinutesDots", vote.DotsPlaced)).AppendLine();
            foreach (var r in vote.Ranking)
            {
                md.Append(CultureInfo.CurrentCulture, $"- **{r.Rank}.** ").Append(Inline(r.Text.Length > 0 ? r.Text : "—")).Append(" — ").Append(l.Plural("MinutesDots", r.Dots));
                md.AppendLine(r.Tied ? " (" + l["MinutesTie"] + ")" : string.Empty);
            }

            md.AppendLine();
        }

        md.Append("## ").AppendLine(l["MinutesAttendance"]).AppendLine();
        md.AppendLine(outcome.Attendance is { } a
            ? l.Plural("MinutesParticipants", a.Participants) + " · " + l.Plural("MinutesObservers", a.Observers)
            : l["MinutesAttendanceNotCounted"]).AppendLine();
        if (outcome.AsyncNotes > 0)
        {
            md.AppendLine(l.Plural("MinutesAsyncNotes", outcome.AsyncNotes)).AppendLine();
        }

        md.Append("## ").AppendLine(l["MinutesDecisions"]).AppendLine();
        md.AppendLine(outcome.Decisions.Trim().Length > 0 ? outcome.Decisions.Trim() : l["MinutesNoDecisions"]);
        return md.ToString();
    }

    /// <summary>The agenda as it ran: a numbered list with each step's kind, planned minutes and actual times.</summary>
    public static string Agenda(SessionOutcomeView outcome, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(l);
        var md = new StringBuilder();
        foreach (var step in outcome.Agenda)
        {
            var ran = step switch
            {
                { Skipped: true } => l["MinutesSkipped"].Value,
                { StartedAt: { } from, EndedAt: { } to } => Format(l["MinutesRan"], Clock(from), Clock(to), Math.Max(0, (int)Math.Round((to - from).TotalMinutes))),
                { StartedAt: { } from } => Format(l["MinutesRan"], Clock(from), "…", "…"),
                _ => l["MinutesNotRun"].Value,
            };
            md.Append(CultureInfo.CurrentCulture, $"{step.Index + 1}. **").Append(Inline(step.Title)).Append("** — ").Append(l["StepKind_" + step.Kind])
                .Append(" · ").Append(Format(l["MinutesPlanned"], step.PlannedMinutes)).Append(" · ").AppendLine(ran);
        }

        return md.ToString();
    }

    /// <summary>The top-voted items, a frame with its notes beneath. Ranks are written out (not a numbered list, which would renumber ties).</summary>
    public static string TopItems(SessionOutcomeView outcome, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(l);
        if (outcome.TopItems.Count == 0)
        {
            return l["MinutesNoTopItems"] + Environment.NewLine;
        }

        var md = new StringBuilder();
        foreach (var item in outcome.TopItems)
        {
            md.Append(CultureInfo.CurrentCulture, $"- **{item.Rank}.** ").Append(Inline(item.Text.Length > 0 ? item.Text : "—")).Append(" — ").Append(l.Plural("MinutesDots", item.Dots));
            md.AppendLine(item.Tied ? " (" + l["MinutesTie"] + ")" : string.Empty);
            foreach (var note in item.Notes)
            {
                md.Append("  - ").AppendLine(Inline(note));
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// A lesson learned prefilled from the record: context = the purpose, tried = the agenda, what happened =
    /// the top-voted items and the decisions, with links back to the workshop and its board.
    /// </summary>
    public static LessonRequest Lesson(SessionOutcomeView outcome, IStringLocalizer l, string theme)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(l);
        var links = new StringBuilder();
        links.Append(CultureInfo.InvariantCulture, $"[{Inline(l["DraftLessonWorkshopLink"])}](labs/{outcome.LabId}/sessions/{outcome.SessionId})");
        if (outcome.BoardId is { } board)
        {
            links.Append(" · ").Append(CultureInfo.InvariantCulture, $"[{Inline(l["DraftLessonBoardLink"])}](labs/{outcome.LabId}/boards/{board})");
        }

        var context = (outcome.Purpose.Trim().Length > 0 ? outcome.Purpose.Trim() + Environment.NewLine + Environment.NewLine : string.Empty) + links;
        var happened = TopItems(outcome, l);
        if (outcome.Decisions.Trim().Length > 0)
        {
            happened += Environment.NewLine + "**" + l["MinutesDecisions"] + "**" + Environment.NewLine + Environment.NewLine + outcome.Decisions.Trim() + Environment.NewLine;
        }

        var title = outcome.Title.Length > LessonLimits.MaxTitleLength ? outcome.Title[..LessonLimits.MaxTitleLength] : outcome.Title;
        return new LessonRequest(title, LessonKind.Lesson, Cut(context), Cut(Agenda(outcome, l)), Cut(happened), string.Empty, theme, [], outcome.BoardId, LessonVisibility.Network);
    }

    /// <summary>A file name for the minutes: the title's letters and digits, then the date.</summary>
    public static string FileName(SessionOutcomeView outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var name = new string([.. outcome.Title.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        var date = (outcome.EndedAt ?? outcome.StartedAt)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (name.Length > 0 ? name[..Math.Min(name.Length, 60)] : "workshop") + (date is null ? string.Empty : "-" + date) + ".md";
    }

    private static string Cut(string text) => text.Length > LessonLimits.MaxFieldLength ? text[..LessonLimits.MaxFieldLength] : text;

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    private static string When(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    private static string Clock(DateTimeOffset at) => at.ToLocalTime().ToString("t", CultureInfo.CurrentCulture);

    /// <summary>Typed text on one line, with Markdown's inline marks escaped so it shows as written.</summary>
    internal static string Inline(string? text)
    {
        var one = string.Join(' ', (text ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var sb = new StringBuilder(one.Length);
        foreach (var c in one)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '~')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
