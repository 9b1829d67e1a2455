namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Workspaces;
using Climaborough.Contracts;

/// <summary>
/// One live workshop of a living lab: its run-sheet, the current step and the step's server-side timer.
/// Every method takes the acting person as the server authenticated them and asks the lab
/// (<see cref="IWorkspaceGrain.AccessAsync"/>) once, before anything else: who may not read the lab gets
/// exactly the answer for a session that does not exist; moderators create and run sessions; readers watch.
/// A session asked for under another lab's id answers <c>not-found</c>.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>Prepares the session in <paramref name="labId"/> (moderators) and lists it in the lab.</summary>
    Task<LabOutcome<SessionView>> CreateAsync(Actor actor, string labId, CreateSessionRequest request);

    /// <summary>The session (readers of its lab).</summary>
    Task<LabOutcome<SessionView>> ViewAsync(Actor? actor, string labId);

    /// <summary>The list entry, if the session exists in <paramref name="labId"/> (no access check: the caller checked the lab).</summary>
    Task<SessionSummary?> SummaryAsync(string labId);

    /// <summary>Replaces title, purpose, start, board and run-sheet while the session has not started (moderators).</summary>
    Task<LabOutcome<SessionView>> UpdateAsync(Actor actor, string labId, CreateSessionRequest request);

    /// <summary>Starts, advances, goes back, skips, pauses, resumes, extends or ends (moderators).</summary>
    Task<LabOutcome<SessionView>> ControlAsync(Actor actor, string labId, SessionControlRequest request);
}

/// <summary>A watched session changed; watchers replace their view with this one (if its version is newer).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.session-changed.v1")]
public sealed record SessionChanged(string Topic, [property: Id(0)] string SessionId, [property: Id(1)] SessionView View) : LiveEvent(Topic);

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
}

/// <summary>Session ids.</summary>
public static class SessionIds
{
    /// <summary>A new id: <c>s</c> and 12 hex digits.</summary>
    public static string New() => "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (the same shape as lab ids).</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);
}
