namespace Climaborough.Web.Tests;

using Climaborough.Contracts;

/// <summary>The fake hub's part for other people's edits: ops that another client made, in the board's order.</summary>
public sealed partial class FakeLiveConnection
{
    /// <summary>Broadcasts an op of another person's client, as the hub does after it is durable.</summary>
    public void RaiseOthersEdit(string boardId, string userId, params ElementChange[] changes) =>
        BoardOps?.Invoke(boardId, [new AppliedOp(++serverSeq, "other-client", serverSeq, userId, DateTimeOffset.UnixEpoch, OpKind.Edit, changes)]);
}
