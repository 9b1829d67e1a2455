namespace Climaborough.Server.Demo;

using System.Text.Json;
using Climaborough.Abstractions.Cities;

/// <summary>
/// Development only: creates the demo partner cities from <c>Demo/cities.json</c> when they do not
/// exist yet, so a restart never overwrites what users changed.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, IHostEnvironment environment, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Demo", "cities.json");
        await using var file = File.OpenRead(path);
        var cities = await JsonSerializer.DeserializeAsync<List<DemoCity>>(file, JsonSerializerOptions.Web, cancellationToken) ?? [];
        var created = 0;
        foreach (var city in cities)
        {
            var grain = grains.GetGrain<ICityGrain>(city.Id);
            if (await grain.GetAsync() is null)
            {
                await grain.UpsertAsync(new CityProfile(city.Name, city.Country, city.Languages));
                created++;
            }
        }

        logger.LogInformation("Demo data ({Environment}): {Created} of {Total} partner cities created", environment.EnvironmentName, created, cities.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record DemoCity(string Id, string Name, string Country, string[] Languages);
}
