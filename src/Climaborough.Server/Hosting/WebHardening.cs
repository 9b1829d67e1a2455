namespace Climaborough.Server.Hosting;

/// <summary>
/// Security headers on every response (NetEscapades.AspNetCore.SecurityHeaders), and requests that
/// cannot be read answered 400 with a problem in every environment. See docs/security.md, "Headers".
/// </summary>
public static class WebHardening
{
    /// <summary>
    /// The headers of a response. The Content-Security-Policy allows only the app's own origin: no inline
    /// script (Blazor WebAssembly needs <c>'wasm-unsafe-eval'</c> to compile its runtime, nothing else), no
    /// inline <c>&lt;style&gt;</c>; <c>style</c> attributes are allowed (<c>style-src-attr</c>) because
    /// Blazor renders the board's colours and positions as attributes. Framing: the account pages (where
    /// passwords are typed) never (<c>frame-ancestors 'none'</c>, <c>X-Frame-Options: DENY</c>); the app
    /// and the OpenID Connect endpoints only by the app itself (<c>'self'</c>, <c>SAMEORIGIN</c>), because
    /// the sign-in library checks for a session in a hidden same-origin iframe (<c>prompt=none</c>).
    /// </summary>
    public static HeaderPolicyCollection Policies(bool accountPage)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .AddStrictTransportSecurityMaxAge()
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().WasmUnsafeEval();
                csp.AddStyleSrc().Self();
                csp.AddStyleSrcElem().Self();
                csp.AddStyleSrcAttr().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self(); // 'self' covers ws:/wss: of the same host (CSP 3): the SignalR hub
                csp.AddWorkerSrc().Self();
                csp.AddManifestSrc().Self();
                csp.AddFrameSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                if (accountPage)
                {
                    csp.AddFrameAncestors().None();
                }
                else
                {
                    csp.AddFrameAncestors().Self();
                }
            });
        return accountPage ? policies.AddFrameOptionsDeny() : policies.AddFrameOptionsSameOrigin();
    }

    /// <summary>
    /// The headers of an uploaded file's content (docs/security.md, "Files"): nothing in it may run or load
    /// anything (<c>default-src 'none'; sandbox</c>), it is never framed, and it is never sniffed.
    /// </summary>
    public static HeaderPolicyCollection FilePolicies() =>
        new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyNoReferrer()
            .AddStrictTransportSecurityMaxAge()
            .RemoveServerHeader()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddSandbox();
                csp.AddFrameAncestors().None();
            });

    /// <summary>Registers what <see cref="UseWebHardening"/> needs.</summary>
    public static IServiceCollection AddWebHardening(this IServiceCollection services)
    {
        // Minimal APIs answer an unreadable body with a bare 400 outside Development; throwing lets
        // BadRequestExceptionHandler write the same problem (naming the field) everywhere.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Adds the headers to every response; call first, so errors and static files get them too.</summary>
    public static IApplicationBuilder UseWebHardening(this IApplicationBuilder app)
    {
        var account = Policies(accountPage: true);
        var other = Policies(accountPage: false);
        var file = FilePolicies();
        return app
            .UseWhen(c => IsAccountPage(c.Request.Path), a => a.UseSecurityHeaders(account))
            .UseWhen(c => IsFileContent(c.Request.Path), a => a.UseSecurityHeaders(file))
            .UseWhen(c => !IsAccountPage(c.Request.Path) && !IsFileContent(c.Request.Path), a => a.UseSecurityHeaders(other));
    }

    /// <summary>An uploaded file's bytes: <c>/api/labs/{labId}/files/{fileId}/content</c> or <c>/thumbnail</c>.</summary>
    private static bool IsFileContent(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 6 && segments[0] == "api" && segments[1] == "labs" && segments[3] == "files" && segments[5] is "content" or "thumbnail";
    }

    private static bool IsAccountPage(PathString path) => path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);
}
