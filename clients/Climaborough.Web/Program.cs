using Climaborough.Client;
using Climaborough.Web;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var baseAddress = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddScoped(_ =>
{
    var http = new HttpClient { BaseAddress = baseAddress };
    if (DemoUser.Current is { } user)
    {
        http.DefaultRequestHeaders.Add("X-Demo-User", user);
    }

    return http;
});
builder.Services.AddScoped<ClimaboroughApi>();
builder.Services.AddSingleton<ILiveConnection>(_ => new LiveConnection(new Uri(baseAddress, DemoUser.Current is { } user ? $"hubs/live?demo_user={user}" : "hubs/live")));
builder.Services.AddLocalization();
builder.Services.AddScoped<CulturePreference>();
builder.Services.AddScoped<DemoUser>();
builder.Services.AddScoped<IPendingStore, SessionPendingStore>();
builder.Services.AddSingleton<NetworkWatcher>();

var host = builder.Build();
await host.Services.GetRequiredService<CulturePreference>().ApplyStoredAsync();
await host.Services.GetRequiredService<DemoUser>().LoadAsync();
await host.Services.GetRequiredService<NetworkWatcher>().StartAsync();
await host.Services.GetRequiredService<ILiveConnection>().StartAsync();
await host.RunAsync();
