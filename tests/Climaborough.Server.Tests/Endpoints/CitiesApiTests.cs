namespace Climaborough.Server.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Client;
using Climaborough.Contracts;

/// <summary>The cities REST API, health endpoints and the served app, over a real Kestrel.</summary>
public sealed class CitiesApiTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_cities_are_listed_by_name_with_sofia_among_them()
    {
        using var http = node.CreateHttpClient();
        var cities = await new ClimaboroughApi(http).GetCitiesAsync(Ct);

        Assert.True(cities.Count >= 5, $"expected the demo cities, got {cities.Count}");
        var sofia = Assert.Single(cities, c => c.Id == "sofia");
        Assert.Equal("BG", sofia.Country);
        Assert.Contains("bg", sofia.Languages);
        Assert.Equal(cities.Select(c => c.Name).Order(StringComparer.InvariantCulture), cities.Select(c => c.Name));
    }

    [Fact]
    public async Task One_city_is_returned_by_id()
    {
        using var http = node.CreateHttpClient();
        var sofia = await new ClimaboroughApi(http).GetCityAsync("sofia", Ct);
        Assert.NotNull(sofia);
        Assert.Contains("Sofia", sofia.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_city_is_a_404_problem()
    {
        using var http = node.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("api/cities/atlantis", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Ct);
        Assert.Equal(404, problem!.Status);
    }

    [Theory]
    [InlineData("api/cities/NOT_VALID")]
    [InlineData("api/cities/a")]
    [InlineData("api/cities/%3Cscript%3E")]
    public async Task A_malformed_city_id_is_a_400_problem(string path)
    {
        using var http = node.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_app()
    {
        using var http = node.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("api/nothing-here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_endpoints_answer_and_ready_means_silo_and_storage()
    {
        using var http = node.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("health/live", UriKind.Relative), Ct)).StatusCode);
        using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_cities_api()
    {
        using var http = node.CreateHttpClient();
        var doc = await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        Assert.Contains("/api/cities/{cityId}", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_app_is_served_at_the_root_and_for_client_routes()
    {
        using var http = node.CreateHttpClient();
        foreach (var path in new[] { "", "cities", "labs" })
        {
            var html = await http.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Contains("_framework/blazor.webassembly.js", html, StringComparison.Ordinal);
        }
    }

    private sealed record ProblemBody(int Status, string? Title, string? Detail);
}
