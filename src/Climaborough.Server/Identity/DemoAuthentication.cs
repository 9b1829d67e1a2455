namespace Climaborough.Server.Identity;

using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

/// <summary>
/// DEVELOPMENT ONLY stand-in for sign-in until the OpenID Connect server lands (issue 5): the caller
/// names a demo user in the <c>X-Demo-User</c> header or the <c>demo_user</c> query parameter (browsers
/// cannot set headers on WebSockets). It authenticates nobody unless the environment is Development
/// and <c>Auth:DemoUsers</c> is true, so in any other environment every signed-in-only endpoint answers 401.
/// </summary>
public sealed partial class DemoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IHostEnvironment environment,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "DemoUser";

    /// <summary>Whether demo users may sign in in this process.</summary>
    public static bool Enabled(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && configuration.GetValue("Auth:DemoUsers", true);

    /// <summary>Whether this request names a demo user and demo users are enabled (the API scheme then forwards here).</summary>
    public static bool Requested(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Request.Headers.ContainsKey("X-Demo-User") || context.Request.Query.ContainsKey("demo_user"))
            && Enabled(context.RequestServices.GetRequiredService<IHostEnvironment>(), context.RequestServices.GetRequiredService<IConfiguration>());
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Enabled(environment, configuration))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string? user = Request.Headers["X-Demo-User"];
        if (string.IsNullOrEmpty(user))
        {
            user = Request.Query["demo_user"];
        }

        if (string.IsNullOrEmpty(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!UserPattern().IsMatch(user))
        {
            return Task.FromResult(AuthenticateResult.Fail("A demo user name is 2 to 32 lower-case letters, digits or dashes."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "demo:" + user), new Claim(ClaimTypes.Name, user)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex UserPattern();
}
