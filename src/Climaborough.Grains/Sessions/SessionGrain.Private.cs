namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Microsoft.Extensions.Logging;

/// <summary>The session's side of a private brainstorm: it tells its board when a private step runs, and reveals on the moderator's word.</summary>
public sealed partial class SessionGrain : ISessionPrivacyGrain
{
    public async Task<Outcome<EditResult>> RevealAsync(Actor actor, string labId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefuseAsync(actor, labId, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (S.BoardId is not { } boardId)
        {
            return new Outcome<EditResult>(new EditResult(true, null)); // no board, nothing private: revealing changes nothing
        }

        var result = await GrainFactory.GetGrain<IBoardPrivacyGrain>(boardId).RevealAsync(actor, Id);
        return result.Ok ? new Outcome<EditResult>(result) : new Refusal(result.ErrorCode == ErrorCodes.NoSuchBoard ? ErrorCodes.Conflict : result.ErrorCode ?? ErrorCodes.Unavailable, result.Error ?? "The board did not reveal.");
    }

    /// <summary>Whether the current step is a running (or paused) private brainstorm.</summary>
    private bool InPrivateStep =>
        S.Phase is SessionPhase.Running or SessionPhase.Paused && S.CurrentStep >= 0 && S.CurrentStep < S.Steps.Count
        && S.Steps[S.CurrentStep].Kind == SessionStepKind.PrivateBrainstorm;

    /// <summary>
    /// After a control command: opens or closes the board's private round when a private step was entered or left.
    /// The moderator's own access is what the board checks. A board that fails is logged; the next command tries again,
    /// since the board keeps the round it has and this compares with the step, not with what was sent last.
    /// </summary>
    private async Task SyncPrivateRoundAsync(Actor actor, bool wasPrivate)
    {
        var isPrivate = InPrivateStep;
        if (S.BoardId is not { } boardId || (wasPrivate == isPrivate && !isPrivate))
        {
            return;
        }

        try
        {
            var answer = await GrainFactory.GetGrain<IBoardPrivacyGrain>(boardId).SetPrivateAsync(actor, Id, isPrivate);
            if (!answer.Ok)
            {
                logger.LogWarning("Session {SessionId}: board {BoardId} refused the private round: {Message}", Id, boardId, answer.Message);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId}: board {BoardId} did not take the private round", Id, boardId);
        }
    }
}
