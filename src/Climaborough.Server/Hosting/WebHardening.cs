namespace Climaborough.Server.Hosting;

using Microsoft.AspNetCore.Http.Features;

/// <summary>
/// Security headers on every response (NetEscapades.AspNetCore.SecurityHeaders), and requests that
/// cannot be read answered 400 with a problem in every environment. See docs/security.md, "Headers".
/// </summary>
public static class WebHardening
{
    /// <summary>
    /// The Content-Security-Policy of the app, the account pages and everything else. Only the app's
    /// own origin: no inline script (Blazor WebAssembly needs <c>'wasm-unsafe-eval'</c> to compile its
    /// runtime, nothing else), no inline <c>&lt;style&gt;</c>; <c>style</c> attributes are allowed
    /// (<c>style-src-attr</c>) because Blazor renders the board's colours and positions as attributes.
    /// </summary>
    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
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
    public static IApplicationBuilder UseWebHardening(this IApplicationBuilder app) => app.UseSecurityHeaders(Policies());
}
