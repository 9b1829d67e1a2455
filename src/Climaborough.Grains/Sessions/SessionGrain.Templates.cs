namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>
/// A workshop started from a template: the template's board layout becomes a new board of the lab (the board
/// grain's import validates every element), then the workshop is prepared on it. The moderator role and the
/// workshop's fields are checked first, so a refused request makes no board. And the other way: a workshop saved
/// as a template of the network (its agenda and its board's frames with the notes inside them).
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<Outcome<SessionView>> CreateFromTemplateAsync(Actor actor, string labId, SessionFromTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = LabIds.IsValid(labId) ? await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor) : LabAccess.None;
        if (access.Refuse(LabAction.Moderate, "There is no such lab.", "Preparing a workshop needs the moderator role in this lab.") is { } refused)
        {
            return refused;
        }

        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This session exists already.");
        }

        if (request?.Session is null || request.Board is null)
        {
            return new Refusal(ErrorCodes.Invalid, "session and board: both are needed.");
        }

        if (Invalid(request.Session with { BoardId = null }) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        var boardId = BoardIds.New();
        var imported = await GrainFactory.GetGrain<IBoardGrain>(boardId).ImportAsync(actor, request.BoardTitle ?? string.Empty, labId, request.Board);
        if (!imported.Ok)
        {
            return new Refusal(ErrorCodes.Invalid, "board: " + imported.Message);
        }

        return await CreateAsync(actor, labId, request.Session with { BoardId = boardId });
    }

    public async Task<Outcome<WorkshopTemplateView>> SaveAsTemplateAsync(Actor actor, string labId, SaveTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused.Code == ErrorCodes.Forbidden ? refused with { Message = "Saving a workshop as a template needs the moderator role in this lab." } : refused;
        }

        if (WorkshopTemplateRules.Problem(request) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        IReadOnlyList<TemplateFrameView> frames = [];
        if (S.BoardId is { } boardId)
        {
            // Read with the moderator's own access; a facilitator sees private notes, so those the board still keeps
            // private are left out by id (read after the export: a note made private later is not in the export).
            var board = GrainFactory.GetGrain<IBoardGrain>(boardId);
            var export = await board.ExportAsync(actor);
            if (!export.Ok)
            {
                return new Refusal(ErrorCodes.Conflict, "The workshop's board cannot be read: " + export.Message);
            }

            var privateNotes = await GrainFactory.GetGrain<IBoardPrivacyGrain>(boardId).PrivateNotesAsync(actor);
            var hidden = new HashSet<string>(privateNotes.Value?.Visible.Select(m => m.ElementId) ?? [], StringComparer.Ordinal);
            frames = WorkshopTemplateRules.Layout(export.Value!.Elements, hidden);
        }

        var steps = S.Steps.Select(s => new TemplateStepView(s.Title, s.Kind, Math.Clamp((int)Math.Round(s.Duration.TotalMinutes), 1, SessionLimits.MaxStepMinutes), s.Instructions)).ToList();
        var draft = new WorkshopTemplateDraft(request.RequestId, request.Name.Trim(), (request.Description ?? string.Empty).Trim(), steps, frames);
        return await GrainFactory.GetGrain<IWorkshopTemplatesGrain>(IWorkshopTemplatesGrain.NetworkKey).AddAsync(actor, labId, Id, draft);
    }
}
