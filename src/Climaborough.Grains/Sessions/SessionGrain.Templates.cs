namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// A workshop started from a template: the template's board layout becomes a new board of the lab (the board
/// grain's import validates every element), then the workshop is prepared on it. The moderator role and the
/// workshop's fields are checked first, so a refused request makes no board.
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
}
