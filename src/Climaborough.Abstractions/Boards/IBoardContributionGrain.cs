namespace Climaborough.Abstractions.Boards;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// Notes contributed without attending (issue 13, part 11), on the same activation as <see cref="IBoardGrain"/>.
/// Only the session grain calls it, after it checked its asynchronous window on the server's clock; the board
/// checks the lab role (contributors, not observers) and its locks like for any op, places the note and marks it
/// with <see cref="BoardElement.AsyncSession"/>, which no client's edit can set.
/// </summary>
public interface IBoardContributionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds one note of <paramref name="actor"/> as one durable op (<see cref="OpKind.Contribution"/>), inside the frame
    /// <paramref name="frameId"/> when it is one of the board's frames, else beside the board's content. The same
    /// <paramref name="requestId"/> of the same person answers the same note again (<see cref="EditResult.Duplicate"/>).
    /// </summary>
    Task<ContributionResult> ContributeAsync(Actor actor, string sessionId, string requestId, string text, string? color, string? frameId);
}

/// <summary>What a contribution did: the board's answer and the note's id when it was added (or had been).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.board-contribution-result.v1")]
public sealed record ContributionResult([property: Id(0)] EditResult Result, [property: Id(1)] string? ElementId);
