namespace Climaborough.Server.Hosting;

using Microsoft.AspNetCore.Diagnostics;

/// <summary>
/// A request ASP.NET Core could not read (malformed JSON, wrong types, missing body) is the caller's
/// error: a 400 problem saying so, never a 500, in every environment.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message },
        });
    }
}
