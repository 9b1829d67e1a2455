namespace Climaborough.Abstractions.Boards;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Orleans.Concurrency;

/// <summary>
/// One co-design board: the single writer of its elements. It orders every op, acknowledges an op only
/// once it is durable in the board's log, and only then broadcasts it (docs/architecture.md, "Boards (the board's contract)").
/// Board wire types live in <c>Climaborough.Contracts</c> and cross grain calls through Orleans'
/// System.Text.Json codec, so the log, snapshots, exports and the hub share one schema.
/// </summary>
[LiveTopic(TopicNames.BoardKind)]
public partial interface IBoardGrain : IGrainWithStringKey, ITopicGrain
{
    // Every method takes the acting person as the server authenticated them (null: nobody signed in) and
    // asks the board's lab (LabAccess) once, before anything else: who may not read the board gets
    // exactly the answer for a board that does not exist. A board outside any lab is unlisted: anyone
    // signed in who has its address may read and edit it (docs/security.md).

    /// <summary>Creates the board (in <paramref name="labId"/>: needs Contribute there, and lists it in the lab).</summary>
    Task<Outcome<BoardInfo>> CreateAsync(Actor actor, string title, string? labId);

    /// <summary>The board's metadata, if <paramref name="actor"/> may read it.</summary>
    Task<Outcome<BoardInfo>> ViewAsync(Actor? actor);

    /// <summary>What a client missed after <paramref name="lastSeq"/>, and registers its presence.</summary>
    Task<Outcome<BoardJoin>> JoinAsync(Actor actor, long lastSeq, Participant participant);

    /// <summary>The durable ops after <paramref name="afterSeq"/> (a joining client's catch-up once it is subscribed).</summary>
    Task<Outcome<IReadOnlyList<AppliedOp>>> OpsAfterAsync(Actor actor, long afterSeq);

    /// <summary>Removes a participant (a closed connection, or one that lost access).</summary>
    Task LeaveAsync(string sessionId);

    /// <summary>Applies a user's edit; completes once it is durable.</summary>
    Task<EditResult> EditAsync(Actor actor, BoardEdit edit);

    /// <summary>Undoes the user's last op, as a new op.</summary>
    Task<EditResult> UndoAsync(Actor actor, string clientId, long clientSeq);

    /// <summary>Redoes the user's last undo, as a new op.</summary>
    Task<EditResult> RedoAsync(Actor actor, string clientId, long clientSeq);

    /// <summary>Brings the board back to a stored version, as a new op.</summary>
    Task<EditResult> RestoreVersionAsync(Actor actor, string clientId, long clientSeq, long versionSeq);

    /// <summary>Updates a participant's cursor and selection; ephemeral; only for a session that joined.</summary>
    [OneWay]
    Task UpdatePresenceAsync(Participant participant);

    /// <summary>The live elements of a stored version (a preview); <c>not-found</c> also when there is no such version.</summary>
    Task<Outcome<BoardSnapshot>> GetVersionAsync(Actor? actor, long versionSeq);

    /// <summary>Stored versions, oldest first.</summary>
    Task<Outcome<IReadOnlyList<BoardVersion>>> ListVersionsAsync(Actor? actor);

    /// <summary>The board's durable content, re-importable.</summary>
    Task<Outcome<BoardExport>> ExportAsync(Actor? actor);

    /// <summary>Creates this (new) board from an export; changes nothing when the export is invalid.</summary>
    Task<Outcome<BoardInfo>> ImportAsync(Actor actor, string title, string? labId, BoardExport content);

    /// <summary>Locks or unlocks editing: its creator and, on a lab's board, the lab's owners and moderators.</summary>
    Task<EditResult> SetLockedAsync(Actor actor, bool locked);

    /// <summary>
    /// Sets what facilitators lock for participants (the lab's owners and moderators; lab boards only). Every op of
    /// a participant that touches a locked element is refused with <c>element-locked</c>; facilitators are not locked out.
    /// </summary>
    Task<EditResult> SetFacilitatorLocksAsync(Actor actor, FacilitatorLocks locks);
}

/// <summary>Tunables of boards (configuration section <c>Boards</c>).</summary>
public sealed class BoardOptions
{
    /// <summary>Ops per log segment (an Azure append blob holds at most 50,000 appends).</summary>
    public int SegmentSize { get; set; } = 1000;

    /// <summary>A version (snapshot) is stored after this many ops…</summary>
    public int SnapshotEveryOps { get; set; } = 500;

    /// <summary>…or when this much time passed since the last one and something changed.</summary>
    public TimeSpan SnapshotEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ops kept in memory before the latest snapshot, so a client slightly behind gets only the tail.</summary>
    public int KeepOpsBehindSnapshot { get; set; } = 1000;

    /// <summary>Undo depth per user.</summary>
    public int UndoDepth { get; set; } = 100;

    /// <summary>Ops per second one connection may send, sustained (bursts of twice as many).</summary>
    public int OpsPerSecondPerConnection { get; set; } = Climaborough.Contracts.BoardLimits.OpsPerSecond;

    /// <summary>A participant silent for this long is gone.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Stored metadata and version index of a board (its elements live in the log and snapshots).</summary>
[GenerateSerializer, Alias("climaborough.board-state.v1")]
public sealed partial class BoardState
{
    /// <summary>Whether the board exists.</summary>
    [Id(0)] public bool Created { get; set; }

    /// <summary>Title.</summary>
    [Id(1)] public string Title { get; set; } = string.Empty;

    /// <summary>The living lab it belongs to (null: an unlisted board outside labs).</summary>
    [Id(2)] public string? LabId { get; set; }

    /// <summary>Who created it.</summary>
    [Id(3)] public string OwnerId { get; set; } = string.Empty;

    /// <summary>Whether editing is refused.</summary>
    [Id(4)] public bool Locked { get; set; }

    /// <summary>When it was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Stored snapshots, oldest first.</summary>
    [Id(6)] public List<StoredVersion> Versions { get; set; } = [];

    /// <summary>Facilitator lock of the whole board for participants (ids 50-59: facilitation).</summary>
    [Id(50)] public bool FacilitatorBoardLock { get; set; }

    /// <summary>Elements (and frames, with what lies inside them) that facilitators locked for participants.</summary>
    [Id(51)] public List<string> FacilitatorLockedElements { get; set; } = [];
}

/// <summary>A snapshot in the version index.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.stored-version.v1")]
public sealed record StoredVersion(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int ElementCount,
    [property: Id(3)] Dictionary<string, int> EditsByAuthor,
    [property: Id(4)] string FileName);

/// <summary>Durable ops of a board.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.board-ops-applied.v1")]
public sealed record BoardOpsApplied(string Topic, [property: Id(0)] string BoardId, [property: Id(1)] IReadOnlyList<AppliedOp> Ops) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).BoardOps(BoardId, Ops);
}

/// <summary>Presence of one participant.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.presence-changed.v1")]
public sealed record BoardPresenceChanged(string Topic, [property: Id(0)] string BoardId, [property: Id(1)] Participant Participant) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).PresenceChanged(BoardId, Participant);
}

/// <summary>A participant left.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.presence-left.v1")]
public sealed record BoardPresenceLeft(string Topic, [property: Id(0)] string BoardId, [property: Id(1)] string SessionId) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).PresenceLeft(BoardId, SessionId);
}

/// <summary>Board metadata changed.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.board-changed.v1")]
public sealed record BoardChanged(string Topic, [property: Id(0)] BoardInfo Board) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).BoardChanged(Board);
}

/// <summary>Board ids: lower-case letters, digits and dashes, 3 to 64 characters.</summary>
public static class BoardIds
{
    /// <summary>Whether <paramref name="id"/> can name a board.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 3 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>A new random id.</summary>
    public static string New() => "b" + Guid.NewGuid().ToString("N")[..20];
}
