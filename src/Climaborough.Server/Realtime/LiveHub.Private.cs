namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;

/// <summary>A workshop's private brainstorm on the hub: the board and the session grains decide; the hub only translates.</summary>
public sealed partial class LiveHub
{
    /// <summary>The private round of a board as the caller may see it (readers of the board).</summary>
    [Authorize]
    public async Task<PrivateNotesView> PrivateNotes(string boardId)
    {
        _ = BoardFor(boardId);
        var outcome = await grains.GetGrain<IBoardPrivacyGrain>(boardId).PrivateNotesAsync(await SignedInActorAsync());
        return outcome.Value ?? throw NoSuchBoard(boardId);
    }

    /// <summary>Reveals a workshop's private notes to everyone (moderators); answers once the reveal op is durable.</summary>
    [Authorize]
    public async Task<EditResult> RevealPrivateNotes(string labId, string sessionId)
    {
        if (!LabIds.IsValid(labId) || !SessionIds.IsValid(sessionId))
        {
            throw NoSuchSession(sessionId);
        }

        var outcome = await grains.GetGrain<ISessionPrivacyGrain>(sessionId).RevealAsync(await SignedInActorAsync(), labId);
        return outcome.Ok ? outcome.Value!
            : outcome.Code == ErrorCodes.NotFound ? throw NoSuchSession(sessionId)
            : new EditResult(false, null, ErrorCode: outcome.Code, Error: outcome.Message);
    }
}
