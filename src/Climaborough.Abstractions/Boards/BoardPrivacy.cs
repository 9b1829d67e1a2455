namespace Climaborough.Abstractions.Boards;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;

/// <summary>
/// A board's private brainstorm (issue 13, part 4), on the same activation as <see cref="IBoardGrain"/>. The session
/// grain opens and closes the round as its steps run; the board decides, on every op and every read, who sees a
/// private element: its author and the lab's facilitators (moderators and owners), nobody else. Every method asks
/// the board's lab first, like <see cref="IBoardGrain"/>.
/// </summary>
public interface IBoardPrivacyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens (new elements are private to their author) or closes (new elements are public again; those made
    /// private stay so until the reveal) the private round of <paramref name="sessionId"/>. Moderators of the lab.
    /// </summary>
    Task<Outcome<PrivateNotesView>> SetPrivateAsync(Actor actor, string sessionId, bool open);

    /// <summary>Reveals every private element that is not deleted, as one durable op (moderators); closes the round.</summary>
    Task<EditResult> RevealAsync(Actor actor, string sessionId);

    /// <summary>The private round as <paramref name="actor"/> may see it (readers).</summary>
    Task<Outcome<PrivateNotesView>> PrivateNotesAsync(Actor? actor);
}

/// <summary>The private round of a board, stored in <see cref="BoardState"/> (ids 40-49 are this feature's).</summary>
public sealed partial class BoardState
{
    /// <summary>The current or last private round (null: there never was one).</summary>
    [Id(40)] public PrivateRound? Private { get; set; }

    /// <summary>
    /// Private elements by id, as of the last state write; ops in the log after the latest snapshot add to it
    /// when replayed (the round says which sequence numbers were private), and a replayed reveal clears it.
    /// </summary>
    [Id(41)] public Dictionary<string, PrivateMark> PrivateMarks { get; set; } = [];
}

/// <summary>A private round: new elements of ops after <see cref="OpenedAfter"/> (up to <see cref="ClosedAfter"/>) are private.</summary>
[GenerateSerializer, Alias("climaborough.board-private-round.v1")]
public sealed class PrivateRound
{
    /// <summary>The workshop that opened it.</summary>
    [Id(0)] public string SessionId { get; set; } = string.Empty;

    /// <summary>The last sequence number assigned before it opened.</summary>
    [Id(1)] public long OpenedAfter { get; set; }

    /// <summary>The last sequence number assigned before it closed (null: open).</summary>
    [Id(2)] public long? ClosedAfter { get; set; }
}

/// <summary>Who a private element belongs to.</summary>
[GenerateSerializer, Alias("climaborough.board-private-mark.v1")]
public sealed class PrivateMark
{
    /// <summary>The author's account.</summary>
    [Id(0)] public string AuthorId { get; set; } = string.Empty;

    /// <summary>The author's display name (for "Ivan: 4 notes").</summary>
    [Id(1)] public string AuthorName { get; set; } = string.Empty;

    /// <summary>Deleted before the reveal: a discarded draft, never revealed and never changed again.</summary>
    [Id(2)] public bool Discarded { get; set; }

    /// <summary>The reveal op's sequence number: from it on (in ops, snapshots and reads) the element is everyone's.</summary>
    [Id(3)] public long? RevealedAt { get; set; }
}

/// <summary>
/// Durable ops of a board while some are private. <see cref="Public"/> has every op with the changes to private
/// elements left out (an op of only private changes keeps its number with no changes, so nobody sees a gap);
/// facilitators' connections get <see cref="Full"/>, and each author's connections <see cref="ByAuthor"/>.
/// The node routes by the watchers it holds: no grain call per connection.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.board-private-ops-applied.v1")]
public sealed record BoardPrivateOpsApplied(
    string Topic,
    [property: Id(0)] string BoardId,
    [property: Id(1)] IReadOnlyList<AppliedOp> Public,
    [property: Id(2)] IReadOnlyList<AppliedOp> Full,
    [property: Id(3)] Dictionary<string, IReadOnlyList<AppliedOp>> ByAuthor) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override async Task DeliverAsync(ILiveAudience audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var special = audience.WatchersOf(Topic).Where(w => w.Facilitator || (w.UserId is not null && ByAuthor.ContainsKey(w.UserId))).ToList();
        await audience.WatchersExcept(Topic, [.. special.Select(w => w.ConnectionId)]).BoardOps(BoardId, Public);
        foreach (var w in special)
        {
            await audience.Connection(w.ConnectionId).BoardOps(BoardId, w.Facilitator ? Full : ByAuthor[w.UserId!]);
        }
    }
}

/// <summary>
/// The counters of a board's private round changed. Everyone gets <see cref="Public"/> (counts only); facilitators
/// get it with every mark, each author with their own marks.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.board-private-notes-changed.v1")]
public sealed record PrivateNotesChanged(
    string Topic,
    [property: Id(0)] string BoardId,
    [property: Id(1)] PrivateNotesView Public,
    [property: Id(2)] IReadOnlyList<PrivateNoteMark> Marks) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override async Task DeliverAsync(ILiveAudience audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var authors = Marks.Select(m => m.AuthorId).ToHashSet(StringComparer.Ordinal);
        var special = audience.WatchersOf(Topic).Where(w => w.Facilitator || (w.UserId is not null && authors.Contains(w.UserId))).ToList();
        await audience.WatchersExcept(Topic, [.. special.Select(w => w.ConnectionId)]).PrivateNotesChanged(BoardId, Public);
        foreach (var w in special)
        {
            var visible = w.Facilitator ? Marks : [.. Marks.Where(m => m.AuthorId == w.UserId)];
            await audience.Connection(w.ConnectionId).PrivateNotesChanged(BoardId, Public with { Facilitator = w.Facilitator, Visible = visible });
        }
    }
}
