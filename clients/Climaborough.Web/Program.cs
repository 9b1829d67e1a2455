using System.Globalization;
using Climaborough.Client;
using Climaborough.Web;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var baseAddress = new Uri(builder.HostEnvironment.BaseAddress);

// Sign-in: the standard OpenID Connect flow (authorization code + PKCE) against the node's own
// server; any other authority works the same way when the node is configured for it.
builder.Services.AddOidcAuthentication(o =>
{
    o.ProviderOptions.Authority = baseAddress.ToString();
    o.ProviderOptions.ClientId = "climaborough-web";
    o.ProviderOptions.ResponseType = "code";
    o.ProviderOptions.DefaultScopes.Clear();
    foreach (var scope in (string[])["openid", "profile", "email", "roles", "offline_access", "climaborough-api"])
    {
        o.ProviderOptions.DefaultScopes.Add(scope);
    }

    // The sign-in pages speak the app's language.
    o.ProviderOptions.AdditionalProviderParameters["ui_locales"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    o.UserOptions.NameClaim = "name";
    o.UserOptions.RoleClaim = "role";
});
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped(sp => new HttpClient(new AccessTokenHandler(sp.GetRequiredService<IAccessTokenProvider>()) { InnerHandler = new HttpClientHandler() }) { BaseAddress = baseAddress });
builder.Services.AddScoped<ClimaboroughApi>();
builder.Services.AddScoped<ILiveConnection>(sp =>
{
    var tokens = sp.GetRequiredService<IAccessTokenProvider>();
    return new LiveConnection(new Uri(baseAddress, "hubs/live"), accessToken: () => AccessTokenHandler.TryGetAsync(tokens));
});
builder.Services.AddLocalization();
builder.Services.AddScoped<CulturePreference>();
builder.Services.AddScoped<IPendingStore, SessionPendingStore>();
builder.Services.AddScoped<NetworkWatcher>();

var host = builder.Build();
await host.Services.GetRequiredService<CulturePreference>().ApplyStoredAsync();
await host.Services.GetRequiredService<NetworkWatcher>().StartAsync();
await host.Services.GetRequiredService<ILiveConnection>().StartAsync();
await host.RunAsync();
