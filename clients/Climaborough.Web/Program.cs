using Climaborough.Client;
using Climaborough.Web;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var baseAddress = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
builder.Services.AddScoped<ClimaboroughApi>();
builder.Services.AddSingleton<ILiveConnection>(_ => new LiveConnection(new Uri(baseAddress, "hubs/live")));
builder.Services.AddLocalization();
builder.Services.AddScoped<CulturePreference>();

var host = builder.Build();
await host.Services.GetRequiredService<CulturePreference>().ApplyStoredAsync();
await host.Services.GetRequiredService<ILiveConnection>().StartAsync();
await host.RunAsync();
