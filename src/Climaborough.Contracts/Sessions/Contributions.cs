namespace Climaborough.Contracts;

/// <summary>Limits of contributions without attending.</summary>
public static class ContributionLimits
{
    /// <summary>The longest window, in days.</summary>
    public const int MaxWindowDays = 31;

    /// <summary>Notes one workshop may collect through its window.</summary>
    public const int MaxNotes = 1_000;

    /// <summary>Length of a request id.</summary>
    public const int MaxRequestIdLength = 64;
}

/// <summary>
/// Body of <c>PUT /api/labs/{labId}/sessions/{sessionId}/contributions</c> (moderators): opens (or moves) the window in which
/// members add notes to the brainstorm step <see cref="StepIndex"/> without attending, from <see cref="OpensAt"/> until
/// <see cref="ClosesAt"/> (server clock), before the live session or after it.
/// </summary>
public sealed record ContributionWindowRequest(int StepIndex, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

/// <summary>
/// A workshop's asynchronous contribution window as every reader sees it. <see cref="Open"/> is the server's answer for
/// <see cref="SessionView.ServerNow"/>: inside the window and the workshop not running live. <see cref="Notes"/>: how many
/// notes came in through it.
/// </summary>
public sealed record ContributionWindowView(int StepIndex, string StepTitle, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string OpenedBy, bool Open, int Notes);

/// <summary>
/// Body of <c>POST /api/labs/{labId}/sessions/{sessionId}/contributions/notes</c> (members): one note for the window's step.
/// <see cref="RequestId"/> is the client's: the same one again answers the same note, so a retry never adds a second.
/// </summary>
public sealed record ContributeRequest(string RequestId, string Text, string? Color = null);

/// <summary>Answer of a contribution: the note's id on the board, the board's sequence number of its op, whether it was a retry.</summary>
public sealed record ContributionAnswer(string ElementId, long? Seq, bool Duplicate, ContributionWindowView Window);
