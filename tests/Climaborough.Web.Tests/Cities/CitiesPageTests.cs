namespace Climaborough.Web.Tests.Cities;

using Bunit;
using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Web.Cities;

public sealed class CitiesPageTests : WebTestContext
{
    private static readonly CityDto Sofia = new("sofia", "София (Sofia)", "BG", ["bg", "en"], DateTimeOffset.UnixEpoch);
    private static readonly CityDto Cascais = new("cascais", "Cascais", "PT", ["pt"], DateTimeOffset.UnixEpoch);

    [Fact]
    public void It_lists_the_cities_with_country_and_languages()
    {
        Http.Json("/api/cities", new[] { Cascais, Sofia });
        var cut = Render<CityList>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.city").Count));
        var sofia = cut.Find("li[data-city=sofia]");
        Assert.Contains("София (Sofia)", sofia.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bulgaria", sofia.TextContent, StringComparison.Ordinal);
        Assert.Contains("English", sofia.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_watches_every_listed_city_and_shows_a_live_change()
    {
        Http.Json("/api/cities", new[] { Cascais, Sofia });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Equal(["cascais", "sofia"], Live.Watching("city").Order()));

        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.CityChanged, "sofia", Sofia with { Name = "Sofia Municipality", UpdatedAt = DateTimeOffset.UnixEpoch.AddHours(1) }));

        cut.WaitForAssertion(() => Assert.Contains("Sofia Municipality", cut.Find("li[data-city=sofia]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_older_change_arriving_late_does_not_overwrite_a_newer_one()
    {
        Http.Json("/api/cities", new[] { Sofia with { Name = "Newer", UpdatedAt = DateTimeOffset.UnixEpoch.AddHours(2) } });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li.city")));

        await cut.InvokeAsync(() => Live.RaiseAsync(LiveEvents.CityChanged, "sofia", Sofia with { Name = "Older", UpdatedAt = DateTimeOffset.UnixEpoch.AddHours(1) }));

        Assert.Contains("Newer", cut.Find("li[data-city=sofia]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_load_says_so_and_try_again_recovers()
    {
        Http.Fail("/api/cities");
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Contains("could not be loaded", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        Http.Json("/api/cities", new[] { Sofia });
        cut.Find("[role=alert] button").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li.city")));
    }

    [Fact]
    public async Task Leaving_the_page_stops_watching()
    {
        Http.Json("/api/cities", new[] { Sofia });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Single(Live.Watching("city")));

        await DisposeComponentsAsync();

        Assert.Empty(Live.Watching("city"));
    }
}

public sealed class CitiesPageInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void Headings_and_countries_are_in_bulgarian()
    {
        Http.Json("/api/cities", new[] { new CityDto("sofia", "София", "BG", ["bg"], DateTimeOffset.UnixEpoch) });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li.city")));
        Assert.Equal("Градове партньори", cut.Find("h1").TextContent);
        Assert.Contains("България", cut.Find("li.city").TextContent, StringComparison.Ordinal);
    }
}
