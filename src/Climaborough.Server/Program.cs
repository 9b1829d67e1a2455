using Climaborough.Contracts;
using Climaborough.Server.Demo;
using Climaborough.Server.Endpoints;
using Climaborough.Server.Files;
using Climaborough.Server.Hosting;
using Climaborough.Server.Identity;
using Climaborough.Server.Realtime;
using Climaborough.Storage;

var builder = WebApplication.CreateBuilder(args);

StorageOptions storage;
try
{
    storage = StorageRegistration.ReadStorageOptions(builder.Configuration, builder.Environment.ContentRootPath);
    await StorageRegistration.CheckReachableAsync(storage);
}
catch (StorageConfigurationException ex)
{
    return StartupFailure.Report(ex);
}

builder.AddClimaboroughOrleans(storage);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddWebHardening();
builder.AddClimaboroughIdentity(storage);
builder.Services.AddOpenApi();
builder.Services.AddClimaboroughHub();
builder.Services.AddClimaboroughFiles(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => BoardJson.Configure(o.SerializerOptions));
builder.Services.AddClimaboroughHealthChecks();
builder.Services.AddHostedService<Climaborough.Server.Pilots.MilestoneReminderSweep>();
if (builder.Configuration.GetValue("DemoData:Enabled", builder.Environment.IsDevelopment()))
{
    builder.Services.AddHostedService<DemoSeeder>();
}

var app = builder.Build();

app.UseWebHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBlazorFrameworkFiles();
app.UseHubAccessTokens();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseStaticFiles();
app.MapOpenApi().AllowAnonymous();
app.MapClimaboroughHealth();
app.MapCitiesApi();
app.MapBoardsApi();
app.MapAccountsApi();
app.MapLabsApi();
app.MapThreadsApi();
app.MapNotificationsApi();
app.MapSessionsApi();
app.MapWorkshopTemplatesApi();
app.MapLessonsApi();
app.MapPilotsApi();
app.MapFilesApi();
app.MapAttachmentsApi();
app.MapPilotsOpenApi();
app.MapPilotTendersApi();
app.MapPilotReplicationsApi();
app.MapCommentsApi();
app.MapConnectEndpoints();
app.MapAccountPages();
app.MapHub<LiveHub>(LivePaths.Hub);
app.MapFallback("/api/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API endpoint"));
app.MapFallbackToFile("index.html");
app.Lifetime.ApplicationStarted.Register(() => StartupFailure.AnnounceUrls(app));

app.Logger.LogInformation("Storage: {Storage}", app.Services.GetRequiredService<IStorageProbe>().Description);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
