namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// Contributing without attending (issue 13, part 11): a moderator opens a brainstorm step for asynchronous input for a
/// set window before or after the live session; members add notes to the session's board through it, and the board
/// marks them as asynchronous. The window is the server's clock (<see cref="TimeProvider"/>); the lab decides first.
/// </summary>
public partial interface ISessionGrain
{
    /// <summary>Opens or moves the window (moderators; not while the workshop runs live; the step must be a brainstorm; the workshop needs a board).</summary>
    Task<Outcome<SessionView>> OpenContributionsAsync(Actor actor, string labId, ContributionWindowRequest request);

    /// <summary>Takes the window away (moderators); the notes that came in stay, marked. Without a window it changes nothing.</summary>
    Task<Outcome<SessionView>> CloseContributionsAsync(Actor actor, string labId);

    /// <summary>
    /// Adds one note of the actor to the window's step on the board (lab contributors, not observers), only while the window
    /// is open: outside it, or while the workshop runs live, <c>contributions-closed</c>. Durable before it answers.
    /// </summary>
    Task<Outcome<ContributionAnswer>> ContributeAsync(Actor actor, string labId, ContributeRequest request);
}
