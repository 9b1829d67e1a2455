namespace Climaborough.Server.Realtime;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Comments;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Authorization;

/// <summary>A board's comments on the hub (<see cref="ICommentsHub"/>): following them needs read access to the board.</summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a board's comment threads live (readers of the board); answers them.</summary>
    [Authorize]
    public async Task<BoardCommentsView> WatchComments(string boardId)
    {
        var board = BoardFor(boardId);
        var actor = await SignedInActorAsync();
        var info = Found(boardId, await board.ViewAsync(actor));

        // Subscribed before reading, so no change falls between the answer and the first event; the
        // board's lab guards the watch like the board's own.
        var topic = TopicNames.Comments(boardId);
        await StartWatchingAsync(topic, info.LabId);
        var listed = await grains.GetGrain<IBoardCommentsGrain>(boardId).ListAsync(actor);
        if (listed.Value is not { } comments)
        {
            await StopWatchingAsync(topic);
            throw NoSuchBoard(boardId);
        }

        return comments;
    }

    /// <summary>Stops following a board's comments; answers the same whether or not it was followed.</summary>
    [Authorize]
    public async Task UnwatchComments(string boardId)
    {
        if (BoardIds.IsValid(boardId))
        {
            await StopWatchingAsync(TopicNames.Comments(boardId));
        }
    }
}
