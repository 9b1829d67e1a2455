namespace Climaborough.Server.Tests.Labs;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>The lab matrix on the network dashboard and the pilots' open data: each person sees exactly the pilots of labs they may read; open data holds exactly those anyone may read.</summary>
public sealed partial class AuthorizationMatrixTests
{
    [Fact]
    public async Task The_dashboard_shows_each_person_exactly_the_pilots_of_labs_they_may_read()
    {
        var pilots = await PilotsAsync();
        foreach (var person in People)
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            var view = (await http.GetFromJsonAsync<DashboardView>("api/dashboard", BoardJson.Options, Ct))!;
            var listed = view.Pilots.Select(p => p.Summary.Id).Where(pilots.ContainsValue).Order().ToList();
            var expected = LabNames.Where(lab => Allowed(LabAction.Read, person, lab)).Select(lab => pilots[lab]).Order().ToList();
            Assert.True(expected.SequenceEqual(listed), $"{person} sees {string.Join(",", listed)} on the dashboard");
            Assert.Equal(person == "anonymous", view.Public);
        }
    }

    [Fact]
    public async Task The_sandbox_register_finds_for_each_person_exactly_the_barriers_of_labs_they_may_read()
    {
        var pilots = await PilotsAsync();
        foreach (var person in People)
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            var hits = (await http.GetFromJsonAsync<SandboxHit[]>("api/sandbox?q=matrix&status=Rejected", BoardJson.Options, Ct))!;
            var found = hits.Select(h => h.Entry.PilotId).Where(pilots.ContainsValue).Order().ToList();
            var expected = LabNames.Where(lab => Allowed(LabAction.Read, person, lab)).Select(lab => pilots[lab]).Order().ToList();
            Assert.True(expected.SequenceEqual(found), $"{person} finds barriers of {string.Join(",", found)}");
        }
    }

    [Fact]
    public async Task Open_data_holds_exactly_the_pilots_anyone_may_read_whoever_asks()
    {
        var pilots = await PilotsAsync();
        var expected = LabNames.Where(lab => Allowed(LabAction.Read, "anonymous", lab)).Select(lab => pilots[lab]).Order().ToList();
        Assert.NotEmpty(expected);
        foreach (var person in new[] { "maria", "anonymous" })
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            var document = (await http.GetFromJsonAsync<OpenPilotsDocument>("api/open-data/pilots.json", BoardJson.Options, Ct))!;
            Assert.Equal(expected, document.Pilots.Select(p => p.Id).Where(pilots.ContainsValue).Order().ToList());
            Assert.Equal(expected, document.Measurements.Select(m => m.PilotId).Where(pilots.ContainsValue).Distinct().Order().ToList());
            Assert.Equal(expected, document.Sandbox.Select(b => b.PilotId).Where(pilots.ContainsValue).Distinct().Order().ToList());
            foreach (var file in new[] { "milestones.csv", "sandbox.csv" })
            {
                var csv = await http.GetStringAsync(new Uri("api/open-data/" + file, UriKind.Relative), Ct);
                Assert.All(LabNames.Where(lab => !Allowed(LabAction.Read, "anonymous", lab)), lab => Assert.DoesNotContain(pilots[lab], csv, StringComparison.Ordinal));
            }
        }
    }
}
