namespace Climaborough.Web.Tests.Cities;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Cities;

/// <summary>The Cities page's ClimHubs with each city's role, and a city's page with its roles, pilots, labs and lessons.</summary>
public sealed class CityHubsTests : WebTestContext
{
    private static readonly CityDto Sofia = new("sofia", "София (Sofia)", "BG", ["bg", "en"], DateTimeOffset.UnixEpoch);
    private static readonly CityDto Torino = new("torino", "Torino (Turin)", "IT", ["it", "en"], DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_cities_page_shows_both_hubs_with_their_leaders_and_followers_and_each_citys_roles()
    {
        Http.Json("/api/cities", new[] { Sofia, Torino });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.city").Count));

        var waste = cut.Find("[data-testid=hub-roles] [data-hub=waste-to-circularity]");
        Assert.Equal("From waste to circularity", waste.QuerySelector("h3")!.TextContent);
        Assert.Equal(["Cascais", "Ioannina", "Maribor", "Torino"], waste.QuerySelectorAll("[data-role=Leader] a").Select(a => a.TextContent));
        Assert.Equal(["Sofia"], waste.QuerySelectorAll("[data-role=Follower] a").Select(a => a.TextContent));
        var energy = cut.Find("[data-testid=hub-roles] [data-hub=energy-and-mobility]");
        Assert.Equal(["Athens", "Differdange", "Grenoble", "Sofia"], energy.QuerySelectorAll("[data-role=Leader] a").Select(a => a.TextContent));
        Assert.Empty(energy.QuerySelectorAll("[data-role=Follower]")); // no follower named publicly yet
        Assert.Equal("cities/sofia", waste.QuerySelector("a[data-city=sofia]")!.GetAttribute("href"));
        Assert.Empty(cut.FindAll(".illustrative")); // every city in the hubs today is named by the programme

        var sofia = cut.Find("li.city[data-city=sofia]");
        Assert.Equal(
            ["Follower · From waste to circularity", "Leader · From isolated energy and mobility systems to integrated services"],
            sofia.QuerySelectorAll("[data-testid=city-hub-roles] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("cities/sofia", sofia.QuerySelector("a.city-name")!.GetAttribute("href"));
        Assert.Equal(["Leader · From waste to circularity"], cut.Find("li.city[data-city=torino]").QuerySelectorAll("[data-testid=city-hub-roles] li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void A_citys_page_lists_its_roles_pilots_labs_and_lessons_asking_the_server_for_that_city()
    {
        Http.Json("/api/cities/sofia", Sofia);
        Http.Json("/api/pilots", new[] { new PilotSummary("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.Deploy, PilotStatus.Late, 1, DateTimeOffset.UnixEpoch) });
        Http.Json("/api/labs", new[] { new LabSummary("l1", "sofia", "Circular Sofia", LabThemes.WasteToCircularity, LabVisibility.Network, 3, DateTimeOffset.UnixEpoch) });
        Http.Json("/api/lessons", new[] { new LessonSummary("ls1", "Separate collection in the neighbourhoods", LessonKind.Lesson, "sofia", "l1", LabThemes.WasteToCircularity, [], LessonVisibility.Public, "Maria Petrova", DateTimeOffset.UnixEpoch, [], "Residents did not know") });
        var cut = Render<City>(p => p.Add(x => x.CityId, "sofia"));

        cut.WaitForAssertion(() => Assert.Equal("София (Sofia)", cut.Find("[data-testid=city-title]").TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=city-hubs] li").Count);
        var pilot = cut.Find("[data-testid=city-pilots] li[data-pilot=pl1]");
        Assert.Equal("pilots/pl1", pilot.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Deploy", pilot.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Late", pilot.QuerySelector("[data-testid=pilot-status]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("labs/l1", cut.Find("[data-testid=city-labs] li[data-lab=l1] a").GetAttribute("href"));
        Assert.Equal("lessons/ls1", cut.Find("[data-testid=city-lessons] li[data-lesson=ls1] a").GetAttribute("href"));
        Assert.Contains(Http.Requests, r => r.Path == "/api/pilots" && r.Query == "?city=sofia");
        Assert.Contains(Http.Requests, r => r.Path == "/api/labs" && r.Query == "?city=sofia");
        Assert.Contains(Http.Requests, r => r.Path == "/api/lessons" && r.Query == "?city=sofia");
    }

    [Fact]
    public void A_city_with_nothing_visible_says_so_and_an_unknown_city_is_not_found()
    {
        Http.Json("/api/cities/torino", Torino);
        Http.Json("/api/pilots", Array.Empty<PilotSummary>());
        Http.Json("/api/labs", Array.Empty<LabSummary>());
        Http.Json("/api/lessons", Array.Empty<LessonSummary>());
        var cut = Render<City>(p => p.Add(x => x.CityId, "torino"));
        cut.WaitForAssertion(() => Assert.Equal("No pilot you may see yet.", cut.Find("[data-testid=city-pilots] .empty").TextContent));
        Assert.Equal("No living lab you may see yet.", cut.Find("[data-testid=city-labs] .empty").TextContent);

        var missing = Render<City>(p => p.Add(x => x.CityId, "atlantis"));
        missing.WaitForAssertion(() => Assert.Contains("There is no such city.", missing.Find("[data-testid=city-not-found]").TextContent, StringComparison.Ordinal));
    }
}

public sealed class CityHubsInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void Hubs_roles_and_city_names_are_in_bulgarian()
    {
        Http.Json("/api/cities", new[] { new CityDto("sofia", "София", "BG", ["bg"], DateTimeOffset.UnixEpoch) });
        var cut = Render<CityList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("li.city")));

        Assert.Equal("От отпадъци към кръгова икономика", cut.Find("[data-hub=waste-to-circularity] h3").TextContent);
        Assert.Contains("Водещи градове:", cut.Find("[data-hub=energy-and-mobility] [data-role=Leader]").TextContent, StringComparison.Ordinal);
        Assert.Equal("София", cut.Find("[data-hub=energy-and-mobility] a[data-city=sofia]").TextContent);
        Assert.Contains(cut.FindAll("li.city [data-testid=city-hub-roles] li"), li => li.TextContent.Trim() == "Следващ град · От отпадъци към кръгова икономика");
    }
}
