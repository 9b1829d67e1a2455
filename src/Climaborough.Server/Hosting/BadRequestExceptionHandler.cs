namespace Climaborough.Server.Hosting;

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

/// <summary>
/// A request ASP.NET Core could not read (malformed JSON, wrong types, an enum given as a number or
/// an unknown name, missing body) is the caller's error: a 400 problem saying so, never a 500, in every
/// environment (so is a form with U+0000 in a field). When the JSON reader knows where it stopped, the problem names that field
/// (<c>field</c>, e.g. <c>visibility</c>, and the detail).
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A form body ASP.NET Core cannot decode (U+0000 in a field, a broken multipart body), wherever it was
        // first read (OpenIddict's token validation reads forms already in UseAuthentication).
        if (exception is InvalidDataException { Source: "Microsoft.AspNetCore.WebUtilities" } form)
        {
            exception = new BadHttpRequestException(form.Message, StatusCodes.Status400BadRequest, form);
        }

        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message },
        };
        if (bad.InnerException is JsonException json && FieldName(json.Path) is { } field)
        {
            var reason = json.InnerException is null && json.Message.StartsWith("Expected one of", StringComparison.Ordinal) ? " " + json.Message : string.Empty;
            details.ProblemDetails.Detail = $"The field '{field}' has a value that is not allowed.{reason}";
            details.ProblemDetails.Extensions["field"] = field;
            details.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [$"The value of '{field}' is not allowed.{reason}"] };
        }

        return await problems.TryWriteAsync(details);
    }

    /// <summary><c>$.visibility</c> → <c>visibility</c>; <c>$.changes[0].kind</c> → <c>changes[0].kind</c>; <c>$</c> → none.</summary>
    internal static string? FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
