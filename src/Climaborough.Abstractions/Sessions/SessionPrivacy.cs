namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// A workshop's private brainstorm, on the same activation as <see cref="ISessionGrain"/>. The session opens its board's
/// private round when a private brainstorm step starts and closes it when the step is left; the board enforces who sees
/// what (<see cref="Boards.IBoardPrivacyGrain"/>).
/// </summary>
public interface ISessionPrivacyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reveals every private note on the session's board to everyone, as one durable op (moderators of the lab).
    /// Who may not read the lab gets the missing session's answer; with nothing private (or no board) it succeeds and changes nothing.
    /// </summary>
    Task<Outcome<EditResult>> RevealAsync(Actor actor, string labId);
}
