namespace Climaborough.Server.Realtime;

using System.Threading.RateLimiting;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

/// <summary>Board methods of the hub: signed-in users only; the user is always the authenticated one.</summary>
public sealed partial class LiveHub
{
    private const string RateLimiterKey = "board-ops-limiter";
    private const string PresenceKey = "presence-last";

    [Authorize]
    public async Task<BoardJoin> JoinBoard(string boardId, long lastSeq)
    {
        var board = await ExistingBoardAsync(boardId);
        if (await LabOfAsync(boardId) is { } labId
            && !await grains.GetGrain<IWorkspaceGrain>(labId).AllowsAsync(await Endpoints.LabsApi.ActorAsync(Context.User, grains), LabAction.Read))
        {
            // Not told apart from a board that does not exist.
            throw new HubException($"{HubErrorCodes.NotFound}: there is no board '{boardId}'.");
        }

        var topic = TopicNames.Board(boardId);
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        await subscriptions.WatchAsync(Context.ConnectionId, topic);
        var me = new Participant(Context.ConnectionId, UserId, CurrentUser.Name(Context.User), string.Empty, null, null, []);
        return await board.JoinAsync(lastSeq, me);
    }

    [Authorize]
    public async Task LeaveBoard(string boardId)
    {
        var board = await ExistingBoardAsync(boardId);
        var topic = TopicNames.Board(boardId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
        await subscriptions.UnwatchAsync(Context.ConnectionId, topic);
        await board.LeaveAsync(Context.ConnectionId);
    }

    [Authorize]
    public async Task<EditResult> Edit(string boardId, BoardEdit edit)
    {
        if (Throttled() is { } refused)
        {
            return refused;
        }

        if (edit is null || edit.Changes is null)
        {
            return new EditResult(false, null, ErrorCode: BoardErrorCodes.Invalid, Error: "An edit has a client id, a client sequence number and changes.");
        }

        if (await MayContributeAsync(boardId) is { } forbidden)
        {
            return forbidden;
        }

        var result = NotFoundAsError(boardId, await BoardFor(boardId).EditAsync(UserId, edit));
        var notes = edit.Changes.Count(c => c.Type == ChangeType.Create && c.Element?.Kind == ElementKind.Note);
        if (result.Ok && !result.Duplicate && notes > 0 && await BoardLabAsync(boardId) is { LabId: { } labId } board)
        {
            // The lab's activity feed: "Maria added 12 notes to 'Traffic co-design'".
            await grains.GetGrain<IWorkspaceGrain>(labId).RecordAsync(new Actor(UserId, CurrentUser.Name(Context.User), null), "added-notes", [notes.ToString(System.Globalization.CultureInfo.InvariantCulture), board.Title]);
        }

        return result;
    }

    [Authorize]
    public async Task<EditResult> Undo(string boardId, string clientId, long clientSeq) =>
        Throttled() ?? await MayContributeAsync(boardId) ?? NotFoundAsError(boardId, await BoardFor(boardId).UndoAsync(UserId, clientId, clientSeq));

    [Authorize]
    public async Task<EditResult> Redo(string boardId, string clientId, long clientSeq) =>
        Throttled() ?? await MayContributeAsync(boardId) ?? NotFoundAsError(boardId, await BoardFor(boardId).RedoAsync(UserId, clientId, clientSeq));

    [Authorize]
    public async Task<EditResult> RestoreVersion(string boardId, string clientId, long clientSeq, long versionSeq) =>
        Throttled() ?? await MayContributeAsync(boardId) ?? NotFoundAsError(boardId, await BoardFor(boardId).RestoreVersionAsync(UserId, clientId, clientSeq, versionSeq));

    /// <summary>The lab a board belongs to and the board's title, read once per connection (joining reads them anyway).</summary>
    private async Task<BoardLab> BoardLabAsync(string boardId)
    {
        if (Context.Items.TryGetValue(LabKey(boardId), out var known) && known is BoardLab cached)
        {
            return cached;
        }

        var info = BoardIds.IsValid(boardId) ? await grains.GetGrain<IBoardGrain>(boardId).GetInfoAsync() : null;
        var found = new BoardLab(info?.LabId, info?.Title ?? boardId);
        Context.Items[LabKey(boardId)] = found;
        return found;
    }

    private async Task<string?> LabOfAsync(string boardId) => (await BoardLabAsync(boardId)).LabId;

    private static string LabKey(string boardId) => "lab-of:" + boardId;

    /// <summary>What the hub remembers of a board per connection.</summary>
    private sealed record BoardLab(string? LabId, string Title);

    /// <summary>On a lab's board, editing needs the member role there (checked live, on every op); <c>null</c> when allowed.</summary>
    private async Task<EditResult?> MayContributeAsync(string boardId) =>
        await LabOfAsync(boardId) is { } labId && !await grains.GetGrain<IWorkspaceGrain>(labId).AllowsAsync(new Actor(UserId, string.Empty, null), LabAction.Contribute)
            ? new EditResult(false, null, ErrorCode: BoardErrorCodes.Forbidden, Error: "Editing this board needs the member role in its living lab.")
            : null;

    [Authorize]
    public async Task UpdatePresence(string boardId, PresenceUpdate presence)
    {
        if (presence is null || !BoardIds.IsValid(boardId))
        {
            return;
        }

        // At most 20 a second reach the grain; clients repeat their position at least every 2 s.
        var now = Environment.TickCount64;
        if (Context.Items.TryGetValue(PresenceKey, out var last) && now - (long)last! < 1000 / BoardLimits.PresencePerSecond)
        {
            return;
        }

        Context.Items[PresenceKey] = now;
        var me = new Participant(Context.ConnectionId, UserId, CurrentUser.Name(Context.User), string.Empty, presence.CursorX, presence.CursorY, presence.Selection ?? [], presence.View);
        await grains.GetGrain<IBoardGrain>(boardId).UpdatePresenceAsync(me);
    }

    private string UserId => Context.UserIdentifier ?? throw new HubException($"{BoardErrorCodes.Forbidden}: sign in first.");

    /// <summary>The board's grain, without asking first whether it exists: its ops answer not-found themselves (one grain call per op, not two).</summary>
    private IBoardGrain BoardFor(string boardId) =>
        BoardIds.IsValid(boardId)
            ? grains.GetGrain<IBoardGrain>(boardId)
            : throw new HubException($"{HubErrorCodes.InvalidArgument}: a board id is 3 to 64 lower-case letters, digits or dashes.");

    /// <summary>An op on a board that does not exist is a hub error, like joining one.</summary>
    private static EditResult NotFoundAsError(string boardId, EditResult result) =>
        result.ErrorCode == BoardErrorCodes.NoSuchBoard
            ? throw new HubException($"{HubErrorCodes.NotFound}: there is no board '{boardId}'.")
            : result;

    private async Task<IBoardGrain> ExistingBoardAsync(string boardId)
    {
        var board = BoardFor(boardId);
        var info = await board.GetInfoAsync() ?? throw new HubException($"{HubErrorCodes.NotFound}: there is no board '{boardId}'.");
        Context.Items[LabKey(boardId)] = new BoardLab(info.LabId, info.Title);
        return board;
    }

    /// <summary>A token bucket per connection: a flooding client is refused, others are not slowed.</summary>
    private EditResult? Throttled()
    {
        if (!Context.Items.TryGetValue(RateLimiterKey, out var value) || value is not TokenBucketRateLimiter limiter)
        {
            var perSecond = Math.Max(10, boardOptions.Value.OpsPerSecondPerConnection);
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2,
                TokensPerPeriod = perSecond / 10,
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            Context.Items[RateLimiterKey] = limiter;
        }

        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired
            ? null
            : new EditResult(false, null, ErrorCode: BoardErrorCodes.RateLimited, Error: $"More than {boardOptions.Value.OpsPerSecondPerConnection} ops a second; slow down.");
    }
}
