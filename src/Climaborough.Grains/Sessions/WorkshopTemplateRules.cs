namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>
/// What a saved template is made of and what it may hold: the session checks the request before it reads its board, the
/// templates grain checks the draft again before it keeps it. <see cref="Layout"/> takes from a board only what a template
/// is: frames with their titles, and the notes and texts inside them.
/// </summary>
public static class WorkshopTemplateRules
{
    /// <summary>The problem with a save request (one line naming the field), or null.</summary>
    public static string? Problem(SaveTemplateRequest? request)
    {
        if (request is null || !RequestIds.IsValid(request.RequestId))
        {
            return "requestId: 8 to 64 letters, digits, '-' or '_'.";
        }

        return NameProblem(request.Name, request.Description);
    }

    /// <summary>The problem with a draft, or null.</summary>
    public static string? Problem(WorkshopTemplateDraft? draft)
    {
        if (draft is null || !RequestIds.IsValid(draft.RequestId))
        {
            return "requestId: 8 to 64 letters, digits, '-' or '_'.";
        }

        if (NameProblem(draft.Name, draft.Description) is { } problem)
        {
            return problem;
        }

        if (draft.Steps is not { Count: >= 1 and <= SessionLimits.MaxSteps } || draft.Steps.Any(s => s is null || s.Minutes is < 1 or > SessionLimits.MaxStepMinutes))
        {
            return $"steps: 1 to {SessionLimits.MaxSteps} steps of 1 to {SessionLimits.MaxStepMinutes} minutes.";
        }

        if (draft.Frames is not { Count: <= WorkshopTemplateLimits.MaxFrames } || draft.Frames.Any(f => f?.Notes is not { Count: <= WorkshopTemplateLimits.MaxNotesPerFrame }))
        {
            return $"frames: at most {WorkshopTemplateLimits.MaxFrames}, each with at most {WorkshopTemplateLimits.MaxNotesPerFrame} notes.";
        }

        return null;
    }

    private static string? NameProblem(string? name, string? description)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > WorkshopTemplateLimits.MaxNameLength)
        {
            return $"name: 1 to {WorkshopTemplateLimits.MaxNameLength} characters.";
        }

        if (TextRules.HasControlCharacters(name))
        {
            return "name: no control characters.";
        }

        if (description is { Length: > WorkshopTemplateLimits.MaxDescriptionLength })
        {
            return $"description: at most {WorkshopTemplateLimits.MaxDescriptionLength} characters.";
        }

        return TextRules.HasControlCharacters(description) ? "description: no control characters." : null;
    }

    /// <summary>
    /// The layout of a board for a template: its frames (the first <see cref="WorkshopTemplateLimits.MaxFrames"/>, top to
    /// bottom, left to right) with their titles, and in each the notes and texts with words that lie inside it (a note in
    /// nested frames goes to the smallest), moved so that the layout's top-left corner is 0, 0. Elements in
    /// <paramref name="hidden"/> (private notes not yet revealed) and everything else (shapes, connectors, images, votes,
    /// authors) stay behind.
    /// </summary>
    public static IReadOnlyList<TemplateFrameView> Layout(IEnumerable<BoardElement> elements, IReadOnlySet<string> hidden)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(hidden);
        var live = elements.Where(e => !e.Deleted && !hidden.Contains(e.Id)).ToList();
        var frames = BoardGeometry.ReadingOrder(live.Where(e => e.Kind == ElementKind.Frame))
            .Take(WorkshopTemplateLimits.MaxFrames)
            .ToList();
        if (frames.Count == 0)
        {
            return [];
        }

        var notes = live.Where(e => e.Kind is ElementKind.Note or ElementKind.Text && e.Text.Trim().Length > 0)
            .Select(e => (Note: e, Frame: BoardGeometry.HoldingFrame(e, frames)))
            .Where(p => p.Frame is not null)
            .ToList();
        var (left, top) = (frames.Min(f => f.X), frames.Min(f => f.Y));
        return [.. frames.Select(f => new TemplateFrameView(f.X - left, f.Y - top, f.Width, f.Height, f.Color, f.Text.Trim(),
            [.. BoardGeometry.ReadingOrder(notes.Where(p => ReferenceEquals(p.Frame, f)).Select(p => p.Note))
                .Take(WorkshopTemplateLimits.MaxNotesPerFrame)
                .Select(n => new TemplateNoteView(n.Kind, n.X - left, n.Y - top, n.Width, n.Height, n.Color, n.Text.Trim()))]))];
    }
}
