namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;

/// <summary>
/// Facilitator locks: what the lab's moderators lock for participants (the whole board, elements, frames with
/// what lies inside them). Enforced on every op: an op of anyone who does not moderate the lab that touches a
/// locked element, before or after the op (a move into a locked frame, a frame's move dragging a locked note),
/// is refused whole with <c>element-locked</c>, and nothing changes.
/// </summary>
public sealed partial class BoardGrain
{
    private FacilitatorLocks? CurrentLocks =>
        state.State.FacilitatorBoardLock || state.State.FacilitatorLockedElements.Count > 0
            ? new FacilitatorLocks(state.State.FacilitatorBoardLock, [.. state.State.FacilitatorLockedElements])
            : null;

    public async Task<EditResult> SetFacilitatorLocksAsync(Actor actor, FacilitatorLocks locks)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AccessAsync(actor);
        if (EditRefusal(access, LabAction.Read) is { } refused)
        {
            return refused;
        }

        if (state.State.LabId is null || !access.Moderate)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.Forbidden, Error: "Only the owners and moderators of the board's living lab lock things for participants.");
        }

        if (locks?.ElementIds is null)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.InvalidOp, Error: "Locks have a board flag and a list of element ids.");
        }

        var ids = locks.ElementIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > FacilitationLimits.MaxLockedElements)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.LimitExceeded, Error: $"At most {FacilitationLimits.MaxLockedElements} elements are locked one by one; lock the board or a frame instead.");
        }

        if (ids.FirstOrDefault(id => !BoardModel.IsValidId(id) || !model.Elements.TryGetValue(id, out var e) || e.Deleted) is { } unknown)
        {
            return new EditResult(false, null, ErrorCode: ErrorCodes.UnknownElement, Error: $"This board has no element '{unknown}'.");
        }

        state.State.FacilitatorBoardLock = locks.Board;
        state.State.FacilitatorLockedElements = ids;
        await state.WriteStateAsync();
        Watchers.Publish(new BoardChanged(Topic, Info()));
        return new EditResult(true, log.DurableSeq);
    }

    /// <summary>
    /// Whether the actor is exempt from facilitator locks: asked of the lab only while something is locked (no extra
    /// call otherwise). Called before the op's synchronous turn, so that turn still checks the locks as they are then.
    /// </summary>
    private async ValueTask<bool> FacilitatesAsync(Actor actor, OpKind kind) =>
        kind == OpKind.Import || (CurrentLocks is not null && (await AccessAsync(actor)).Moderate);

    /// <summary>The refusal of an op that touches a locked element, or null; in the op's own turn, against the state it applies to.</summary>
    private EditResult? LockRefusal(PreparedOp prepared)
    {
        var locks = CurrentLocks;
        if (locks is null)
        {
            return null;
        }

        foreach (var (id, before) in prepared.Befores)
        {
            var after = prepared.Afters.GetValueOrDefault(id);
            if ((before is not null && LockRules.IsLocked(locks, before, model.Elements)) || (after is not null && LockRules.IsLocked(locks, after, model.Elements)))
            {
                return new EditResult(false, null, ErrorCode: ErrorCodes.ElementLocked, Error: locks.Board ? "A facilitator locked this board for participants." : $"A facilitator locked '{id}' for participants.");
            }
        }

        return null;
    }
}
