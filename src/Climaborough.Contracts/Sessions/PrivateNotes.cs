namespace Climaborough.Contracts;

/// <summary>
/// A workshop's private brainstorm on a board, as one person may see it. Everyone gets the counters; only the
/// author of a private element (and the lab's facilitators) ever gets its id, text or geometry.
/// </summary>
/// <param name="Open">Whether new elements are private now (a private brainstorm step is running).</param>
/// <param name="SessionId">The workshop that opened the round, if any.</param>
/// <param name="Facilitator">Whether the person sees every private element (a moderator or owner of the lab).</param>
/// <param name="Counts">Per author, how many private notes are not revealed yet (every reader sees these).</param>
/// <param name="Visible">The private elements this person sees: their own, or all of them for facilitators.</param>
public sealed record PrivateNotesView(bool Open, string? SessionId, bool Facilitator, IReadOnlyList<PrivateNoteCount> Counts, IReadOnlyList<PrivateNoteMark> Visible)
{
    /// <summary>No private round: nothing is private.</summary>
    public static PrivateNotesView None { get; } = new(false, null, false, [], []);

    /// <summary>Whether there is anything private to show or reveal.</summary>
    public bool Any => Open || Counts.Count > 0;
}

/// <summary>"Ivan: 4 notes": an author's count of private notes, never their content.</summary>
public sealed record PrivateNoteCount(string UserId, string Name, int Count);

/// <summary>One private element the person may see, with its author.</summary>
public sealed record PrivateNoteMark(string ElementId, string AuthorId, string AuthorName);

/// <summary>The private brainstorm's part of <see cref="ILiveHub"/>.</summary>
public interface IPrivateNotesHub
{
    /// <summary>The private round of a joined board as the caller may see it (readers of the board).</summary>
    Task<PrivateNotesView> PrivateNotes(string boardId);

    /// <summary>
    /// Makes every private note of the session's board an ordinary element for everyone at once (moderators).
    /// Answers once the reveal op is durable; revealing when nothing is private is a no-op that succeeds.
    /// </summary>
    Task<EditResult> RevealPrivateNotes(string labId, string sessionId);
}

/// <summary>The private brainstorm's part of <see cref="ILiveClient"/>.</summary>
public interface IPrivateNotesClient
{
    /// <summary>The counters (and, for the author and facilitators, the marks) of a joined board's private round changed.</summary>
    Task PrivateNotesChanged(string boardId, PrivateNotesView view);
}
