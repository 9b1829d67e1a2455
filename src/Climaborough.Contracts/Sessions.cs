namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What a step of a workshop's run-sheet is for; later slices enforce per kind what participants may do.</summary>
[JsonConverter(typeof(StrictEnumConverter<SessionStepKind>))]
public enum SessionStepKind
{
    /// <summary>The moderator or a guest presents.</summary>
    Present,

    /// <summary>Everyone adds notes, visible to all.</summary>
    Brainstorm,

    /// <summary>Everyone adds notes that only they and the facilitators see until the reveal.</summary>
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

/// <summary>A step as the moderator prepares it.</summary>
public sealed record SessionStepRequest(string Title, string? Instructions, int DurationMinutes, SessionStepKind Kind);

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
    bool Skipped);

/// <summary>
/// A workshop as every reader of its lab sees it. The timer is the server's: while running,
/// <see cref="EndsAt"/> is the instant the current step's time is up (clients count down to it, corrected
/// by the offset between their clock and <see cref="ServerNow"/>); while paused, <see cref="PausedRemainingSeconds"/>
/// is the time left. <see cref="Version"/> grows with every change, so a client keeps the newest view.
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
    long Version);

/// <summary>A workshop in a lab's list.</summary>
public sealed record SessionSummary(string Id, string LabId, string Title, DateTimeOffset? ScheduledStart, SessionPhase Phase, int StepCount, DateTimeOffset CreatedAt);
