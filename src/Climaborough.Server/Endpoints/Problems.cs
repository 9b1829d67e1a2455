namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Contracts;

/// <summary>
/// The one translation of a <see cref="Refusal"/> to an HTTP answer (RFC 9457 problem details): the
/// status and title follow from the code, the message is the detail, and the code is the extension
/// member <c>code</c>. <c>invalid</c> is a validation problem whose field is the message's <c>field:</c> prefix.
/// </summary>
public static class Problems
{
    /// <summary>The status and title of a refusal code (400 "Refused" for any code not listed).</summary>
    public static (int Status, string Title) ShapeOf(string code) => code switch
    {
        ErrorCodes.NotFound => (StatusCodes.Status404NotFound, "Not found"),
        ErrorCodes.NoSuchBoard => (StatusCodes.Status404NotFound, "Board not found"),
        ErrorCodes.NoSuchVote => (StatusCodes.Status404NotFound, "Refused"),
        ErrorCodes.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
        ErrorCodes.VoteForbidden => (StatusCodes.Status403Forbidden, "Refused"),
        ErrorCodes.Unauthorized => (StatusCodes.Status401Unauthorized, "Unauthorized"),
        ErrorCodes.Conflict or ErrorCodes.BoardLocked or ErrorCodes.NothingToUndo
            or ErrorCodes.NotAVoteStep or ErrorCodes.VoteAlreadyOpen or ErrorCodes.VoteClosed or ErrorCodes.NoDotsLeft
            or ErrorCodes.ItemFull or ErrorCodes.NoDotHere or ErrorCodes.VoteStillOpen or ErrorCodes.ContributionsClosed => (StatusCodes.Status409Conflict, "Refused"),
        ErrorCodes.FileTooLarge or ErrorCodes.QuotaExceeded => (StatusCodes.Status413PayloadTooLarge, "Refused"),
        ErrorCodes.UnsupportedType => (StatusCodes.Status415UnsupportedMediaType, "Refused"),
        ErrorCodes.RateLimited => (StatusCodes.Status429TooManyRequests, "Too many requests"),
        ErrorCodes.Unavailable => (StatusCodes.Status503ServiceUnavailable, "Unavailable"),
        ErrorCodes.Internal => (StatusCodes.Status500InternalServerError, "Internal error"),
        _ => (StatusCodes.Status400BadRequest, "Refused"),
    };

    /// <summary>The problem for <paramref name="refusal"/>; <paramref name="title"/> replaces the code's title where a route has its own (an import).</summary>
    public static IResult For(Refusal refusal, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        if (refusal.Code == ErrorCodes.Invalid && title is null)
        {
            // One "field: reason" line per problem (a pilot names every field it found wrong at once).
            var lines = refusal.Message.Length > 0 ? refusal.Message.Split('\n') : ["request: Invalid request."];
            var errors = lines.GroupBy(line => line.Split(':')[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            return Results.ValidationProblem(errors, extensions: extensions);
        }

        var (status, codeTitle) = ShapeOf(refusal.Code);
        return Results.Problem(statusCode: status, title: title ?? codeTitle, detail: refusal.Message, extensions: extensions);
    }

    /// <summary>A validation problem for one field that the endpoint itself found wrong (code <c>invalid</c>, like the grains' own).</summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Invalid });

    /// <summary>200 with the value, or the problem for the refusal.</summary>
    public static IResult Answer<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Refusal is { } refusal ? For(refusal) : Results.Ok(outcome.Value);
    }

    /// <summary>201 at <paramref name="location"/> with the value, or the problem for the refusal.</summary>
    public static IResult Created<T>(string location, Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Refusal is { } refusal ? For(refusal) : Results.Created(location, outcome.Value);
    }
}
