namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// One live workshop of a living lab: its run-sheet, the current step and the step's server-side timer.
/// Every method takes the acting person as the server authenticated them and asks the lab
/// (<see cref="ILabGrain.AccessAsync"/>) once, before anything else: who may not read the lab gets
/// exactly the answer for a session that does not exist; moderators create and run sessions; readers watch.
/// A session asked for under another lab's id answers <c>not-found</c>.
/// </summary>
[LiveTopic(TopicNames.SessionKind)]
public partial interface ISessionGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>Prepares the session in <paramref name="labId"/> (moderators) and lists it in the lab.</summary>
    Task<Outcome<SessionView>> CreateAsync(Actor actor, string labId, CreateSessionRequest request);

    /// <summary>Prepares the session from a template (moderators): makes the template's board in the lab first, then the session on it.</summary>
    Task<Outcome<SessionView>> CreateFromTemplateAsync(Actor actor, string labId, SessionFromTemplateRequest request);

    /// <summary>The session (readers of its lab).</summary>
    Task<Outcome<SessionView>> ViewAsync(Actor? actor, string labId);

    /// <summary>The list entry, if the session exists in <paramref name="labId"/> (no access check: the caller checked the lab).</summary>
    Task<SessionSummary?> SummaryAsync(string labId);

    /// <summary>Replaces title, purpose, start, board and run-sheet while the session has not started (moderators).</summary>
    Task<Outcome<SessionView>> UpdateAsync(Actor actor, string labId, CreateSessionRequest request);

    /// <summary>Starts, advances, goes back, skips, pauses, resumes, extends or ends (moderators).</summary>
    Task<Outcome<SessionView>> ControlAsync(Actor actor, string labId, SessionControlRequest request);

    /// <summary>
    /// Starts a dot vote on the session board's elements in the current vote step (moderators; the board is
    /// read with the moderator's own access). The same request id answers the vote it started.
    /// Refusals carry a <see cref="ErrorCodes"/> code in <see cref="Outcome{T}.Code"/>.
    /// </summary>
    Task<Outcome<VoteView>> StartVoteAsync(Actor actor, string labId, StartVoteRequest request);

    /// <summary>Closes an open vote (moderators); a closed vote answers as it is.</summary>
    Task<Outcome<VoteView>> CloseVoteAsync(Actor actor, string labId, string voteId);

    /// <summary>Places one of the actor's dots (lab contributors, not observers); durable before it answers; a request id counts once.</summary>
    Task<Outcome<VoteView>> PlaceDotAsync(Actor actor, string labId, string voteId, DotRequest request);

    /// <summary>Removes one of the actor's dots from an item; a request id counts once.</summary>
    Task<Outcome<VoteView>> RemoveDotAsync(Actor actor, string labId, string voteId, DotRequest request);

    /// <summary>A vote as <paramref name="actor"/> may see it (readers): their own dots, voters for moderators, results once closed.</summary>
    Task<Outcome<VoteView>> VoteAsync(Actor? actor, string labId, string voteId);

    /// <summary>The ranking of a closed vote (readers).</summary>
    Task<Outcome<VoteResults>> ResultsAsync(Actor? actor, string labId, string voteId);

    /// <summary>The workshop's record (readers): agenda with actual timings, closed votes, and once ended the top-voted items, attendance and decisions as kept at the end.</summary>
    Task<Outcome<SessionOutcomeView>> OutcomeAsync(Actor? actor, string labId);

    /// <summary>Replaces the decisions of the record (moderators; before or after the end).</summary>
    Task<Outcome<SessionOutcomeView>> SetDecisionsAsync(Actor actor, string labId, DecisionsRequest request);
}

/// <summary>
/// A vote of a watched session changed. <see cref="Public"/> is what everyone may see (no counts while open);
/// the node adds <see cref="UserDots"/> only for the connections of <see cref="UserId"/> (the one person whose
/// dots changed, if any) and <see cref="Voters"/> only for facilitators' connections. A change of one person's
/// dots in an open vote tells the others nothing (they see no counts), so it reaches only that person's
/// connections, and the facilitators' only when it changed <see cref="Voters"/> (<see cref="VotersChanged"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.vote-changed.v1")]
public sealed record VoteChanged(
    string Topic,
    [property: Id(0)] string SessionId,
    [property: Id(1)] VoteView Public,
    [property: Id(2)] int Voters,
    [property: Id(3)] string? UserId,
    [property: Id(4)] IReadOnlyList<string>? UserDots,
    [property: Id(5)] bool VotersChanged = true) : LiveEvent(Topic)
{
    /// <summary>Whether only the dot owner (and, when the count moved, the facilitators) need this: a dot change in an open vote.</summary>
    private bool DotChangeWhileOpen => UserId is not null && Public.Status == VoteStatus.Open;

    /// <summary>
    /// A start or a close: everyone watching gets the public view (no counts while open), facilitators with the voter
    /// count. A dot change while open: the one person whose dots changed gets them on each of their connections
    /// here, facilitators get the voter count if it changed, nobody else gets anything. No grain call per connection.
    /// </summary>
    public override async Task DeliverAsync(ILiveAudience audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var special = audience.WatchersOf(Topic)
            .Where(w => (w.Facilitator && (VotersChanged || !DotChangeWhileOpen)) || (UserId is not null && w.UserId == UserId))
            .ToList();
        if (!DotChangeWhileOpen)
        {
            await audience.WatchersExcept(Topic, [.. special.Select(w => w.ConnectionId)]).VoteChanged(SessionId, Public);
        }

        foreach (var (connectionId, userId, facilitator) in special)
        {
            var own = UserId is not null && userId == UserId;
            var view = Public with { MyDots = own ? UserDots : null, Voters = facilitator ? Voters : Public.Voters };
            await audience.Connection(connectionId).VoteChanged(SessionId, view);
        }
    }
}

/// <summary>A watched session changed; watchers replace their view with this one (if its version is newer).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.session-changed.v1")]
public sealed record SessionChanged(string Topic, [property: Id(0)] string SessionId, [property: Id(1)] SessionView View) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).SessionChanged(SessionId, View);
}

/// <summary>Stored state of a session. The timer is stored as an instant (or the time left while paused), so a reactivation keeps it.</summary>
[GenerateSerializer, Alias("climaborough.session-state.v1")]
public sealed class SessionState
{
    /// <summary>Whether the session was created.</summary>
    [Id(0)] public bool Created { get; set; }

    /// <summary>The lab it belongs to.</summary>
    [Id(1)] public string LabId { get; set; } = string.Empty;

    /// <summary>The lab board it runs on, if any.</summary>
    [Id(2)] public string? BoardId { get; set; }

    /// <summary>Title.</summary>
    [Id(3)] public string Title { get; set; } = string.Empty;

    /// <summary>Purpose (Markdown).</summary>
    [Id(4)] public string Purpose { get; set; } = string.Empty;

    /// <summary>The purpose as safe HTML (rendered once when saved).</summary>
    [Id(5)] public string PurposeHtml { get; set; } = string.Empty;

    /// <summary>When it is planned to start.</summary>
    [Id(6)] public DateTimeOffset? ScheduledStart { get; set; }

    /// <summary>When it was created, and by whom (display name).</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The creator's display name.</summary>
    [Id(8)] public string CreatedBy { get; set; } = string.Empty;

    /// <summary>The run-sheet.</summary>
    [Id(9)] public List<StoredStep> Steps { get; set; } = [];

    /// <summary>Where it is.</summary>
    [Id(10)] public SessionPhase Phase { get; set; }

    /// <summary>Index of the current step (-1 before the start).</summary>
    [Id(11)] public int CurrentStep { get; set; } = -1;

    /// <summary>While running: when the current step's time is up.</summary>
    [Id(12)] public DateTimeOffset? EndsAt { get; set; }

    /// <summary>While paused: the time that was left.</summary>
    [Id(13)] public TimeSpan? PausedRemaining { get; set; }

    /// <summary>When it started.</summary>
    [Id(14)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    [Id(15)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Grows with every change.</summary>
    [Id(16)] public long Version { get; set; }

    /// <summary>The dot votes, oldest first (at most one open).</summary>
    [Id(17)] public List<StoredVote> Votes { get; set; } = [];

    /// <summary>Attendance: each person's stays, first arrival first (facilitation, ids 50-59).</summary>
    [Id(50)] public List<StoredAttendance> Attendance { get; set; } = [];

    /// <summary>What the workshop's end kept (null until it ended): see SessionGrain.Outcome.</summary>
    [Id(60)] public StoredOutcome? Outcome { get; set; }

    /// <summary>The decisions the moderator typed (Markdown).</summary>
    [Id(61)] public string Decisions { get; set; } = string.Empty;

    /// <summary>The decisions as safe HTML (rendered once when saved).</summary>
    [Id(62)] public string DecisionsHtml { get; set; } = string.Empty;

    /// <summary>The asynchronous contribution window, if a moderator opened one (contributions, ids 90-99).</summary>
    [Id(90)] public StoredContributionWindow? Contributions { get; set; }

    /// <summary>The ids of the notes contributed through it (each once, whatever the retries).</summary>
    [Id(91)] public List<string> AsyncNotes { get; set; } = [];
}

/// <summary>A window in which members add notes to a brainstorm step without attending.</summary>
[GenerateSerializer, Alias("climaborough.session-contribution-window.v1")]
public sealed class StoredContributionWindow
{
    /// <summary>The brainstorm step the notes are for.</summary>
    [Id(0)] public int StepIndex { get; set; }

    /// <summary>From when (server clock).</summary>
    [Id(1)] public DateTimeOffset OpensAt { get; set; }

    /// <summary>Until when (exclusive).</summary>
    [Id(2)] public DateTimeOffset ClosesAt { get; set; }

    /// <summary>The moderator who opened it (display name).</summary>
    [Id(3)] public string OpenedBy { get; set; } = string.Empty;
}

/// <summary>What ending a workshop keeps beside its steps and votes: who ended it, the top-voted items as they stood, attendance.</summary>
[GenerateSerializer, Alias("climaborough.session-outcome.v1")]
public sealed class StoredOutcome
{
    /// <summary>When it ended.</summary>
    [Id(0)] public DateTimeOffset EndedAt { get; set; }

    /// <summary>The moderator who ended it (display name).</summary>
    [Id(1)] public string EndedBy { get; set; } = string.Empty;

    /// <summary>The top-voted items of the last vote with dots.</summary>
    [Id(2)] public List<StoredTopItem> TopItems { get; set; } = [];

    /// <summary>People who took part (null: not counted).</summary>
    [Id(3)] public int? Participants { get; set; }

    /// <summary>People who watched as observers (null: not counted).</summary>
    [Id(4)] public int? Observers { get; set; }
}

/// <summary>A top-voted item as kept at the end.</summary>
[GenerateSerializer, Alias("climaborough.session-top-item.v1")]
public sealed class StoredTopItem
{
    /// <summary>Rank (shared by ties).</summary>
    [Id(0)] public int Rank { get; set; }

    /// <summary>The element's id.</summary>
    [Id(1)] public string Id { get; set; } = string.Empty;

    /// <summary>Its text.</summary>
    [Id(2)] public string Text { get; set; } = string.Empty;

    /// <summary>Dots it got.</summary>
    [Id(3)] public int Dots { get; set; }

    /// <summary>Whether another item has as many dots.</summary>
    [Id(4)] public bool Tied { get; set; }

    /// <summary>The element's kind (a frame is a cluster).</summary>
    [Id(5)] public Contracts.ElementKind Kind { get; set; }

    /// <summary>For a frame: the texts of the notes inside it.</summary>
    [Id(6)] public List<string> Notes { get; set; } = [];
}

/// <summary>A dot vote as stored, with every person's dots and the request ids already applied.</summary>
[GenerateSerializer, Alias("climaborough.session-vote.v1")]
public sealed class StoredVote
{
    /// <summary>Id (<c>v</c> and hex digits).</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>The step it belongs to.</summary>
    [Id(1)] public int StepIndex { get; set; }

    /// <summary>The items: element ids and their text at the start.</summary>
    [Id(2)] public List<StoredVoteItem> Items { get; set; } = [];

    /// <summary>Dots per person.</summary>
    [Id(3)] public int DotsPerPerson { get; set; }

    /// <summary>Most dots of one person on one item.</summary>
    [Id(4)] public int MaxPerItem { get; set; }

    /// <summary>When it started.</summary>
    [Id(5)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it closed (null: open).</summary>
    [Id(6)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it closed.</summary>
    [Id(7)] public Contracts.VoteCloseReason? CloseReason { get; set; }

    /// <summary>The moderator's request id that started it.</summary>
    [Id(8)] public string StartRequestId { get; set; } = string.Empty;

    /// <summary>Each person's dots: account id → item ids, one entry per dot.</summary>
    [Id(9)] public Dictionary<string, List<string>> Dots { get; set; } = [];

    /// <summary>Each person's applied request ids (placements and removals), so a retry counts once.</summary>
    [Id(10)] public Dictionary<string, List<string>> Requests { get; set; } = [];

    /// <summary>Grows with every change.</summary>
    [Id(11)] public long Version { get; set; }
}

/// <summary>An item of a stored vote.</summary>
[GenerateSerializer, Alias("climaborough.session-vote-item.v1")]
public sealed class StoredVoteItem
{
    /// <summary>The board element's id.</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>Its text when the vote started.</summary>
    [Id(1)] public string Text { get; set; } = string.Empty;
}

/// <summary>A step of the run-sheet as stored.</summary>
[GenerateSerializer, Alias("climaborough.session-step.v1")]
public sealed class StoredStep
{
    /// <summary>Title.</summary>
    [Id(0)] public string Title { get; set; } = string.Empty;

    /// <summary>Instructions (Markdown).</summary>
    [Id(1)] public string Instructions { get; set; } = string.Empty;

    /// <summary>Instructions as safe HTML.</summary>
    [Id(2)] public string InstructionsHtml { get; set; } = string.Empty;

    /// <summary>Planned duration.</summary>
    [Id(3)] public TimeSpan Duration { get; set; }

    /// <summary>Kind.</summary>
    [Id(4)] public SessionStepKind Kind { get; set; }

    /// <summary>When it first started.</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it was last left.</summary>
    [Id(6)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Whether the moderator skipped it.</summary>
    [Id(7)] public bool Skipped { get; set; }

    /// <summary>The frame of the session's board that starting the step brings every view to (null: none).</summary>
    [Id(50)] public string? FrameId { get; set; }
}

/// <summary>Session ids.</summary>
public static class SessionIds
{
    /// <summary>A new id: <c>s</c> and 12 hex digits.</summary>
    public static string New() => "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (the same shape as lab ids).</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);

    /// <summary>A new vote id: <c>v</c> and 12 hex digits.</summary>
    public static string NewVote() => "v" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether a vote id is well-formed.</summary>
    public static bool IsValidVote(string? id) => LabIds.IsValid(id);
}
