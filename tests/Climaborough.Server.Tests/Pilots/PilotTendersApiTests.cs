namespace Climaborough.Server.Tests.Pilots;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;

/// <summary>
/// A pilot's tenders over REST on a real node, in the private "Circular Sofia" lab of <see cref="DiscussionNode"/>
/// (Maria owner and Sofia's coordinator, Elena moderator, Ivan member, Giulia observer; Olga in no lab).
/// </summary>
[Collection("discussions")]
public sealed class PilotTendersApiTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewPilotAsync(HttpClient maria)
    {
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.WasteToCircularity, "Separate collection of biowaste", string.Empty, PilotStage.Procure), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
    }

    [Fact]
    public async Task A_moderator_publishes_and_awards_a_tender_readers_see_it_and_a_member_may_not_change_it()
    {
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria);
        using var elena = await lab.As("elena");
        var published = new TenderRequest("Smart bins for two districts", TenderProcedure.InnovationPartnership, TenderStatus.Published, new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 15), null, [new TenderLot("Sensors and bins", 380_000m, null), new TenderLot("Collection routing software", 120_000.25m, null)]);
        using var added = await elena.PostAsJsonAsync($"api/pilots/{id}/tenders", published, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var json = await added.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"procedure\":\"InnovationPartnership\"", json, StringComparison.Ordinal); // enums by name
        Assert.Contains("\"status\":\"Published\"", json, StringComparison.Ordinal);
        var tender = JsonSerializer.Deserialize<TenderView>(json, BoardJson.Options)!;
        Assert.Equal(500_000.25m, tender.TotalBudgetEur);

        using var ivan = await lab.As("ivan");
        using var byMember = await ivan.PutAsJsonAsync($"api/pilots/{id}/tenders/{tender.Id}", published with { Status = TenderStatus.Cancelled }, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);

        using var awarded = await elena.PutAsJsonAsync($"api/pilots/{id}/tenders/{tender.Id}", published with { Status = TenderStatus.Awarded, AwardedOn = new DateOnly(2025, 12, 1), Lots = [new TenderLot("Sensors and bins", 380_000m, "Eco Sense Ltd"), new TenderLot("Collection routing software", 120_000.25m, "RouteWise")] }, BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, awarded.StatusCode);

        using var giulia = await lab.As("giulia");
        var seen = (await giulia.GetFromJsonAsync<PilotTendersView>($"api/pilots/{id}/tenders", BoardJson.Options, Ct))!;
        Assert.False(seen.YouMayManage);
        var only = Assert.Single(seen.Tenders);
        Assert.Equal(TenderStatus.Awarded, only.Status);
        Assert.Equal(["Eco Sense Ltd", "RouteWise"], only.Lots.Select(l => l.AwardedTo));

        using var olga = await lab.As("olga");
        using var stranger = await olga.GetAsync($"api/pilots/{id}/tenders", Ct);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.DoesNotContain("Smart bins", await stranger.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_tenders_are_refused_with_each_field_named_and_nothing_is_stored()
    {
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria);

        async Task<JsonElement> RefusedAsync(HttpMethod method, string path, string json)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await maria.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {json}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("errors");
        }

        var several = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/tenders", """{"title":"Bins","procedure":"OpenProcedure","status":"Awarded","publishedOn":"2025-06-01","deadline":"2025-05-01","awardedOn":null,"lots":[{"title":"Bins","budgetEur":-5,"awardedTo":null}]}""");
        Assert.Equal(["lots[0].budgetEur", "lots", "deadline", "awardedOn"], several.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("deadline: after the publication date (2025-06-01)", several.GetProperty("deadline")[0].GetString(), StringComparison.Ordinal);
        var numericEnum = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/tenders", """{"title":"Bins","procedure":1,"status":"Planned","lots":[{"title":"Bins","budgetEur":5}]}""");
        Assert.NotEmpty(numericEnum.EnumerateObject());
        var unknownStatus = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/tenders", """{"title":"Bins","procedure":"OpenProcedure","status":"Finished","lots":[{"title":"Bins","budgetEur":5}]}""");
        Assert.NotEmpty(unknownStatus.EnumerateObject());
        var noLots = await RefusedAsync(HttpMethod.Post, $"api/pilots/{id}/tenders", """{"title":"Bins","procedure":"OpenProcedure","status":"Planned","lots":[]}""");
        Assert.True(noLots.TryGetProperty("lots", out _));

        var stored = (await maria.GetFromJsonAsync<PilotTendersView>($"api/pilots/{id}/tenders", BoardJson.Options, Ct))!;
        Assert.Empty(stored.Tenders);
        Assert.True(stored.YouMayManage);
    }
}
