namespace Climaborough.E2E.Tests;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>The node as an operator runs it: start, restart, misconfiguration.</summary>
public sealed class NodeLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stored_cities_survive_a_crash_and_a_restart_without_demo_data()
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path };
        CityDto before;
        await using (var first = NodeProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            Assert.Contains(data.Path, first.Output, StringComparison.Ordinal);
            before = await GetSofiaAsync(first.Url);
        }

        // Second start: Production, so no demo seeding; what it lists can only come from storage.
        await using var second = NodeProcess.Start(settings, environment: "Production");
        await second.WaitReadyAsync();
        var after = await GetSofiaAsync(second.Url);

        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Theory]
    [InlineData("AzureStorage", "not a connection string", "Storage:Azure:ConnectionString")]
    [InlineData("AzureStorage", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;", "Storage:Azure:ConnectionString")]
    [InlineData("Cassandra", "", "Storage:Backend")]
    public async Task A_misconfigured_storage_stops_the_node_with_one_line_naming_the_setting(string backend, string connectionString, string setting)
    {
        await using var node = NodeProcess.Start(new Dictionary<string, string>
        {
            ["Storage__Backend"] = backend,
            ["Storage__Azure__ConnectionString"] = connectionString,
        });

        var exitCode = await node.WaitExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        var lines = node.Output.Split('\n').Where(l => l.Contains("Cannot start", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", node.Output, StringComparison.Ordinal);
    }

    private static async Task<CityDto> GetSofiaAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        var sofia = await http.GetFromJsonAsync<CityDto>("api/cities/sofia", Ct);
        return sofia!;
    }
}
