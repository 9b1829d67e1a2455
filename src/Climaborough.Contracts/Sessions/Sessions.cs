namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What a step of a workshop's run-sheet is for. Two kinds change what the server allows: <see cref="SessionStepKind.Vote"/> (votes start only in it) and <see cref="SessionStepKind.PrivateBrainstorm"/> (the board's private round); the others name the step.</summary>
[JsonConverter(typeof(StrictEnumConverter<SessionStepKind>))]
public enum SessionStepKind
{
    /// <summary>The moderator or a guest presents.</summary>
    Present,

    /// <summary>Everyone adds notes, visible to all.</summary>
    Brainstorm,

    /// <summary>Notes that only their writers and the facilitators see until the moderator reveals them (the board enforces it).</summary>
    PrivateBrainstorm,

    /// <summary>Notes are grouped.</summary>
    Cluster,

    /// <summary>Dot voting.</summary>
    Vote,

    /// <summary>Open discussion.</summary>
    Discuss,

    /// <summary>A pause.</summary>
    Break,

    /// <summary>Summing up and next steps.</summary>
    WrapUp,
}

/// <summary>Where a workshop is in its life.</summary>
[JsonConverter(typeof(StrictEnumConverter<SessionPhase>))]
public enum SessionPhase
{
    /// <summary>Prepared, not started: participants see the lobby (purpose and agenda).</summary>
    Scheduled,

    /// <summary>A step is running and its timer counts down.</summary>
    Running,

    /// <summary>A step is current, its timer is stopped.</summary>
    Paused,

    /// <summary>Over; nothing changes any more.</summary>
    Ended,
}

/// <summary>What a moderator does to a running workshop.</summary>
[JsonConverter(typeof(StrictEnumConverter<SessionCommand>))]
public enum SessionCommand
{
    /// <summary>Starts the first step (a started session stays as it is).</summary>
    Start,

    /// <summary>Ends the current step and starts the next one.</summary>
    Next,

    /// <summary>Goes back to the step before, with its full time.</summary>
    Previous,

    /// <summary>Leaves the current step as skipped and starts the next one.</summary>
    Skip,

    /// <summary>Stops the timer, keeping the time left (a paused session stays paused).</summary>
    Pause,

    /// <summary>Restarts the timer with the time that was left.</summary>
    Resume,

    /// <summary>Gives the current step <see cref="SessionControlRequest.Minutes"/> more minutes.</summary>
    Extend,

    /// <summary>Ends the workshop.</summary>
    End,
}

/// <summary>Limits of sessions' fields.</summary>
public static class SessionLimits
{
    /// <summary>Title length (session and step).</summary>
    public const int MaxTitleLength = 120;

    /// <summary>Purpose length (Markdown).</summary>
    public const int MaxPurposeLength = 4_000;

    /// <summary>A step's instructions (Markdown).</summary>
    public const int MaxInstructionsLength = 8_000;

    /// <summary>Steps in a run-sheet.</summary>
    public const int MaxSteps = 40;

    /// <summary>A step's longest duration, in minutes.</summary>
    public const int MaxStepMinutes = 240;

    /// <summary>The most minutes one extension adds.</summary>
    public const int MaxExtendMinutes = 60;
}

/// <summary>A step as the moderator prepares it; <paramref name="FrameId"/>: a frame of the session's board that starting the step brings every view to.</summary>
public sealed record SessionStepRequest(string Title, string? Instructions, int DurationMinutes, SessionStepKind Kind, string? FrameId = null);

/// <summary>Body of <c>POST /api/labs/{labId}/sessions</c>.</summary>
public sealed record CreateSessionRequest(string Title, string? Purpose, DateTimeOffset? ScheduledStart, string? BoardId, IReadOnlyList<SessionStepRequest>? Steps);

/// <summary>
/// Body of <c>POST /api/labs/{labId}/sessions/{sessionId}/control</c>. <see cref="ExpectedStep"/>, when
/// given, must be the current step's index, so that two clicks on "next" (or two moderators) move on once.
/// </summary>
public sealed record SessionControlRequest(SessionCommand Command, int? Minutes = null, int? ExpectedStep = null);

/// <summary>One step of the run-sheet, with its actual timings once it ran.</summary>
public sealed record SessionStepView(
    int Index,
    string Title,
    string Instructions,
    string InstructionsHtml,
    int DurationMinutes,
    SessionStepKind Kind,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    bool Skipped,
    string? FrameId = null);

/// <summary>
/// A workshop as every reader of its lab sees it. The timer is the server's: while running,
/// <see cref="EndsAt"/> is the instant the current step's time is up (clients count down to it, corrected
/// by the offset between their clock and <see cref="ServerNow"/>); while paused, <see cref="PausedRemainingSeconds"/>
/// is the time left. <see cref="Version"/> grows with every change, so a client keeps the newest view.
/// <see cref="VoteId"/> is the current step's latest dot vote, if any (fetch it as the caller sees it);
/// <see cref="Contributions"/> the window for contributing without attending, if a moderator opened one.
/// </summary>
public sealed record SessionView(
    string Id,
    string LabId,
    string? BoardId,
    string Title,
    string Purpose,
    string PurposeHtml,
    DateTimeOffset? ScheduledStart,
    SessionPhase Phase,
    int? CurrentStep,
    IReadOnlyList<SessionStepView> Steps,
    DateTimeOffset? EndsAt,
    int? PausedRemainingSeconds,
    DateTimeOffset ServerNow,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long Version,
    string? VoteId = null,
    ContributionWindowView? Contributions = null);

/// <summary>A workshop in a lab's list; <see cref="Contributions"/>: its asynchronous window, if any (with <see cref="BoardId"/>, where the notes go).</summary>
public sealed record SessionSummary(string Id, string LabId, string Title, DateTimeOffset? ScheduledStart, SessionPhase Phase, int StepCount, DateTimeOffset CreatedAt, string? BoardId = null, ContributionWindowView? Contributions = null);

/// <summary>Where a dot vote is.</summary>
[JsonConverter(typeof(StrictEnumConverter<VoteStatus>))]
public enum VoteStatus
{
    /// <summary>Participants place and remove dots; each sees only their own.</summary>
    Open,

    /// <summary>Over: the results are kept with the session and every reader sees them.</summary>
    Closed,
}

/// <summary>Why a vote closed.</summary>
[JsonConverter(typeof(StrictEnumConverter<VoteCloseReason>))]
public enum VoteCloseReason
{
    /// <summary>The moderator closed it.</summary>
    Moderator,

    /// <summary>The moderator left the vote step (next, back, skip or end).</summary>
    StepEnded,

    /// <summary>The step's timer ran out.</summary>
    TimeUp,
}

/// <summary>Limits of dot votes.</summary>
public static class VoteLimits
{
    /// <summary>Items one vote may have.</summary>
    public const int MaxItems = 200;

    /// <summary>The most dots a participant may get.</summary>
    public const int MaxDotsPerPerson = 20;

    /// <summary>Length of a request id.</summary>
    public const int MaxRequestIdLength = 64;

    /// <summary>How many placements and removals one person may send in one vote (each request id is remembered for the vote's life).</summary>
    public const int MaxChangesPerPerson = 500;

    /// <summary>The longest item text kept (the element's text is cut there).</summary>
    public const int MaxItemTextLength = 200;
}

/// <summary>
/// Starts a dot vote in the current vote step (moderators). <see cref="ElementIds"/>: the elements of the
/// session's board to vote on (null: all its notes, texts and shapes); <see cref="DotsPerPerson"/> dots each,
/// at most <see cref="MaxPerItem"/> on one item. <see cref="RequestId"/> is chosen by the client: sending the
/// same one again answers the vote it started, so a retry never starts a second vote.
/// </summary>
public sealed record StartVoteRequest(string RequestId, IReadOnlyList<string>? ElementIds, int DotsPerPerson, int MaxPerItem);

/// <summary>
/// Places or removes one of the caller's dots on <see cref="ItemId"/>. <see cref="RequestId"/> is chosen by
/// the client per placement (like a board op's client sequence): a retry with the same id after a reconnect
/// answers the first outcome and changes nothing again.
/// </summary>
public sealed record DotRequest(string RequestId, string ItemId);

/// <summary>An item of a vote: a board element and its text when the vote started.</summary>
public sealed record VoteItemView(string Id, string Text);

/// <summary>An item's place in the results: <see cref="Rank"/> is shared by ties (1, 1, 3, …).</summary>
public sealed record VoteResultItem(int Rank, string Id, string Text, int Dots, bool Tied);

/// <summary>
/// A dot vote as one recipient may see it. While open nobody sees anyone's counts: <see cref="MyDots"/> are the
/// recipient's own item ids (one entry per dot; null when the message does not carry them: keep the last ones),
/// and <see cref="Voters"/>, the number of people who placed at least one dot, only reaches facilitators.
/// Once closed, <see cref="Results"/> holds the ranking, for every reader.
/// </summary>
public sealed record VoteView(
    string Id,
    string SessionId,
    int StepIndex,
    VoteStatus Status,
    IReadOnlyList<VoteItemView> Items,
    int DotsPerPerson,
    int MaxPerItem,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    VoteCloseReason? CloseReason,
    IReadOnlyList<string>? MyDots,
    int? Voters,
    IReadOnlyList<VoteResultItem>? Results,
    long Version);

/// <summary>The results of a closed vote (REST <c>GET …/votes/{voteId}/results</c>).</summary>
public sealed record VoteResults(string VoteId, string SessionId, string SessionTitle, DateTimeOffset ClosedAt, int Voters, int DotsPlaced, IReadOnlyList<VoteResultItem> Ranking);

/// <summary>Answer of the vote hub methods: the vote as the caller sees it, or a refusal with a <see cref="ErrorCodes"/> code (nothing changed).</summary>
public sealed record VoteAnswer(bool Ok, VoteView? Vote, string? ErrorCode = null, string? Error = null, bool Duplicate = false);
