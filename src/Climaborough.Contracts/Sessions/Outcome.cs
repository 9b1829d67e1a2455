namespace Climaborough.Contracts;

/// <summary>Limits of a workshop's outcome.</summary>
public static class OutcomeLimits
{
    /// <summary>Length of the decisions the moderator types (Markdown).</summary>
    public const int MaxDecisionsLength = 8_000;

    /// <summary>Top-voted items kept: every item whose rank is at most this (ties included).</summary>
    public const int TopRanks = 3;

    /// <summary>Notes kept per top-voted frame (a cluster).</summary>
    public const int MaxClusterNotes = 50;
}

/// <summary>Body of <c>PUT /api/labs/{labId}/sessions/{sessionId}/outcome/decisions</c>: the decisions (Markdown; empty clears them).</summary>
public sealed record DecisionsRequest(string? Decisions);

/// <summary>A step of the agenda as it ran: planned minutes, and the actual start and end (null when it never ran).</summary>
public sealed record OutcomeStepView(int Index, string Title, SessionStepKind Kind, int PlannedMinutes, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, bool Skipped);

/// <summary>A closed vote of the workshop with its ranking (ties share a rank).</summary>
public sealed record OutcomeVoteView(string VoteId, int StepIndex, string StepTitle, DateTimeOffset ClosedAt, int Voters, int DotsPlaced, IReadOnlyList<VoteResultItem> Ranking);

/// <summary>
/// A top-voted item of the workshop's last vote with dots, as it stood when the workshop ended: its text and,
/// for a frame (a cluster), the texts of the notes inside it.
/// </summary>
public sealed record OutcomeTopItem(int Rank, string Id, string Text, int Dots, bool Tied, ElementKind Kind, IReadOnlyList<string> Notes);

/// <summary>Attendance numbers, when the workshop counted them.</summary>
public sealed record OutcomeAttendance(int Participants, int Observers);

/// <summary>
/// The record of a workshop (readers of its lab). <see cref="Final"/> once it ended: the top-voted items,
/// attendance and the end are then kept as they were at the end. Before the end it shows the agenda and the
/// closed votes so far. <see cref="Decisions"/> are the moderator's (Markdown, and as safe HTML), editable
/// before and after the end. <see cref="AsyncNotes"/>: the notes contributed without attending (the asynchronous window).
/// </summary>
public sealed record SessionOutcomeView(
    string SessionId,
    string LabId,
    string? BoardId,
    string Title,
    string Purpose,
    string PurposeHtml,
    bool Final,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    IReadOnlyList<OutcomeStepView> Agenda,
    IReadOnlyList<OutcomeVoteView> Votes,
    IReadOnlyList<OutcomeTopItem> TopItems,
    OutcomeAttendance? Attendance,
    string Decisions,
    string DecisionsHtml,
    long Version,
    int AsyncNotes = 0);

/// <summary>
/// Body of <c>POST /api/labs/{labId}/sessions/from-template</c>: a workshop and the board layout of the
/// template it starts from (frames, headings and prompt notes, in the moderator's language). The board is
/// made in the lab with <see cref="BoardTitle"/>, then the workshop runs on it.
/// </summary>
public sealed record SessionFromTemplateRequest(CreateSessionRequest Session, string BoardTitle, BoardExport Board);
